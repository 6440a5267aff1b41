namespace Flagkeeper.Documents;

/// <summary>
/// A text as an edit leaves it: the original with some of its ranges replaced, written out as one string only when
/// someone asks (<see cref="Text"/>). An edit of a 10,000-flag registry changes a line or two; the read-back reads the
/// changed region, the new file is written part by part, and the 6.8 MB string of the whole is not needed for either.
/// </summary>
internal sealed class EditedText
{
    private readonly Replacement[] _replacements;
    private string? _text;

    /// <summary>Replace <c>[Start, End)</c> of the original with <c>Text</c>.</summary>
    internal readonly record struct Replacement(int Start, int End, string Text);

    /// <param name="replacements">In order, none overlapping another.</param>
    public EditedText(string original, IEnumerable<Replacement> replacements)
    {
        Original = original;
        _replacements = [.. replacements];
        Length = original.Length;
        foreach (var replacement in _replacements)
        {
            Length += replacement.Text.Length - (replacement.End - replacement.Start);
        }
    }

    /// <summary>A text given whole (the original replaced by it).</summary>
    public static EditedText Whole(string original, string edited) => new(original, [new(0, original.Length, edited)]) { _text = edited };

    public string Original { get; }

    /// <summary>The replaced ranges of the original, in order.</summary>
    public IReadOnlyList<Replacement> Replacements => _replacements;

    public int Length { get; }

    /// <summary>The whole edited text, built on first use.</summary>
    public string Text => _text ??= Build();

    /// <summary>True when the edit left every character as it was.</summary>
    public bool SameAsOriginal => Length == Original.Length && CommonPrefixLength() == Length;

    /// <summary>The edited text's parts in order; <c>At</c> is where a part stands in the original (-1 for a replacement).</summary>
    public IEnumerable<(ReadOnlyMemory<char> Part, int At)> Parts()
    {
        var from = 0;
        foreach (var replacement in _replacements)
        {
            yield return (Original.AsMemory(from, replacement.Start - from), from);
            yield return (replacement.Text.AsMemory(), -1);
            from = replacement.End;
        }
        yield return (Original.AsMemory(from), from);
    }

    /// <summary>How many characters at the start are the same as the original's.</summary>
    public int CommonPrefixLength()
    {
        var at = 0;
        foreach (var (part, from) in Parts())
        {
            // Text before the first replacement stands where it stood: the same without comparing.
            var same = from == at ? part.Length : part.Span.CommonPrefixLength(Original.AsSpan(Math.Min(at, Original.Length)));
            at += same;
            if (same < part.Length)
            {
                break;
            }
        }
        return at;
    }

    /// <summary>How many characters at the end are the same as the original's, at most <paramref name="most"/>.</summary>
    public int CommonSuffixLength(int most)
    {
        var same = 0;
        var parts = Parts().ToList();
        for (var i = parts.Count - 1; i >= 0 && same < most; i--)
        {
            var (part, from) = parts[i];
            var span = part.Span;
            int matched;
            if (from >= 0 && Original.Length - (from + span.Length) == same)
            {
                matched = span.Length; // text after the last replacement ends where it ended
            }
            else
            {
                var other = Original.AsSpan(0, Original.Length - same);
                matched = 0;
                while (matched < span.Length && matched < other.Length && span[^(matched + 1)] == other[^(matched + 1)])
                {
                    matched++;
                }
            }
            same += matched;
            if (matched < span.Length)
            {
                break;
            }
        }
        return Math.Min(same, most);
    }

    /// <summary>Characters <c>[start, end)</c> of the edited text.</summary>
    public string Slice(int start, int end)
    {
        if (_text is not null)
        {
            return _text[start..end];
        }
        return string.Create(end - start, (this, start), static (result, state) =>
        {
            var (text, start) = state;
            var at = 0;
            foreach (var (part, _) in text.Parts())
            {
                var span = part.Span;
                var from = Math.Max(start - at, 0);
                if (from < span.Length && !result.IsEmpty)
                {
                    var take = Math.Min(span.Length - from, result.Length);
                    span.Slice(from, take).CopyTo(result);
                    result = result[take..];
                }
                at += span.Length;
            }
        });
    }

    // Written straight into a string of the final length: a builder would hold a second copy of a large registry.
    private string Build() => string.Create(Length, this, static (result, text) =>
    {
        foreach (var (part, _) in text.Parts())
        {
            part.Span.CopyTo(result);
            result = result[part.Length..];
        }
    });
}
