using System.Collections.Concurrent;
using System.Text;
using Flagkeeper.Analysis.Scanning.Matching;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The Go files of the scanned tree by directory (a Go package is a directory), read and parsed only when a
/// directory is asked for, and the map from an import path to the directories that can hold that package.
/// </summary>
internal sealed class GoWorkspace
{
    private readonly string _root;
    private readonly long _maxFileSize;
    private readonly Dictionary<string, List<string>> _filesByDirectory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _directoriesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<GoFile>> _loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _modules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _callFiles;
    private readonly BindingAnswers? _scanned;

    /// <param name="callFiles">Files whose imports are needed even when they declare no constant.</param>
    /// <param name="scanned">What the scan learnt of the files it read: a file it found without <c>const</c> is not read again (null: nothing).</param>
    public GoWorkspace(string root, IEnumerable<string> goFiles, IEnumerable<string> callFiles, long maxFileSize, BindingAnswers? scanned = null)
    {
        _root = root;
        _maxFileSize = maxFileSize;
        _scanned = scanned;
        _callFiles = new HashSet<string>(callFiles, StringComparer.Ordinal);
        foreach (var file in goFiles)
        {
            var directory = GoPath.DirectoryOf(file);
            if (!_filesByDirectory.TryGetValue(directory, out var files))
            {
                _filesByDirectory[directory] = files = [];
                var name = directory[(directory.LastIndexOf('/') + 1)..];
                if (!_directoriesByName.TryGetValue(name, out var directories))
                {
                    _directoriesByName[name] = directories = [];
                }
                directories.Add(directory);
            }
            files.Add(file);
        }
    }

    /// <summary>
    /// Reads the Go files of <paramref name="directories"/> not read yet, all in parallel. A file without <c>const</c>
    /// in its raw bytes declares no constant: it is not decoded, unless it is a call file, whose header is read.
    /// </summary>
    public void Preload(IEnumerable<string> directories)
    {
        var wanted = directories.Distinct(StringComparer.Ordinal).Where(d => !_loaded.ContainsKey(d)).ToList();
        var files = wanted.SelectMany(d => _filesByDirectory.GetValueOrDefault(d) ?? []).ToList();
        var parsed = new ConcurrentBag<GoFile>();
        Parallel.ForEach(files, file =>
        {
            var path = Path.Combine(_root, file);
            if (!_callFiles.Contains(file))
            {
                if (_scanned?.LacksGoConstants(file) != true && SymbolSources.Read(path, _maxFileSize, ConstKeyword) is { } text)
                {
                    parsed.Add(GoDeclarationReader.Read(file, text));
                }
            }
            else if ((_scanned?.GoCallFile(file) ?? ReadCallFile(file, path)) is { } go)
            {
                parsed.Add(go);
            }
        });
        foreach (var directory in wanted)
        {
            _loaded[directory] = [];
        }
        foreach (var file in parsed.OrderBy(f => f.File, StringComparer.Ordinal))
        {
            _loaded[file.Directory].Add(file);
        }
    }

    private static readonly byte[][] ConstKeyword = ["const"u8.ToArray()];

    /// <summary>Whether <see cref="Preload"/> skips a file of these bytes (not a call file) as declaring no constant, as its read would.</summary>
    public static bool SkipsAsConstantFree(ReadOnlySpan<byte> content) => SymbolSources.LacksAll(content, ConstKeyword);

    /// <summary>
    /// A call file: its imports are needed, its constants if it has any. One without <c>const</c> is decoded only up to
    /// its first declaration's line (<see cref="HeaderEnd"/>); when the header does not end there after all (the cut
    /// fell inside a comment or a string), it is read whole.
    /// </summary>
    private GoFile? ReadCallFile(string file, string path)
    {
        if (SymbolSources.ReadHead(path, _maxFileSize, HeaderEnd) is not var (text, isWhole))
        {
            return null;
        }
        var (go, headerOnly) = ParseHead(file, text, isWhole);
        return go ?? (SymbolSources.Read(path, _maxFileSize) is { } whole ? GoDeclarationReader.Read(file, whole, headerOnly) : null);
    }

    /// <summary>A call file's head parsed; a null file when the cut fell inside a comment or a string, so the whole file is parsed.</summary>
    private static (GoFile? Go, bool HeaderOnly) ParseHead(string file, string head, bool isWhole)
    {
        var headerOnly = !head.Contains("const", StringComparison.Ordinal);
        var go = GoDeclarationReader.Read(file, head, headerOnly);
        return (isWhole || GoDeclarationReader.ReachedDeclaration(go) ? go : null, headerOnly);
    }

