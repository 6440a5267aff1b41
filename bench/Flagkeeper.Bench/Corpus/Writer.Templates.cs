using System.Text;
using static Flagkeeper.Bench.Corpus.Plants;

namespace Flagkeeper.Bench.Corpus;

/// <summary>The template languages' sections: script blocks, slots, loops, and the usages and decoys planted in markup.</summary>
internal sealed partial class Writer
{
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
}
