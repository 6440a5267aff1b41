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

    // Longer runs are cut; a longer needed name then reads the file, so the answer stays exact.
    private const int MaxToken = 128;
    private static readonly byte[][] Keywords = [.. TypeKeywords.Union(JvmTypeKeywords).Select(Encoding.UTF8.GetBytes)];

    /// <summary>Whether the scan indexes a file's declarations: a C#, Java or Kotlin file.</summary>
    public static bool Indexes(string file) =>
        file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || JvmFile.IsJava(file) || JvmFile.IsKotlinFile(file);

    /// <summary>
    /// The byte runs of name characters that follow a type keyword, as Latin-1 strings (one char per byte, so a
    /// comparison is a byte comparison); null when the file is not searched as bytes (not UTF-8), so it is read.
    /// </summary>
    public static string[]? Extract(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty || SourceDecoder.Detect(content) is not (SourceEncoding.Utf8 or SourceEncoding.Utf8Bom))
        {
            return null;
        }
        HashSet<string>? found = null;
        foreach (var keyword in Keywords)
        {
            var at = 0;
            while (content[at..].IndexOf(keyword) is var i and >= 0)
            {
                var start = at + i + keyword.Length;
                var end = start;
                while (end < content.Length && end - start < MaxToken && IsNameByte(content[end]))
                {
                    end++;
                }
                if (end > start)
                {
                    (found ??= new(StringComparer.Ordinal)).Add(Encoding.Latin1.GetString(content[start..end]));
                }
                at = start; // a keyword cannot overlap itself (it ends in a space), but one can start inside this run
            }
        }
        return found is null ? [] : [.. found.Order(StringComparer.Ordinal)];
    }

    /// <summary>The names as the index compares them, or null when one cannot be answered by it (then every file is read).</summary>
    public static string[]? Indexable(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (var name in names)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            if (bytes.Length == 0 || bytes.Length > MaxToken || !bytes.All(IsNameByte))
            {
                return null;
            }
            result.Add(Encoding.Latin1.GetString(bytes));
        }
        return [.. result];
    }

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

    private static bool IsNameByte(byte b) => b >= 0x80 || b == '_' || char.IsAsciiLetterOrDigit((char)b);
}
