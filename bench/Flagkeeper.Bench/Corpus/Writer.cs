using System.Globalization;
using System.Text;
using static Flagkeeper.Bench.Corpus.Langs;
using static Flagkeeper.Bench.Corpus.Plants;

namespace Flagkeeper.Bench.Corpus;

/// <summary>How densely a file is planted.</summary>
/// <param name="Plant">Chance that a statement slot holds a planted usage.</param>
/// <param name="Decoy">Chance that a statement slot holds a decoy.</param>
/// <param name="Member">Chance that a member slot holds a planted attribute or a trigger-named declaration.</param>
/// <param name="MinUsages">The file grows past its target size until it holds at least this many usages (the dense corpus).</param>
internal readonly record struct Density(double Plant, double Decoy, double Member, int MinUsages = 0);

/// <summary>Writes one source file: the language's file structure, filler code, and planted usages and decoys in its slots.</summary>
internal sealed class Writer
{
    private readonly FileBuilder _f;
    private readonly Random _r;
    private readonly Lang _l;
    private readonly int _target;
    private readonly Density _density;
    private int _depth;

    private Writer(FileBuilder f, int target, Density density)
    {
        _f = f;
        _r = f.R;
        _l = f.Lang;
        _target = target;
        _density = density;
    }

    public static void Write(FileBuilder f, int target, Density density) => new Writer(f, target, density).Write();

    private bool Full => _f.Length >= _target && _f.Truth.Count >= _density.MinUsages;

    private void Write()
    {
        switch (_l)
        {
            case Lang.Razor: Razor(); break;
            case Lang.Erb: Erb(); break;
            case Lang.Vue: Vue(); break;
            case Lang.Svelte: Svelte(); break;
            case Lang.Py: Python(); break;
            case Lang.Rb: Ruby(); break;
            case Lang.Go: Go(); break;
            case Lang.Ts or Lang.Tsx or Lang.Js or Lang.Jsx or Lang.Mjs: Script(); break;
            default: ClassBased(); break;
        }
    }

    // =====================================================================================
    // File structures
    // =====================================================================================

    private string[] SdkImport() => _f.Sdk is { } sdk ? ImportLines(sdk, _l, _r) ?? [] : [];

    private void ClassBased()
    {
        var type = Text.PascalId(_r);
        switch (_l)
        {
            case Lang.Cs:
                _f.Emit("using System;");
                _f.Emit("using System.Collections.Generic;");
                _f.Emit("using System.Linq;");
                _f.Emit("using System.Threading.Tasks;");
                if (_r.Next(3) == 0)
                {
                    _f.Emit("using Microsoft.FeatureManagement;");
                }
                foreach (var line in SdkImport())
                {
                    _f.Emit(line);
                }
                _f.Blank();
                _f.Emit($"namespace Acme.{Text.PascalId(_r)}.{Text.PascalId(_r)};");
                _f.Blank();
                _f.Emit("/// <summary>");
                _f.Emit("/// " + Text.Sentence(_r));
                _f.Emit("/// </summary>");
                _f.Emit($"public sealed class {type}");
                _f.Emit("{");
                _f.In();
                _f.Emit($"private readonly I{Text.PascalId(_r)} _{Text.Camel(_r)};");
                _f.Emit($"private const int {Text.UpperSnake(_r)} = {Text.Number(_r)};");
                break;
            case Lang.Java:
                _f.Emit($"package com.acme.{Text.Noun(_r)}.{Text.Noun(_r)};");
                _f.Blank();
                _f.Emit("import java.util.List;");
                _f.Emit("import java.util.Map;");
                foreach (var line in SdkImport())
                {
                    _f.Emit(line);
                }
                _f.Blank();
                _f.Emit("/**");
                _f.Emit(" * " + Text.Sentence(_r));
                _f.Emit(" */");
                _f.Emit($"public class {type} {{");
                _f.In();
                _f.Emit($"private static final int {Text.UpperSnake(_r)} = {_r.Next(1000)};");
                break;
            case Lang.Kt:
                _f.Emit($"package com.acme.{Text.Noun(_r)}");
                _f.Blank();
                _f.Emit("import kotlinx.coroutines.flow.Flow");
                foreach (var line in SdkImport())
                {
                    _f.Emit(line);
                }
                _f.Blank();
                _f.Emit($"class {type}(private val {Text.Camel(_r)}: {Text.PascalId(_r)}) {{");
                _f.In();
                break;
            case Lang.Scala:
                _f.Emit($"package com.acme.{Text.Noun(_r)}");
                _f.Blank();
                _f.Emit("import scala.collection.mutable");
                foreach (var line in SdkImport())
                {
                    _f.Emit(line);
                }
                _f.Blank();
                _f.Emit($"class {type}(val {Text.Camel(_r)}: Int) {{");
                _f.In();
                break;
            case Lang.Swift:
                _f.Emit("import Foundation");
                foreach (var line in SdkImport())
                {
                    _f.Emit(line);
                }
                _f.Blank();
                _f.Emit("/// " + Text.Sentence(_r));
                _f.Emit($"final class {type} {{");
                _f.In();
                _f.Emit($"private var {Text.Camel(_r)}: [String: Int] = [:]");
                break;
            case Lang.Php:
                _f.Emit("<?php");
                _f.Blank();
                _f.Emit("declare(strict_types=1);");
                _f.Blank();
                _f.Emit($"namespace App\\{Text.PascalId(_r)};");
                _f.Blank();
                _f.Emit($"use App\\Models\\{Text.PascalId(_r)};");
                foreach (var line in SdkImport())
                {
                    _f.Emit(line);
                }
                _f.Blank();
                _f.Emit($"final class {type}");
                _f.Emit("{");
                _f.In();
                _f.Emit($"private array ${Text.Camel(_r)} = [];");
                break;
            case Lang.Rs:
                _f.Emit("use std::collections::HashMap;");
                _f.Emit("use std::env;");
                foreach (var line in SdkImport())
                {
                    _f.Emit(line);
                }
                _f.Blank();
                _f.Emit("/// " + Text.Sentence(_r));
                _f.Emit($"pub struct {type} {{");
                _f.Emit($"    {Text.Snake(_r)}: HashMap<String, i64>,");
                _f.Emit("}");
                _f.Blank();
                _f.Emit($"impl {type} {{");
                _f.In();
                break;
        }
        _f.Blank();
        while (!Full)
        {
            MemberSlot();
            Method();
            _f.Blank();
        }
        _f.Out();
        _f.Emit("}");
    }

