using Flagkeeper.Analysis.Languages;
using Flagkeeper.Analysis.Scanning.Catalog;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>A trigger word the prefilter found: its shapes by name, or the env / kill-switch prefix it starts with.</summary>
internal readonly record struct Candidate(int Start, int End, CallShape[]? Shapes, string? Prefix);

/// <summary>
/// The cheap first pass over a whole file: one multi-string <see cref="System.Buffers.SearchValues{T}"/>
/// search (Teddy-style, vectorised) for the catalog's anchor words, each hit widened to the identifier
/// around it and looked up among the trigger words. Nothing else is read for a file without candidates.
/// </summary>
internal sealed class Prefilter(ShapeIndex index)
{
    /// <summary>Fills <paramref name="candidates"/> in file order; true when the file contains <c>flagkeeper-ignore</c>.</summary>
    public bool Find(ReadOnlySpan<char> chars, Language language, List<Candidate> candidates)
    {
        candidates.Clear();
        var marker = false;
        var anchors = index.AnchorSearch;
        var offset = 0;
        while (offset < chars.Length)
        {
            var hit = chars[offset..].IndexOfAny(anchors);
            if (hit < 0)
            {
                break;
            }
            hit += offset;
            while (hit < chars.Length && !Identifiers.IsPart(chars[hit]))
            {
                hit++; // an anchor may start with punctuation ("<feature")
            }
            var start = hit;
            while (start > 0 && Identifiers.IsPart(chars[start - 1]))
            {
                start--;
            }
            if (chars[start..].StartsWith(ShapeIndex.SuppressionMarker, StringComparison.Ordinal))
            {
                marker = true;
                offset = start + ShapeIndex.SuppressionMarker.Length;
                continue;
            }
            var end = hit + 1;
            while (end < chars.Length && Identifiers.IsPart(chars[end]))
            {
                end++;
            }
            offset = end;
            Add(chars, start, end, language, candidates);
        }
        return marker;
    }

    private void Add(ReadOnlySpan<char> chars, int start, int end, Language language, List<Candidate> candidates)
    {
        var name = chars[start..end];
        if (name.IsEmpty || (start > 0 && chars[start - 1] == '$' && language.Id == "php"))
        {
            return; // a PHP variable, not a call
        }
        if (index.TryGetByName(name, out var shapes))
        {
            candidates.Add(new Candidate(start, end, shapes, null));
            return;
        }
        if (!index.PrefixTriggerStarts.Contains(name[0]))
        {
            return;
        }
        foreach (var prefix in index.PrefixTriggers)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                candidates.Add(new Candidate(start, end, null, prefix));
                return;
            }
        }
    }
}
