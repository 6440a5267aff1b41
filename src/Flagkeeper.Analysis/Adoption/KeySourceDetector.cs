using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.KeySources;
using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Adoption;

/// <summary>
/// For <c>flagkeeper init</c>: the declarations that list flags, found from the scan. A key the symbol pass resolved
/// says where its constant is declared; each class, enum, const object, union type (in that file) or Go map (in that
/// file) that reads as a key source and lists at least one key the code uses is one.
/// </summary>
public static class KeySourceDetector
{
    public static IReadOnlyList<KeySource> Detect(string root, ScanResult scan, long maxFileSize)
    {
        var used = scan.Usages.Where(u => u.Flag is not null).Select(u => u.Flag!).ToHashSet(StringComparer.Ordinal);
        var files = scan.Usages.Where(u => u.Flag is not null && u.DeclaredAt is not null).Select(u => u.DeclaredAt!.Value.File)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var found = new List<KeySource>();
        foreach (var file in files)
        {
            if (SymbolSources.Read(Path.Combine(root, file), maxFileSize) is not { } text)
            {
                continue;
            }
            foreach (var name in Names(root, file, text, maxFileSize))
            {
                if (Read(root, file, text, name, maxFileSize) is { Members: { } members, Problem: null } && members.Any(m => m.Key is { } key && used.Contains(key)))
                {
                    found.Add(new KeySource(file, name, default));
                }
            }
        }
        return found;
    }

    /// <summary>The names a file declares that could be key sources (asked for a name nothing declares, a reader lists them).</summary>
    private static IEnumerable<string> Names(string root, string file, string text, long maxFileSize) =>
        (Read(root, file, text, "", maxFileSize)?.DeclaredNames ?? []).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static SourceReading? Read(string root, string file, string text, string name, long maxFileSize) =>
        KeySourceReader.ReadDeclaration(root, file, text, name, maxFileSize);
}