    private void Script()
    {
        _f.Emit(IsTyped(_l) ? $"import {{ {Text.Camel(_r)}, type {Text.PascalId(_r)} }} from './{Text.Noun(_r)}';" : $"import {{ {Text.Camel(_r)} }} from './{Text.Noun(_r)}.js';");
        if (IsJsx(_l))
        {
            _f.Emit("import React, { useState } from 'react';");
        }
        foreach (var line in SdkImport())
        {
            _f.Emit(line);
        }
        _f.Blank();
        _f.Emit($"const {Text.UpperSnake(_r)} = {Text.Number(_r)};");
        _f.Blank();
        while (!Full)
        {
            MemberSlot();
            if (IsJsx(_l) && _r.Next(2) == 0)
            {
                Component();
            }
            else if (_r.Next(4) == 0)
            {
                JsClass();
            }
            else
            {
                Method();
            }
            _f.Blank();
        }
        if (_l == Lang.Mjs || _r.Next(2) == 0)
        {
            _f.Emit($"export default {{ {Text.Camel(_r)} }};");
        }
    }

    private void JsClass()
    {
        _f.Emit($"export class {Text.PascalId(_r)} {{");
        _f.In();
        _f.Emit(IsTyped(_l) ? $"private {Text.Camel(_r)}: number = {Text.Number(_r)};" : $"{Text.Camel(_r)} = {Text.Number(_r)};");
        _f.Blank();
        for (var i = 0; i < 1 + _r.Next(3) && !Full; i++)
        {
            Method(inClass: true);
            _f.Blank();
        }
        _f.Out();
        _f.Emit("}");
    }

    private void Component()
    {
        var props = $"{{ {Text.Camel(_r)}, {Text.Camel(_r)} }}";
        _f.Emit(IsTyped(_l) ? $"export function {Text.PascalId(_r)}({props}: {Text.PascalId(_r)}Props) {{" : $"export function {Text.PascalId(_r)}({props}) {{");
        _f.In();
        _f.Emit($"const [{Text.Camel(_r)}, set{Text.PascalId(_r)}] = useState({Text.Number(_r)});");
        Body(4 + _r.Next(12));
        _f.Emit("return (");
        _f.In();
        var cls = Text.Noun(_r);
        _f.Emit($"<div className=\"{cls}\">");
        _f.In();
        for (var i = 0; i < 2 + _r.Next(5); i++)
        {
            if (_r.NextDouble() < _density.Decoy)
            {
                var silent = Decoys.SilentUsage(_f);
                _f.Emit(silent.SingleLine ? "{/* " + silent.Lines[0] + " */}" : "{/* " + string.Join(" ", silent.Lines) + " */}");
                continue;
            }
            _f.Emit(_r.Next(3) switch
            {
                0 => $"<h2>{{{Text.Camel(_r)}}}</h2>",
                1 => $"<p className=\"{Text.Noun(_r)}\">{Text.Sentence(_r)}</p>",
                _ => $"<{Text.PascalId(_r)} {Text.Camel(_r)}={{{Text.Camel(_r)}}} />",
            });
        }
        _f.Out();
        _f.Emit("</div>");
        _f.Out();
        _f.Emit(");");
        _f.Out();
        _f.Emit("}");
    }

    private void Go()
    {
        _f.Emit($"package {Text.Noun(_r)}");
        _f.Blank();
        _f.Emit("import (");
        _f.In();
        _f.Emit("\"context\"");
        _f.Emit("\"fmt\"");
        _f.Emit("\"os\"");
        _f.Emit("\"strings\"");
        var sdk = SdkImport();
        if (sdk.Length > 0)
        {
            _f.Blank();
            foreach (var line in sdk)
            {
                _f.Emit(line);
            }
        }
        _f.Out();
        _f.Emit(")");
        _f.Blank();
        var type = Text.PascalId(_r);
        _f.Emit($"// {type} {Text.Sentence(_r)}");
        _f.Emit($"type {type} struct {{");
        _f.Emit($"\t{Text.Camel(_r)} map[string]int");
        _f.Emit($"\t{Text.Camel(_r)} []string");
        _f.Emit("}");
        _f.Blank();
        while (!Full)
        {
            MemberSlot();
            Method(receiverType: _r.Next(2) == 0 ? type : null);
            _f.Blank();
        }
    }

