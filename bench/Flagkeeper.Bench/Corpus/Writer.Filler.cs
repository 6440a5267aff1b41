using System.Globalization;
using System.Text;
using static Flagkeeper.Bench.Corpus.Langs;
using static Flagkeeper.Bench.Corpus.Plants;

namespace Flagkeeper.Bench.Corpus;

/// <summary>Decoys and filler: the code around the planted usages that a scanner must not report.</summary>
internal sealed partial class Writer
{
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
