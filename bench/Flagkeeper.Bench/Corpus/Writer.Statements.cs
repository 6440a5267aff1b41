using static Flagkeeper.Bench.Corpus.Langs;
using static Flagkeeper.Bench.Corpus.Plants;

namespace Flagkeeper.Bench.Corpus;

/// <summary>Methods and their bodies: the statement slots and the planted usages, wrapped, in conditions, declarations and arguments.</summary>
internal sealed partial class Writer
{
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
}