    /// <summary>
    /// What <see cref="ReadCallFile"/> would make of a call file, from the bytes the scan read, when those bytes are the
    /// file's text (UTF-8 without a BOM or a lone '\r'); null otherwise, and the pass reads the file.
    /// </summary>
    public static GoFile? ParseCallFile(string file, ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty || !SourceDecoder.DecodesToItself(content))
        {
            return null;
        }
        var cut = HeaderEnd(content) ?? content.Length;
        var (go, headerOnly) = ParseHead(file, Encoding.UTF8.GetString(content[..cut]), cut == content.Length);
        return go ?? GoDeclarationReader.Read(file, Encoding.UTF8.GetString(content), headerOnly);
    }

    private static readonly byte[][] Declarations = [.. new[] { "\nfunc", "\nvar", "\ntype" }.Select(k => Encoding.ASCII.GetBytes(k))];

    /// <summary>
    /// Where a call file's header should end: after the line of its first declaration at a line start. Null (read it
    /// whole) when it has <c>const</c> (its constants are read too) or no such declaration.
    /// </summary>
    private static int? HeaderEnd(ReadOnlySpan<byte> text)
    {
        if (text.IndexOf("const"u8) >= 0)
        {
            return null;
        }
        var first = -1;
        foreach (var keyword in Declarations)
        {
            if (text.IndexOf(keyword) is var at and >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }
        var lineEnd = first < 0 ? -1 : text[(first + 1)..].IndexOf((byte)'\n');
        return lineEnd < 0 ? null : first + 1 + lineEnd + 1;
    }

    /// <summary>The parsed Go files of one directory that can declare constants, and its call files (read on first use).</summary>
    public IReadOnlyList<GoFile> Directory(string directory)
    {
        if (!_loaded.TryGetValue(directory, out var files))
        {
            Preload([directory]);
            files = _loaded[directory];
        }
        return files;
    }

    public GoFile? File(string file) => Directory(GoPath.DirectoryOf(file)).FirstOrDefault(f => f.File == file);

    /// <summary>
    /// The directories that can hold the package <paramref name="importPath"/>. A directory under a <c>go.mod</c>
    /// has exactly one import path (module path + the directory below it; below <c>vendor/</c>, the rest of its
    /// path). A directory under none matches by its trailing path elements, and only the longest match counts:
    /// <c>a/feature</c> and <c>b/feature</c> both match <c>example.com/x/feature</c>, so that import is ambiguous.
    /// </summary>
    public IReadOnlyList<string> DirectoriesFor(string importPath)
    {
        var elements = importPath.Split('/');
        var candidates = _directoriesByName.GetValueOrDefault(elements[^1]) ?? [];
        if (_filesByDirectory.ContainsKey("") && !candidates.Contains(""))
        {
            candidates = [.. candidates, ""]; // a module rooted at the scanned directory
        }
        var exact = new List<string>();
        var loose = new List<(string Directory, int Matched)>();
        foreach (var directory in candidates)
        {
            var known = ImportPathOf(directory);
            if (known == importPath)
            {
                exact.Add(directory);
            }
            else if (known is null && directory.Length > 0)
            {
                loose.Add((directory, TrailingElementsInCommon(directory.Split('/'), elements)));
            }
        }
        if (exact.Count > 0 || loose.Count == 0)
        {
            return [.. exact.Order(StringComparer.Ordinal)];
        }
        var best = loose.Max(l => l.Matched);
        return [.. loose.Where(l => l.Matched == best).Select(l => l.Directory).Order(StringComparer.Ordinal)];
    }

    private static int TrailingElementsInCommon(string[] a, string[] b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[^(n + 1)] == b[^(n + 1)])
        {
            n++;
        }
        return n;
    }

    /// <summary>The import path of a directory from the nearest <c>go.mod</c> (or <c>vendor/</c>), or null when there is none.</summary>
    private string? ImportPathOf(string directory)
    {
        var vendor = ("/" + directory).LastIndexOf("/vendor/", StringComparison.Ordinal);
        if (vendor >= 0)
        {
            return directory[(vendor + "vendor/".Length)..];
        }
        for (var module = directory; ; module = GoPath.DirectoryOf(module))
        {
            if (ModulePath(module) is { } path)
            {
                return module == directory ? path : path + "/" + directory[(module.Length == 0 ? 0 : module.Length + 1)..];
            }
            if (module.Length == 0)
            {
                return null;
            }
        }
    }

    /// <summary>The <c>module</c> line of <c>go.mod</c> in <paramref name="directory"/>, if it has one (cached).</summary>
    private string? ModulePath(string directory)
    {
        if (_modules.TryGetValue(directory, out var known))
        {
            return known;
        }
        string? path = null;
        if (SymbolSources.Read(Path.Combine(_root, directory, "go.mod"), _maxFileSize) is { } text)
        {
            var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("module", StringComparison.Ordinal) && l.Length > 6 && char.IsWhiteSpace(l[6]));
            path = line?[6..].Split("//")[0].Trim().Trim('"', '`');
        }
        return _modules[directory] = string.IsNullOrEmpty(path) ? null : path;
    }
}