    private void Python()
    {
        _f.Emit("import logging");
        _f.Emit("import os");
        foreach (var line in SdkImport())
        {
            _f.Emit(line);
        }
        _f.Blank();
        _f.Emit("logger = logging.getLogger(__name__)");
        _f.Emit($"{Text.UpperSnake(_r)} = {Text.Number(_r)}");
        _f.Blank();
        _f.Blank();
        while (!Full)
        {
            MemberSlot();
            if (_r.Next(3) == 0)
            {
                _f.Emit($"class {Text.PascalId(_r)}:");
                _f.In();
                _f.Emit("\"\"\"" + Text.Sentence(_r) + "\"\"\"");
                _f.Blank();
                for (var i = 0; i < 1 + _r.Next(3) && !Full; i++)
                {
                    Method(inClass: true);
                    _f.Blank();
                }
                _f.Out();
            }
            else
            {
                Method();
            }
            _f.Blank();
            _f.Blank();
        }
    }

    private void Ruby()
    {
        foreach (var line in SdkImport())
        {
            _f.Emit(line);
        }
        _f.Emit("require 'json'");
        _f.Blank();
        _f.Emit($"module {Text.PascalId(_r)}");
        _f.In();
        _f.Emit($"# {Text.Sentence(_r)}");
        _f.Emit($"class {Text.PascalId(_r)}");
        _f.In();
        _f.Emit($"attr_reader :{Text.Snake(_r)}, :{Text.Snake(_r)}");
        _f.Blank();
        while (!Full)
        {
            MemberSlot();
            Method();
            _f.Blank();
        }
        _f.Out();
        _f.Emit("end");
        _f.Out();
        _f.Emit("end");
    }

    // =====================================================================================
    // Markup files
    // =====================================================================================

    private void Razor()
    {
        _f.Emit($"@page \"/{Text.Noun(_r)}/{{id:int}}\"");
        _f.Emit($"@model {Text.PascalId(_r)}Model");
        _f.Emit("@using Microsoft.FeatureManagement");
        foreach (var line in SdkImport())
        {
            _f.Emit(line);
        }
        _f.Emit("@inject IFeatureManager FeatureManager");
        _f.Emit("@{");
        _f.Emit($"    ViewData[\"Title\"] = \"{Text.Sentence(_r)}\";");
        _f.Emit("}");
        _f.Blank();
        _f.Emit($"<div class=\"{Text.Noun(_r)}-page\">");
        _f.In();
        while (!Full)
        {
            TemplateSlot();
        }
        _f.Out();
        _f.Emit("</div>");
    }

    private void Erb()
    {
        _f.Emit($"<% content_for :title, \"{Text.Sentence(_r)}\" %>");
        _f.Emit($"<div class=\"{Text.Noun(_r)}\">");
        _f.In();
        while (!Full)
        {
            TemplateSlot();
        }
        _f.Out();
        _f.Emit("</div>");
    }

    private void Vue()
    {
        var full = _target;
        _f.Emit("<template>");
        _f.In();
        _f.Emit($"<div class=\"{Text.Noun(_r)}-view\">");
        _f.In();
        while (_f.Length < full * 0.35)
        {
            TemplateSlot();
        }
        _f.Out();
        _f.Emit("</div>");
        _f.Out();
        _f.Emit("</template>");
        _f.Blank();
        _f.Emit(_r.Next(3) == 0 ? "<script>" : "<script setup lang=\"ts\">");
        _f.Emit("import { ref, computed } from 'vue';");
        ScriptSection();
        _f.Emit("</script>");
        _f.Blank();
        _f.Emit("<style scoped>");
        _f.Emit($".{Text.Noun(_r)}-view {{ display: flex; gap: {_r.Next(24)}px; }}");
        _f.Emit("</style>");
    }

    private void Svelte()
    {
        var full = _target;
        _f.Emit("<script lang=\"ts\">");
        _f.In();
        _f.Emit("import { onMount } from 'svelte';");
        _f.Out();
        var scriptEnd = (int)(full * 0.6);
        ScriptSection(scriptEnd);
        _f.Emit("</script>");
        _f.Blank();
        _f.Emit($"<main class=\"{Text.Noun(_r)}\">");
        _f.In();
        while (!Full)
        {
            TemplateSlot();
        }
        _f.Out();
        _f.Emit("</main>");
        _f.Blank();
        _f.Emit("<style>");
        _f.Emit($"  main {{ padding: {_r.Next(4)}rem; }}");
        _f.Emit("</style>");
    }

    private void ScriptSection(int? until = null)
    {
        _f.In();
        foreach (var line in SdkImport())
        {
            _f.Emit(line);
        }
        _f.Blank();
        _f.Emit($"const {Text.Camel(_r)} = ref({Text.Number(_r)});");
        while (_f.Length < (until ?? _target))
        {
            MemberSlot();
            Method();
            _f.Blank();
        }
        _f.Out();
    }

