using System.Text;

namespace Flagkeeper.Bench.Corpus;

/// <summary>One expected usage: file, 1-based line of the key (or of the argument, when dynamic), the key, the shape id.</summary>
internal sealed record TruthEntry(string File, int Line, string? Flag, string Shape)
{
    public string Kind => Flag is null ? "dynamic" : "usage";
}

/// <summary>An expected hit inside a snippet: line offset from the snippet's first line.</summary>
internal readonly record struct Hit(int Line, string? Flag, string Shape);

/// <summary>Lines of code plus the usages they hold. An expression snippet can be wrapped (`if (…) {`).</summary>
internal sealed class Snip
{
    public Snip(IEnumerable<string> lines, IEnumerable<Hit>? hits = null)
    {
        Lines = [.. lines];
        Hits = hits is null ? [] : [.. hits];
    }

    public Snip(string line, params Hit[] hits) : this([line], hits)
    {
    }

    public List<string> Lines { get; }
    public List<Hit> Hits { get; }

    public bool SingleLine => Lines.Count == 1;

    /// <summary>The same code with its usages dropped (for decoys: the text goes into a comment).</summary>
    public Snip Silent() => new(Lines);

    public Snip Wrap(string prefix, string suffix)
    {
        var lines = new List<string>(Lines);
        lines[0] = prefix + lines[0];
        lines[^1] += suffix;
        return new Snip(lines, Hits);
    }

    /// <summary><paramref name="a"/> then <paramref name="separator"/> then <paramref name="b"/>, continuing a's last line.</summary>
    public static Snip Join(Snip a, string separator, Snip b)
    {
        var lines = new List<string>(a.Lines);
        lines[^1] += separator + b.Lines[0];
        lines.AddRange(b.Lines.Skip(1));
        var shift = a.Lines.Count - 1;
        return new Snip(lines, [.. a.Hits, .. b.Hits.Select(h => h with { Line = h.Line + shift })]);
    }

    /// <summary>Puts the snippet's lines after <paramref name="head"/> lines and before <paramref name="tail"/> lines.</summary>
    public Snip Around(IReadOnlyList<string> head, IReadOnlyList<string> tail) =>
        new([.. head, .. Lines, .. tail], Hits.Select(h => h with { Line = h.Line + head.Count }));

    /// <summary>Indents every line but the first (continuation lines of a multi-line expression are already relative).</summary>
    public Snip IndentAll(string indent) => new(Lines.Select(l => indent + l), Hits);
}

/// <summary>Writes one generated file and records where its usages are.</summary>
internal sealed class FileBuilder
{
    private readonly StringBuilder _text = new(16 * 1024);

    public FileBuilder(string path, Lang lang, Random random, string? sdk, bool crlf)
    {
        Path = path;
        Lang = lang;
        R = random;
        Sdk = sdk;
        NewLine = crlf ? "\r\n" : "\n";
    }

    public string Path { get; }
    public Lang Lang { get; }
    public Random R { get; }

    /// <summary>The SDK this file imports (its generic method names count here), or null.</summary>
    public string? Sdk { get; }

    public string NewLine { get; }
    public int Line { get; private set; } = 1;
    public string Indent { get; set; } = "";
    public List<TruthEntry> Truth { get; } = [];
    public int Length => _text.Length;

    /// <summary>Inside a Vue template attribute: keys must use single quotes.</summary>
    public bool SingleQuotesOnly { get; set; }

    public int Plants { get; set; }

    public void Emit(string line)
    {
        if (line.Contains('\n', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"a generated line holds a line break: {line}");
        }
        _text.Append(Indent).Append(line).Append(NewLine);
        Line++;
    }

    public void EmitRaw(string line)
    {
        _text.Append(line).Append(NewLine);
        Line++;
    }

    public void Emit(Snip snip)
    {
        var first = Line;
        foreach (var line in snip.Lines)
        {
            Emit(line);
        }
        foreach (var hit in snip.Hits)
        {
            Truth.Add(new TruthEntry(Path, first + hit.Line, hit.Flag, hit.Shape));
        }
    }

    public void Blank()
    {
        _text.Append(NewLine);
        Line++;
    }

    public void In() => Indent += Unit;

    public void Out() => Indent = Indent[..^Unit.Length];

    public string Unit => Lang is Lang.Go ? "\t" : Lang is Lang.Rb or Lang.Erb or Lang.Scala or Lang.Vue or Lang.Svelte ? "  " : Langs.IsJs(Lang) ? "  " : "    ";

    public string Content => _text.ToString();

    // ---- small helpers for generated code ----

    /// <summary>A quoted key in a quote this language allows.</summary>
    public string Q(string key)
    {
        if (SingleQuotesOnly)
        {
            return "'" + key + "'";
        }
        return Lang switch
        {
            Lang.Cs => R.Next(10) == 0 ? "@\"" + key + "\"" : "\"" + key + "\"",
            _ when Langs.IsJs(Lang) => R.Next(10) switch { < 4 => "'" + key + "'", < 9 => "\"" + key + "\"", _ => "`" + key + "`" },
            Lang.Py or Lang.Rb or Lang.Erb or Lang.Php => R.Next(2) == 0 ? "'" + key + "'" : "\"" + key + "\"",
            _ => "\"" + key + "\"",
        };
    }

    /// <summary>A plain string literal of filler text.</summary>
    public string Str(string text) => Lang is Lang.Php or Lang.Rb or Lang.Erb or Lang.Py && R.Next(2) == 0 ? "'" + text + "'" : "\"" + text + "\"";

    public string Var(string name) => Lang == Lang.Php ? "$" + name : name;

    /// <summary>`recv.` or PHP's `$recv->`.</summary>
    public string Recv(string name) => Lang == Lang.Php ? "$" + name + "->" : name + ".";

    public string Semi => Langs.Semicolons(Lang) ? ";" : "";

    public string Id() => Langs.Snake(Lang) ? Text.Snake(R) : Lang is Lang.Go && R.Next(2) == 0 ? Text.PascalId(R) : Text.Camel(R);

    public string MethodName() => Lang switch
    {
        Lang.Cs or Lang.Razor or Lang.Go => Text.PascalId(R),
        _ when Langs.Snake(Lang) => Text.Snake(R),
        _ => Text.Camel(R),
    };
}
