using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Scanning.Symbols;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.KeySources;

/// <summary>
/// Reads the <c>keySources:</c> of flagkeeper.yaml: each names a file and a declaration in it that lists flag keys.
/// A missing file or name is an error (FK1011: the configuration is wrong, so nothing is judged as declared there);
/// a member that is not a constant key is skipped and reported (FK5003). Only the named files are read.
/// </summary>
public static class KeySourceReader
{
    public static DeclaredKeys Read(string root, IReadOnlyList<KeySource> sources, long maxFileSize)
    {
        if (sources.Count == 0)
        {
            return DeclaredKeys.None;
        }
        var keys = new List<DeclaredKey>();
        var errors = new List<FlagkeeperError>();
        foreach (var source in sources)
        {
            var path = Path.Combine(root, source.File);
            if (!File.Exists(path))
            {
                errors.Add(ErrorCodes.KeySourceNotFound.Create($"key source file '{source.File}' does not exist under the root", source.At));
                continue;
            }
            if (SymbolSources.Read(path, maxFileSize) is not { } text)
            {
                errors.Add(ErrorCodes.KeySourceNotFound.Create($"key source file '{source.File}' could not be read as source text: it is empty, binary, unreadable or larger than scan.maxFileSize ({maxFileSize} bytes)", source.At));
                continue;
            }
            var reading = ReadDeclaration(root, source.File, text, source.Name, maxFileSize);
            if (reading is null)
            {
                errors.Add(ErrorCodes.KeySourceNotFound.Create(
                    $"key source file '{source.File}' is not C#, Go, TypeScript or JavaScript, the languages a key source is read from", source.At));
                continue;
            }
            if (reading.Members is null || reading.Problem is not null)
            {
                errors.Add(ErrorCodes.KeySourceNotFound.Create(reading.Problem is { } problem ? $"key source {source.Name} in {source.File}: {problem}" : NotDeclared(source, reading), source.At));
                continue;
            }
            var lines = new LineIndex(text);
            foreach (var member in reading.Members)
            {
                var (line, column) = lines.Position(member.Offset);
                var at = new SourceLocation(source.File, line, column);
                if (member.Key is { Length: > 0 } key)
                {
                    keys.Add(new DeclaredKey(key, at, source.Name, member.Stage));
                }
                else
                {
                    errors.Add(ErrorCodes.KeySourceMemberSkipped.Create(
                        $"{source.Name}.{member.Name} in key source {source.File} is not counted as a declared flag: {member.Why ?? "its value is empty"}", at));
                }
            }
        }
        return new DeclaredKeys(keys, errors);
    }

    /// <summary>The declaration <paramref name="name"/> of <paramref name="file"/> read by its language's reader; null for another language.</summary>
    internal static SourceReading? ReadDeclaration(string root, string file, string text, string name, long maxFileSize)
    {
        if (file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
        {
            return CSharpKeySource.Read(file, text, name);
        }
        if (file.EndsWith(".go", StringComparison.OrdinalIgnoreCase))
        {
            return GoKeySource.Read(root, file, text, name, maxFileSize);
        }
        return TypeScriptModuleGraph.IsScript(file) ? TypeScriptKeySource.Read(root, file, text, name, maxFileSize) : null;
    }

    private static string NotDeclared(KeySource source, SourceReading reading)
    {
        var guess = Suggestions.Closest(source.Name, reading.DeclaredNames);
        var what = source.File.EndsWith(".go", StringComparison.OrdinalIgnoreCase) ? "map" : "class, enum, type or const object";
        return $"key source file '{source.File}' declares no {what} named '{source.Name}'" + (guess is null ? "" : $"; did you mean '{guess}'?");
    }
}