    /// <summary>One markup element, block or planted usage in a template.</summary>
    private void TemplateSlot()
    {
        var x = _r.NextDouble();
        if (x < _density.Plant * 1.5)
        {
            TemplatePlant();
            return;
        }
        if (x < (_density.Plant * 1.5) + _density.Decoy)
        {
            TemplateDecoy();
            return;
        }
        switch (_r.Next(10))
        {
            case 0:
            case 1:
                _f.Emit($"<p class=\"{Text.Noun(_r)}\">{Text.Sentence(_r)}</p>");
                break;
            case 2:
                _f.Emit(_l switch
                {
                    Lang.Razor => $"<span class=\"total\">@Model.{Text.PascalId(_r)}</span>",
                    Lang.Erb => $"<span class=\"total\"><%= @{Text.Snake(_r)}.{Text.Snake(_r)} %></span>",
                    Lang.Vue => $"<span class=\"total\">{{{{ {Text.Camel(_r)} }}}}</span>",
                    _ => $"<span class=\"total\">{{{Text.Camel(_r)}}}</span>",
                });
                break;
            case 3:
                TemplateLoop();
                break;
            case 4:
                _f.Emit($"<img src=\"/images/{Text.Noun(_r)}-{_r.Next(100)}.png\" alt=\"{Text.Sentence(_r)}\" />");
                break;
            case 5:
                _f.Emit($"<a href=\"/{Text.Noun(_r)}/{Text.Noun(_r)}\" class=\"btn btn-{Text.Adjective(_r)}\">{Text.Pascal(Text.Verb(_r))} {Text.Noun(_r)}</a>");
                break;
            case 6:
                // A long paragraph line.
                var sb = new StringBuilder("<p class=\"long\">");
                for (var i = 0; i < 10 + _r.Next(40); i++)
                {
                    sb.Append(Text.Sentence(_r)).Append(". ");
                }
                _f.Emit(sb.Append("</p>").ToString());
                break;
            case 7:
                _f.Emit(_l switch
                {
                    Lang.Razor => $"@* {Text.Sentence(_r)} *@",
                    Lang.Erb => $"<%# {Text.Sentence(_r)} %>",
                    _ => $"<!-- {Text.Sentence(_r)} -->",
                });
                break;
            case 8 when _l == Lang.Razor:
                _f.Emit("@{");
                _f.In();
                for (var i = 0; i < 1 + _r.Next(4); i++)
                {
                    FillerStatement();
                }
                _f.Out();
                _f.Emit("}");
                break;
            default:
                _f.Emit($"<button type=\"button\" class=\"{Text.Noun(_r)}\">{Text.Pascal(Text.Verb(_r))}</button>");
                break;
        }
    }

    private void TemplateLoop()
    {
        var item = Text.Noun(_r);
        var items = item + "s";
        switch (_l)
        {
            case Lang.Razor:
                _f.Emit($"@foreach (var {item} in Model.{Text.Pascal(items)})");
                _f.Emit("{");
                _f.Emit($"    <li>@{item}.{Text.PascalId(_r)}</li>");
                _f.Emit("}");
                break;
            case Lang.Erb:
                _f.Emit($"<% @{items}.each do |{item}| %>");
                _f.Emit($"  <li><%= {item}.{Text.Snake(_r)} %></li>");
                _f.Emit("<% end %>");
                break;
            case Lang.Vue:
                _f.Emit($"<li v-for=\"{item} in {items}\" :key=\"{item}.id\">{{{{ {item}.{Text.Camel(_r)} }}}}</li>");
                break;
            default:
                _f.Emit($"{{#each {items} as {item}}}");
                _f.Emit($"  <li>{{{item}.{Text.Camel(_r)}}}</li>");
                _f.Emit("{/each}");
                break;
        }
    }

    private void TemplatePlant()
    {
        _f.Plants++;
        var planters = For(_l, _f.Sdk, Where.Expr, Where.Template);
        var planter = Choose(planters);
        if (planter.Where == Where.Template)
        {
            _f.Emit(planter.Make(_f));
            return;
        }
        _f.SingleQuotesOnly = _l == Lang.Vue;
        var e = planter.Make(_f);
        if (_r.Next(5) == 0 && e.SingleLine)
        {
            // Two usages on one line.
            var second = planters[_r.Next(planters.Length)];
            if (second.Where == Where.Expr && second.Make(_f) is { SingleLine: true } other)
            {
                e = Snip.Join(e, _l is Lang.Erb ? " && " : " || ", other);
            }
        }
        _f.SingleQuotesOnly = false;
        var inner = $"<p>{Text.Sentence(_r)}</p>";
        switch (_l)
        {
            case Lang.Razor:
                if (_r.Next(3) == 0)
                {
                    _f.Emit(e.Wrap("<span class=\"state\">@(", ")</span>"));
                    return;
                }
                if (_r.Next(3) == 0)
                {
                    _f.Emit(e.Wrap("@{ var " + Text.Camel(_r) + " = ", "; }"));
                    return;
                }
                _f.Emit(e.Wrap("@if (", ")"));
                _f.Emit("{");
                _f.Emit("    " + inner);
                _f.Emit("}");
                return;
            case Lang.Erb:
                if (_r.Next(3) == 0)
                {
                    _f.Emit(e.Wrap("<% " + Text.Snake(_r) + " = ", " %>"));
                    return;
                }
                _f.Emit(e.Wrap(_r.Next(4) == 0 ? "<% unless " : "<% if ", " %>"));
                _f.Emit("  " + inner);
                _f.Emit("<% end %>");
                return;
            case Lang.Vue:
                if (_r.Next(3) == 0)
                {
                    _f.Emit(e.Wrap("<span>{{ ", " }}</span>"));
                    return;
                }
                _f.Emit(e.Wrap("<div v-if=\"", "\">"));
                _f.Emit("  " + inner);
                _f.Emit("</div>");
                return;
            default:
                _f.Emit(e.Wrap("{#if ", "}"));
                _f.Emit("  " + inner);
                _f.Emit("{/if}");
                return;
        }
    }

