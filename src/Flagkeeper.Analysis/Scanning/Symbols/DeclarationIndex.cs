using System.Buffers;
using System.Text;
using Flagkeeper.Analysis.Scanning.Matching;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// What the symbol pass's byte search ("class FeatureFlags" in a file's raw bytes) would find, recorded while the
/// scan has the file in memory: the name bytes after every type keyword. The pass then reads only the files that
/// can declare a type it needs, instead of every C#, Java or Kotlin file, and the scan cache keeps the index for unchanged files.
/// </summary>
internal static class DeclarationIndex
{
    /// <summary>A type keyword and its space, as the byte search looks for it.</summary>
    public static readonly string[] TypeKeywords = ["class ", "struct ", "enum ", "interface ", "record "];

    /// <summary>The type keywords of Java and Kotlin (<c>object Flags</c> is a Kotlin singleton).</summary>
    public static readonly string[] JvmTypeKeywords = ["class ", "enum ", "interface ", "record ", "object "];

    /// <summary>
    /// What a Kotlin file's index also holds when the file holds <c>const</c> (a top-level constant is <c>const val X</c>,
    /// and a file without those bytes declares none): the names after <c>val </c>, each kept with its keyword ("val X")
    /// so that no type name matches one. Most Kotlin files hold no <c>const</c> and many <c>val</c>s (60 a file in the
    /// dense benchmark corpus): indexing those was a third of the index's cost.
    /// </summary>
    public const string ValueKeyword = "val ";

    // Longer runs are cut; a longer needed name then reads the file, so the answer stays exact.
    private const int MaxToken = 128;
    private static readonly string[] Keywords = [.. TypeKeywords.Union(JvmTypeKeywords)];
    private static readonly string[] KotlinKeywords = [.. Keywords, ValueKeyword];
    private static readonly SearchValues<string> AnyKeyword = SearchValues.Create(Keywords, StringComparison.Ordinal);
    private static readonly SearchValues<string> AnyKotlinKeyword = SearchValues.Create(KotlinKeywords, StringComparison.Ordinal);

    /// <summary>Whether the scan indexes a file's declarations: a C#, Java or Kotlin file.</summary>
    public static bool Indexes(string file) =>
        file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || JvmFile.IsJava(file) || JvmFile.IsKotlinFile(file);

    /// <summary><see cref="Extract(ReadOnlySpan{byte}, ReadOnlySpan{char}, bool)"/> of a file's bytes alone.</summary>
    public static string[]? Extract(ReadOnlySpan<byte> content, bool kotlin = false) => Extract(content, Encoding.Latin1.GetString(content), kotlin);

    /// <summary>
    /// The byte runs of name characters that follow a type keyword, as Latin-1 strings (one char per byte, so a
    /// comparison is a byte comparison); null when the file is not searched as bytes (not UTF-8), so it is read.
    /// </summary>
    /// <param name="content">The file's bytes as stored.</param>
    /// <param name="latin1">Its UTF-8 text widened byte for byte (as the matcher has it): one vectorised search for every keyword at once.</param>
    /// <param name="kotlin">A Kotlin file: the names after <see cref="ValueKeyword"/> too, if it holds <c>const</c>.</param>
    public static string[]? Extract(ReadOnlySpan<byte> content, ReadOnlySpan<char> latin1, bool kotlin = false)
    {
        if (content.IsEmpty || SourceDecoder.Detect(content) is not (SourceEncoding.Utf8 or SourceEncoding.Utf8Bom))
        {
            return null;
        }
        var (keywords, anyKeyword) = kotlin && content.IndexOf("const"u8) >= 0 ? (KotlinKeywords, AnyKotlinKeyword) : (Keywords, AnyKeyword);
        HashSet<string>? found = null;
        for (var at = latin1.IndexOfAny(anyKeyword); at >= 0; at = Next(latin1, at, anyKeyword))
        {
            var keyword = KeywordAt(latin1[at..], keywords);
            var start = at + keyword.Length;
            var end = start;
            while (end < latin1.Length && end - start < MaxToken && IsNameByte(latin1[end]))
            {
                end++;
            }
            if (end > start)
            {
                var name = latin1[start..end];
                (found ??= new(StringComparer.Ordinal)).Add(keyword == ValueKeyword ? string.Concat(keyword, name) : name.ToString());
            }
            // No keyword overlaps itself or starts inside another (they end in their only space), but one can start inside the run.
        }
        if (found is null)
        {
            return [];
        }
        var names = found.ToArray(); // exact, and sorted in place: LINQ's ordering copied the set twice more
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    private static string KeywordAt(ReadOnlySpan<char> text, string[] keywords)
    {
        foreach (var keyword in keywords)
        {
            if (text.StartsWith(keyword, StringComparison.Ordinal))
            {
                return keyword;
            }
        }
        throw new InvalidOperationException("the search found no keyword here"); // cannot happen: the search found one
    }

    private static int Next(ReadOnlySpan<char> text, int at, SearchValues<string> anyKeyword)
    {
        var next = text[(at + 1)..].IndexOfAny(anyKeyword);
        return next < 0 ? -1 : at + 1 + next;
    }

    /// <summary>The names as the index compares them, or null when one cannot be answered by it (then every file is read).</summary>
    public static string[]? Indexable(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (var name in names)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            if (bytes.Length == 0 || bytes.Length > MaxToken || !bytes.All(b => IsNameByte((char)b)))
            {
                return null;
            }
            result.Add(Encoding.Latin1.GetString(bytes));
        }
        return [.. result];
    }

    /// <summary>Kotlin constant names as <see cref="MayDeclare"/> compares them with a Kotlin file's index ("val X"), or null as <see cref="Indexable"/>.</summary>
    public static string[]? IndexableValues(IEnumerable<string> names) =>
        Indexable(names) is { } indexable ? [.. indexable.Select(name => ValueKeyword + name)] : null;

    /// <summary>
    /// Whether the file holds "keyword name" for one of <paramref name="names"/>: a run starts with the name exactly
    /// when the bytes after the keyword do, since every byte of the name is a name byte.
    /// </summary>
    public static bool MayDeclare(string[] tokens, string[] names)
    {
        foreach (var token in tokens)
        {
            foreach (var name in names)
            {
                if (token.StartsWith(name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool IsNameByte(char b) => b >= 0x80 || b == '_' || char.IsAsciiLetterOrDigit(b);
}
