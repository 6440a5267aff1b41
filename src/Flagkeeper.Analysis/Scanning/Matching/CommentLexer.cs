using System.Buffers;
using System.Text;
using Flagkeeper.Analysis.Languages;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// Tells whether a byte offset is inside a comment, for one file. It lexes lazily and only as far
/// as the last position asked about, jumping between the bytes that can open a comment or string
/// with a vectorised search, so files with no candidates cost nothing and the rest cost little.
/// Strings are tracked only so that a comment marker inside one (<c>"http://x"</c>) is not a comment.
/// Positions must be asked in increasing order between <see cref="Reset"/> calls.
/// </summary>
internal sealed class CommentLexer
{
    /// <param name="Quotes">Per byte: whether it opens a string, and whether that string may span lines (a lookup: the
    /// language's quote strings were searched for every special byte of a file, 3 % of a dense scan).</param>
    private sealed record Syntax(byte[][] LineComments, (byte[] Open, byte[] Close, bool LineStart)[] Blocks, SearchValues<byte> Specials, Language Language,
        QuoteKind[] Quotes);

    private enum QuoteKind : byte { None, SingleLine, MultiLine }

    private static readonly Dictionary<Language, Syntax> Syntaxes = LanguageCatalog.All.ToDictionary(l => l, Build);

    private readonly List<(int Start, int End)> _comments = [];
    private byte[] _data = [];
    private int _length;
    private int _position;
    private int _cursor;
    private Syntax _syntax = Syntaxes[LanguageCatalog.All[0]];

    public void Reset(byte[] data, int length, Language language)
    {
        _data = data;
        _length = length;
        _position = 0;
        _cursor = 0;
        _comments.Clear();
        _syntax = Syntaxes[language];
    }

    public bool IsInComment(int offset)
    {
        while (_position <= offset && _position < _length)
        {
            Step();
        }
        while (_cursor < _comments.Count && _comments[_cursor].End <= offset)
        {
            _cursor++;
        }
        return _cursor < _comments.Count && _comments[_cursor].Start <= offset;
    }

    private void Step()
    {
        var data = _data.AsSpan(0, _length);
        var next = data[_position..].IndexOfAny(_syntax.Specials);
        if (next < 0)
        {
            _position = _length;
            return;
        }
        var i = _position + next;
        var rest = data[i..];
        foreach (var (open, close, lineStart) in _syntax.Blocks)
        {
            if (rest.StartsWith(open) && (!lineStart || i == 0 || data[i - 1] == '\n'))
            {
                var end = data[(i + open.Length)..].IndexOf(close);
                var stop = end < 0 ? _length : i + open.Length + end + close.Length;
                _comments.Add((i, stop));
                _position = stop;
                return;
            }
        }
        foreach (var marker in _syntax.LineComments)
        {
            if (rest.StartsWith(marker) && !(i > 0 && data[i - 1] == '\\'))
            {
                var end = rest.IndexOf((byte)'\n');
                var stop = end < 0 ? _length : i + end;
                _comments.Add((i, stop));
                _position = stop;
                return;
            }
        }
        _position = _syntax.Language.RegexLiterals && data[i] == '/' && StartsRegex(data, i) ? SkipRegex(data, i) : SkipString(data, i);
    }

    /// <summary>A '/' where an operand is expected (after an operator, a bracket or `return`) opens a regex literal.</summary>
    private static bool StartsRegex(ReadOnlySpan<byte> data, int i)
    {
        var p = i - 1;
        while (p >= 0 && data[p] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            p--;
        }
        if (p < 0)
        {
            return true;
        }
        var before = data[p];
        if ("(,=:[!&|?{};+-*%~^".Contains((char)before, StringComparison.Ordinal))
        {
            return true;
        }
        return p >= 5 && data[(p - 5)..(p + 1)].SequenceEqual("return"u8) && (p < 6 || !char.IsAsciiLetterOrDigit((char)data[p - 6]));
    }

    /// <summary>Past a regex literal's closing '/', honouring escapes and [...] classes; just past the '/' when the line ends first.</summary>
    private static int SkipRegex(ReadOnlySpan<byte> data, int i)
    {
        var inClass = false;
        for (var j = i + 1; j < data.Length; j++)
        {
            switch (data[j])
            {
                case (byte)'\\':
                    j++;
                    break;
                case (byte)'[':
                    inClass = true;
                    break;
                case (byte)']':
                    inClass = false;
                    break;
                case (byte)'/' when !inClass:
                    return j + 1;
                case (byte)'\n':
                    return i + 1;
            }
        }
        return i + 1;
    }

    /// <summary>Past the string opening at <paramref name="i"/>, or just past the byte when it opens none.</summary>
    private int SkipString(ReadOnlySpan<byte> data, int i)
    {
        var language = _syntax.Language;
        var b = data[i];
        if (language.VerbatimStrings && b == '@' && i + 1 < data.Length && data[i + 1] == '"')
        {
            // @"..." : no escapes, "" is a quote, may span lines.
            var k = i + 2;
            while (k < data.Length)
            {
                var q = data[k..].IndexOf((byte)'"');
                if (q < 0)
                {
                    return data.Length;
                }
                k += q + 1;
                if (k < data.Length && data[k] == '"')
                {
                    k++;
                    continue;
                }
                return k;
            }
            return data.Length;
        }
        var kind = _syntax.Quotes[b];
        if (kind == QuoteKind.None)
        {
            return i + 1;
        }
        if (language.TripleQuotes && i + 2 < data.Length && data[i + 1] == b && data[i + 2] == b)
        {
            ReadOnlySpan<byte> triple = [b, b, b];
            var end = data[(i + 3)..].IndexOf(triple);
            return end < 0 ? data.Length : i + 3 + end + 3;
        }
        var multiLine = kind == QuoteKind.MultiLine;
        var j = i + 1;
        while (j < data.Length)
        {
            var hit = multiLine ? data[j..].IndexOfAny(b, (byte)'\\') : data[j..].IndexOfAny(b, (byte)'\\', (byte)'\n');
            if (hit < 0)
            {
                return data.Length;
            }
            j += hit;
            if (data[j] == '\\')
            {
                j += 2;
                continue;
            }
            return data[j] == '\n' ? j : j + 1;
        }
        return data.Length;
    }

    private static Syntax Build(Language language)
    {
        var lines = language.LineComments.Select(Encoding.ASCII.GetBytes).ToArray();
        var blocks = language.BlockComments.Select(b => (Encoding.ASCII.GetBytes(b.Open), Encoding.ASCII.GetBytes(b.Close), b.Open == "=begin")).ToArray();
        var specials = new HashSet<byte>();
        foreach (var marker in lines)
        {
            specials.Add(marker[0]);
        }
        foreach (var (open, _, _) in blocks)
        {
            specials.Add(open[0]);
        }
        foreach (var quote in language.Quotes)
        {
            specials.Add((byte)quote);
        }
        if (language.VerbatimStrings)
        {
            specials.Add((byte)'@');
        }
        var quotes = new QuoteKind[256];
        foreach (var quote in language.Quotes.Where(q => q < 256))
        {
            quotes[quote] = language.MultiLineQuotes.Contains(quote, StringComparison.Ordinal) ? QuoteKind.MultiLine : QuoteKind.SingleLine;
        }
        return new Syntax(lines, blocks, SearchValues.Create([.. specials]), language, quotes);
    }
}