    private void TemplateDecoy()
    {
        switch (_r.Next(5))
        {
            case 0:
            case 1:
                _f.SingleQuotesOnly = _l == Lang.Vue;
                var comment = Decoys.MarkupComment(_f);
                _f.SingleQuotesOnly = false;
                _f.Emit(comment);
                return;
            case 2:
                _f.Emit(Decoys.MarkupLookAlike(_f));
                return;
            default:
                _f.SingleQuotesOnly = _l == Lang.Vue;
                var e = _r.Next(2) == 0 ? Decoys.GenericName(_f) ?? Decoys.LookAlike(_f) : Decoys.LookAlike(_f);
                _f.SingleQuotesOnly = false;
                _f.Emit(_l switch
                {
                    Lang.Razor => e.Wrap("<span>@(", ")</span>"),
                    Lang.Erb => e.Wrap("<span><%= ", " %></span>"),
                    Lang.Vue => e.Wrap("<span>{{ ", " }}</span>"),
                    _ => e.Wrap("<span>{", "}</span>"),
                });
                return;
        }
    }

    // =====================================================================================
    // Code: members, methods, statements
    // =====================================================================================

    /// <summary>Between methods: maybe a planted [FeatureGate] action, or the declaration of a trigger-named function.</summary>
    private void MemberSlot()
    {
        if (_r.NextDouble() >= _density.Member)
        {
            return;
        }
        if (_l == Lang.Cs && _density.Plant > 0 && _r.Next(2) == 0)
        {
            _f.Plants++;
            _f.Emit(For(_l, _f.Sdk, Where.Member)[0].Make(_f));
            _f.Blank();
            return;
        }
        var declaration = _r.Next(8) == 0 ? Decoys.OtherDeclaration(_f) ?? Decoys.Declaration(_f) : Decoys.Declaration(_f);
        if (declaration is not null)
        {
            _f.Emit(declaration);
            _f.Blank();
        }
    }

    private void Method(bool inClass = false, string? receiverType = null)
    {
        var name = _f.MethodName();
        var a = _f.Id();
        var b = _f.Id();
        switch (_l)
        {
            case Lang.Cs:
                _f.Emit($"/// <summary>{Text.Sentence(_r)}</summary>");
                _f.Emit($"public {(_r.Next(3) == 0 ? "async Task<int>" : "int")} {name}(int {a}, string {b})");
                _f.Emit("{");
                break;
            case Lang.Java:
                _f.Emit($"public int {name}(int {a}, String {b}) {{");
                break;
            case Lang.Kt:
                _f.Emit($"{(_r.Next(3) == 0 ? "suspend " : "")}fun {name}({a}: Int, {b}: String): Int {{");
                break;
            case Lang.Scala:
                _f.Emit($"def {name}({a}: Int, {b}: String): Int = {{");
                break;
            case Lang.Swift:
                _f.Emit($"func {name}({a}: Int, {b}: String) -> Int {{");
                break;
            case Lang.Php:
                _f.Emit($"public function {name}(int ${a}, string ${b}): int");
                _f.Emit("{");
                break;
            case Lang.Rs:
                _f.Emit($"pub fn {name}(&self, {a}: i64, {b}: &str) -> i64 {{");
                break;
            case Lang.Go:
                _f.Emit(receiverType is null ? $"func {name}({a} int, {b} string) int {{" : $"func (s *{receiverType}) {name}({a} int, {b} string) int {{");
                break;
            case Lang.Py:
                if (_r.Next(3) == 0)
                {
                    _f.Emit("@" + Pick(_r, "lru_cache(maxsize=128)", "retry(times=3)", "timed"));
                }
                _f.Emit(inClass ? $"def {name}(self, {a}, {b}):" : $"{(_r.Next(4) == 0 ? "async " : "")}def {name}({a}, {b}):");
                break;
            case Lang.Rb:
                _f.Emit($"def {name}({a}, {b})");
                break;
            default:
                // JavaScript family.
                var typed = IsTyped(_l);
                var parameters = typed ? $"{a}: number, {b}: string" : $"{a}, {b}";
                var returns = typed ? ": number" : "";
                _f.Emit(inClass
                    ? $"{(_r.Next(3) == 0 ? "async " : "")}{name}({parameters}){(typed && _r.Next(2) == 0 ? returns : "")} {{"
                    : $"{(_r.Next(2) == 0 ? "export " : "")}{(_r.Next(4) == 0 ? "async " : "")}function {name}({parameters}){returns} {{");
                break;
        }
        _f.In();
        if (_l == Lang.Py && _r.Next(2) == 0)
        {
            _f.Emit("\"\"\"" + Text.Sentence(_r) + ".");
            _f.Blank();
            _f.Emit(Text.Sentence(_r) + ".");
            _f.Emit("\"\"\"");
        }
        Body(3 + _r.Next(_r.Next(4) == 0 ? 40 : 14));
        _f.Emit(_l switch
        {
            Lang.Py => $"return {a}",
            Lang.Rb => a,
            Lang.Rs => a,
            Lang.Php => $"return ${a};",
            _ => $"return {a}{_f.Semi}",
        });
        _f.Out();
        if (_l == Lang.Rb)
        {
            _f.Emit("end");
        }
        else if (_l != Lang.Py)
        {
            _f.Emit("}");
        }
    }

