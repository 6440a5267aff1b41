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
internal sealed partial class Writer
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
}
