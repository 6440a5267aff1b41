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
        foreach (var edit in edits)
        {
            var found = false;
            for (var i = 0; i < lines.KeyStarts.Length; i++)
            {
                if (IsKeyAt(text, lines.KeyStarts[i].Index, edit.Key))
                {
                    wanted.Add(i);
                    found = true;
                }
            }
            if (!found && before.Registry.Find(edit.Key) is not null)
            {
                return null; // registered, but not written where a plain key would be: let the whole parse find it
            }
        }
        return PlainYamlSplitReader.TryReadPartial(text, "flags", lines, wanted, DocumentLimits.Default);
    }

    /// <summary>The plain key <paramref name="key"/> at <paramref name="index"/>, then ':' and a space, the line's end or the text's.</summary>
    private static bool IsKeyAt(string text, int index, string key)
    {
        var after = index + key.Length;
        return after < text.Length && text[after] == ':' && string.CompareOrdinal(text, index, key, 0, key.Length) == 0
            && (after + 1 == text.Length || text[after + 1] is ' ' or '\n' or '\r');
    }
}