    private void Body(int statements)
    {
        for (var i = 0; i < statements; i++)
        {
            Statement();
        }
    }

    private void Statement()
    {
        var x = _r.NextDouble();
        if (x < _density.Plant)
        {
            PlantStatement();
        }
        else if (x < _density.Plant + _density.Decoy)
        {
            DecoyStatement();
        }
        else
        {
            FillerStatement();
        }
    }

    // ---- planted statements ----

    private void PlantStatement()
    {
        _f.Plants++;
        var planters = For(_l, _f.Sdk, Where.Expr, Where.Stmt);
        var planter = Choose(planters);
        if (planter.Where == Where.Stmt)
        {
            _f.Emit(planter.Make(_f));
            return;
        }
        var e = planter.Make(_f);
        var roll = _r.Next(100);
        if (roll < 6)
        {
            // A usage, then a commented-out usage on the same line.
            var silent = Decoys.SilentUsage(_f);
            _f.Emit(Decl(e).Wrap("", " " + Decoys.LineComment(_l) + " " + silent.Lines[0]));
            return;
        }
        if (roll < 10 && _l is not (Lang.Py or Lang.Rb))
        {
            // A block comment holding a usage, then a usage, on one line.
            var silent = Decoys.SilentUsage(_f);
            _f.Emit(Decl(e).Wrap("/* " + silent.Lines[0] + " */ ", ""));
            return;
        }
        if (roll < 14)
        {
            // A string holding a comment marker before the usage.
            var url = _l is Lang.Py or Lang.Rb or Lang.Php ? "https://cdn.example.com/a#b//c" : "https://cdn.example.com//static/*.js";
            var first = DeclLine(_f.Id(), _f.Str(url));
            _f.Emit(Decl(e).Wrap(first + (_f.Semi.Length == 0 ? "; " : " "), ""));
            return;
        }
        if (roll < 26 && e.SingleLine)
        {
            // Several usages on one line.
            var count = 1 + _r.Next(2);
            for (var i = 0; i < count; i++)
            {
                var other = planters[_r.Next(planters.Length)];
                if (other.Where == Where.Expr && other.Make(_f) is { SingleLine: true } more)
                {
                    e = Snip.Join(e, _l is Lang.Py ? Pick(_r, " and ", " or ") : _l is Lang.Rb ? " && " : Pick(_r, " && ", " || "), more);
                }
            }
        }
        Wrapped(e);
    }

    /// <summary>A planter; in a file importing an SDK, one of that SDK's (generic-name) shapes a third of the time.</summary>
    private Planter Choose(Planter[] planters)
    {
        if (_f.Sdk is { } sdk && _r.Next(3) == 0)
        {
            var gated = planters.Where(p => p.Sdk == sdk).ToArray();
            if (gated.Length > 0)
            {
                return gated[_r.Next(gated.Length)];
            }
        }
        return planters[_r.Next(planters.Length)];
    }

    /// <summary>An expression in a statement: an if, a declaration or a call argument.</summary>
    private void Wrapped(Snip e)
    {
        switch (_r.Next(_l == Lang.Rb ? 2 : 4))
        {
            case 0:
                IfBlock(e, negate: _r.Next(5) == 0);
                return;
            case 1:
                _f.Emit(Decl(e));
                return;
            case 2:
                _f.Emit(ArgOfCall(e));
                return;
            default:
                IfBlock(e, negate: false);
                return;
        }
    }

    private void IfBlock(Snip e, bool negate)
    {
        switch (_l)
        {
            case Lang.Py:
                _f.Emit(e.Wrap(negate ? "if not " : "if ", ":"));
                break;
            case Lang.Rb:
                _f.Emit(e.Wrap(negate ? "unless " : "if ", ""));
                break;
            case Lang.Cs or Lang.Razor:
                _f.Emit(e.Wrap(negate ? "if (!" : "if (", ")"));
                _f.Emit("{");
                break;
            case Lang.Php:
                _f.Emit(e.Wrap(negate ? "if (!" : "if (", ") {"));
                break;
            case Lang.Go or Lang.Swift or Lang.Rs:
                _f.Emit(e.Wrap(negate ? "if !" : "if ", " {"));
                break;
            default:
                _f.Emit(e.Wrap(negate ? "if (!" : "if (", ") {"));
                break;
        }
        _f.In();
        FillerStatement(allowBlocks: false);
        _f.Out();
        if (_l == Lang.Rb)
        {
            _f.Emit("end");
        }
        else if (_l != Lang.Py)
        {
            _f.Emit("}");
        }
    }

    private string DeclLine(string name, string expression) => DeclPrefix(name) + expression + _f.Semi;

