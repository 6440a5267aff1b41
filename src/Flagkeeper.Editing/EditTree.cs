using Flagkeeper.Documents;
using Flagkeeper.Loading;

namespace Flagkeeper.Editing;

/// <summary>
/// The tree an edit plans against when the registry was loaded without one (read in chunks, or read back from an
/// edited region): only the flags the edits name, read again from where <see cref="EntryLines"/> says they are, instead
/// of the whole 10,000-flag tree. Null when that cannot be done exactly; the caller then parses the whole text.
/// </summary>
internal static class EditTree
{
    public static MappingNode? TryPartial(RegistryLoadResult before, string text, IReadOnlyList<RegistryEdit> edits)
    {
        // The lines must be those of this very text (a string compare is a reference compare first).
        if (before.Registry?.Source is not { Lines: { } lines } source || source.Text != text)
        {
            return null;
        }
        var wanted = new List<int>();
        var starts = KeyStartsByKey(text, lines, edits);
        foreach (var edit in edits)
        {
            var found = false;
            if (!edit.Key.Contains(':'))
            {
                if (starts.TryGetValue(edit.Key, out var at))
                {
                    wanted.AddRange(at);
                    found = true;
                }
            }
            else
            {
                for (var i = 0; i < lines.KeyStarts.Length; i++)
                {
                    if (IsKeyAt(text, lines.KeyStarts[i].Index, edit.Key))
                    {
                        wanted.Add(i);
                        found = true;
                    }
                }
            }
            if (!found && before.Registry.Find(edit.Key) is not null)
            {
                return null; // registered, but not written where a plain key would be: let the whole parse find it
            }
        }
        return PlainYamlSplitReader.TryReadPartial(text, "flags", lines, wanted, DocumentLimits.Default);
    }

    /// <summary>
    /// The key starts of each edited key without a colon, in order, found in one pass for all edits (<c>kill --all</c>
    /// makes 10,000): a key without ':' is at a start exactly when the start's first ':' follows it (the test of
    /// <see cref="IsKeyAt"/>). A key with a colon is looked for start by start.
    /// </summary>
    private static Dictionary<string, List<int>> KeyStartsByKey(string text, EntryLines lines, IReadOnlyList<RegistryEdit> edits)
    {
        var starts = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var edit in edits)
        {
            if (!edit.Key.Contains(':'))
            {
                starts.TryAdd(edit.Key, []);
            }
        }
        var byText = starts.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < lines.KeyStarts.Length; i++)
        {
            var index = lines.KeyStarts[i].Index;
            var rest = text.AsSpan(index);
            var colon = rest.IndexOfAny(':', '\n');
            if (colon > 0 && rest[colon] == ':' && IsKeyAt(text, index, rest[..colon]) && byText.TryGetValue(rest[..colon], out var at))
            {
                at.Add(i);
            }
        }
        return starts;
    }

    /// <summary>The plain key <paramref name="key"/> at <paramref name="index"/>, then ':' and a space, the line's end or the text's.</summary>
    private static bool IsKeyAt(string text, int index, ReadOnlySpan<char> key)
    {
        var after = index + key.Length;
        return after < text.Length && text[after] == ':' && text.AsSpan(index, key.Length).SequenceEqual(key)
            && (after + 1 == text.Length || text[after + 1] is ' ' or '\n' or '\r');
    }
}