    private string DeclPrefix(string name) => _l switch
    {
        Lang.Cs or Lang.Razor or Lang.Java => $"var {name} = ",
        Lang.Kt or Lang.Scala => $"val {name} = ",
        Lang.Swift => $"let {name} = ",
        Lang.Rs => $"let {name} = ",
        Lang.Go => $"{name} := ",
        Lang.Php => $"${name} = ",
        Lang.Py or Lang.Rb or Lang.Erb => $"{name} = ",
        _ => $"{Pick(_r, "const", "const", "let")} {name} = ",
    };

    private Snip Decl(Snip e) => e.Wrap(DeclPrefix(_f.Id()), _f.Semi);

    private Snip ArgOfCall(Snip e)
    {
        var label = _f.Str(Text.Noun(_r) + " state");
        return _l switch
        {
            Lang.Cs or Lang.Razor => e.Wrap($"_logger.LogDebug({label}, ", ");"),
            Lang.Java => e.Wrap($"log.debug({label}, ", ");"),
            Lang.Kt or Lang.Scala => e.Wrap($"logger.debug({label} + ", ")"),
            Lang.Swift => e.Wrap($"print({label}, ", ")"),
            Lang.Go => e.Wrap($"fmt.Println({label}, ", ")"),
            Lang.Rs => e.Wrap("println!(\"{} {}\", " + label + ", ", ");"),
            Lang.Php => e.Wrap($"$this->logger->debug({label}, [", "]);"),
            Lang.Py => e.Wrap($"logger.debug({label} + \" %s\", ", ")"),
            Lang.Rb => e.Wrap($"logger.debug(", ")"),
            _ => e.Wrap($"console.log({label}, ", ");"),
        };
    }

    // ---- decoy statements ----

    private void DecoyStatement()
    {
        var roll = _r.Next(100);
        if (roll < 40)
        {
            if (_l == Lang.Rb && _r.Next(5) == 0)
            {
                foreach (var line in Decoys.RubyBlockComment(_f))
                {
                    _f.EmitRaw(line);
                }
                return;
            }
            _f.Emit(Decoys.CodeComment(_f));
            return;
        }
        if (roll < 60)
        {
            Wrapped(Decoys.LookAlike(_f));
            return;
        }
        if (roll < 82)
        {
            Wrapped(Decoys.GenericName(_f) ?? Decoys.LookAlike(_f));
            return;
        }
        if (roll < 92)
        {
            // Code, then a commented-out usage on the same line.
            _f.Emit(DeclLine(_f.Id(), FillerExpression()) + " " + Decoys.LineComment(_l) + " " + Decoys.SilentUsage(_f).Lines[0]);
            return;
        }
        // A constant that starts like an env flag but is not read from the environment.
        var name = Catalog.EnvPrefixes[_r.Next(Catalog.EnvPrefixes.Length)] + Text.UpperKey(_r);
        _f.Emit(DeclLine(_f.Id(), (_l == Lang.Php ? "self::" : "") + name));
    }

    // ---- filler ----

    private void FillerStatement(bool allowBlocks = true)
    {
        var roll = _r.Next(22);
        if (!allowBlocks || _depth >= 2)
        {
            roll = roll is 9 or 10 or 11 ? 0 : roll;
        }
        switch (roll)
        {
            case 0:
            case 1:
            case 2:
            case 3:
            case 4:
                _f.Emit(DeclLine(_f.Id(), FillerExpression()));
                return;
            case 5:
            case 6:
            case 7:
                _f.Emit(CallText() + _f.Semi);
                return;
            case 8:
                _f.Emit(LogLine());
                return;
            case 9:
            case 10:
                FillerIf();
                return;
            case 11:
                FillerLoop();
                return;
            case 12:
            case 13:
                _f.Emit(Decoys.LineComment(_l) + " " + Text.Sentence(_r));
                return;
            case 14:
                if (_l is Lang.Py or Lang.Rb)
                {
                    _f.Emit("# " + Text.Sentence(_r));
                    _f.Emit("# " + Text.Sentence(_r));
                }
                else
                {
                    _f.Emit("/*");
                    for (var i = 0; i < 1 + _r.Next(4); i++)
                    {
                        _f.Emit(" * " + Text.Sentence(_r));
                    }
                    _f.Emit(" */");
                }
                return;
            case 15:
                _f.Emit(DeclLine(_f.Id(), _r.Next(6) == 0 ? LongList(200 + _r.Next(800)) : LongList(10 + _r.Next(40))));
                return;
            case 16:
                _f.Blank();
                return;
            case 17:
                _f.Emit(DeclLine(_f.Id(), _f.Str(Text.Phrase(_r))));
                return;
            case 18:
                _f.Emit(DeclLine(_f.Id(), LongString()));
                return;
            default:
                _f.Emit(DeclLine(_f.Id(), FillerExpression()));
                return;
        }
    }

    private void FillerIf()
    {
        var condition = $"{_f.Var(_f.Id())} > {_r.Next(100)}";
        _depth++;
        IfBlockFiller(condition);
        _depth--;
    }

    private void IfBlockFiller(string condition)
    {
        var e = new Snip(condition);
        switch (_l)
        {
            case Lang.Py: _f.Emit(e.Wrap("if ", ":")); break;
            case Lang.Rb: _f.Emit(e.Wrap("if ", "")); break;
            case Lang.Cs or Lang.Razor: _f.Emit(e.Wrap("if (", ")")); _f.Emit("{"); break;
            case Lang.Go or Lang.Swift or Lang.Rs: _f.Emit(e.Wrap("if ", " {")); break;
            default: _f.Emit(e.Wrap("if (", ") {")); break;
        }
        _f.In();
        for (var i = 0; i < 1 + _r.Next(3); i++)
        {
            Statement();
        }
        _f.Out();
        if (_l == Lang.Rb)
        {
            _f.Emit("end");
        }
        else if (_l != Lang.Py)
        {
            _f.Emit("}");
        }
    }

    private void FillerLoop()
    {
        var n = _r.Next(2, 64).ToString(CultureInfo.InvariantCulture);
        _f.Emit(_l switch
        {
            Lang.Cs or Lang.Razor => $"for (var i = 0; i < {n}; i++)",
            Lang.Java => $"for (int i = 0; i < {n}; i++) {{",
            Lang.Kt => $"for (i in 0 until {n}) {{",
            Lang.Scala => $"for (i <- 0 until {n}) {{",
            Lang.Swift => $"for i in 0..<{n} {{",
            Lang.Go => $"for i := 0; i < {n}; i++ {{",
            Lang.Rs => $"for i in 0..{n} {{",
            Lang.Php => $"for ($i = 0; $i < {n}; $i++) {{",
            Lang.Py => $"for i in range({n}):",
            Lang.Rb => $"{n}.times do |i|",
            _ => $"for (let i = 0; i < {n}; i++) {{",
        });
        if (_l is Lang.Cs or Lang.Razor)
        {
            _f.Emit("{");
        }
        _depth++;
        _f.In();
        for (var i = 0; i < 1 + _r.Next(3); i++)
        {
            Statement();
        }
        _f.Out();
        _depth--;
        if (_l == Lang.Rb)
        {
            _f.Emit("end");
        }
        else if (_l != Lang.Py)
        {
            _f.Emit("}");
        }
    }

    private string Receiver() => _l switch
    {
        Lang.Cs => "_" + Text.Camel(_r) + ".",
        Lang.Php => "$this->" + Text.Camel(_r) + "->",
        Lang.Py => "self." + Text.Snake(_r) + ".",
        Lang.Rb => "@" + Text.Snake(_r) + ".",
        Lang.Rs => "self." + Text.Snake(_r) + ".",
        Lang.Go => "s.",
        _ when IsJs(_l) => Pick(_r, "this.", "api.", Text.Camel(_r) + "."),
        _ => Text.Camel(_r) + ".",
    };

    private string CallText()
    {
        var args = new List<string>();
        for (var i = 0; i < _r.Next(4); i++)
        {
            args.Add(_r.Next(3) switch { 0 => _f.Var(_f.Id()), 1 => Text.Number(_r), _ => _f.Str(Text.Noun(_r)) });
        }
        return Receiver() + _f.MethodName() + "(" + string.Join(", ", args) + ")";
    }

    private string FillerExpression() => _r.Next(7) switch
    {
        0 => $"{_f.Var(_f.Id())} * {Text.Number(_r)} + {Text.Number(_r)}",
        1 or 2 => CallText(),
        3 => _f.Str(Text.Sentence(_r)),
        4 => LongList(3 + _r.Next(8)),
        5 => New(),
        _ => Text.Number(_r),
    };

    private string New()
    {
        var type = Text.PascalId(_r);
        var args = $"{_f.Var(_f.Id())}, {Text.Number(_r)}";
        return _l switch
        {
            Lang.Cs or Lang.Razor or Lang.Java or Lang.Php => $"new {type}({args})",
            _ when IsJs(_l) => $"new {type}({args})",
            Lang.Rb => $"{type}.new({args})",
            Lang.Rs => $"{type}::new({args})",
            Lang.Go => $"&{type}{{{args}}}",
            _ => $"{type}({args})",
        };
    }

    private string LongList(int count)
    {
        var sb = new StringBuilder(count * 6);
        var asStrings = _r.Next(3) == 0;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }
            sb.Append(asStrings ? _f.Str(Text.Noun(_r) + "-" + i.ToString(CultureInfo.InvariantCulture)) : Text.Number(_r));
        }
        var items = sb.ToString();
        return _l switch
        {
            Lang.Cs or Lang.Razor => $"new[] {{ {items} }}",
            Lang.Java => $"List.of({items})",
            Lang.Kt => $"listOf({items})",
            Lang.Scala => $"List({items})",
            Lang.Go => asStrings ? $"[]string{{{items}}}" : $"[]float64{{{items}}}",
            Lang.Rs => $"vec![{items}]",
            _ => $"[{items}]",
        };
    }

    private string LongString()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 4 + _r.Next(20); i++)
        {
            sb.Append(Text.Sentence(_r)).Append(". ");
        }
        return _f.Str(sb.ToString().TrimEnd());
    }

    private string LogLine()
    {
        var message = _f.Str(Text.Sentence(_r));
        return _l switch
        {
            Lang.Cs or Lang.Razor => $"_logger.LogInformation({message});",
            Lang.Java => $"log.info({message});",
            Lang.Kt or Lang.Scala => $"logger.info({message})",
            Lang.Swift => $"print({message})",
            Lang.Go => $"fmt.Println({message})",
            Lang.Rs => $"println!(\"{{}}\", {message});",
            Lang.Php => $"$this->logger->info({message});",
            Lang.Py => $"logger.info({message})",
            Lang.Rb => $"Rails.logger.info({message})",
            _ => $"console.info({message});",
        };
    }
}
