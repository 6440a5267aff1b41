namespace Flagkeeper.Registry;

public enum RegistrySourceKind
{
    /// <summary>flags.yaml or flags.yml: editable.</summary>
    Yaml,
    /// <summary>flags.json: editable.</summary>
    Json,
    /// <summary>The FeatureManagement section of an appsettings*.json: read-only.</summary>
    AppSettings,
}

/// <summary>
/// One loaded registry file. It applies to <see cref="ScopeDirectory"/> and everything below it.
/// </summary>
public sealed record FlagRegistry
{
    /// <summary>Absolute path of the file.</summary>
    public required string FullPath { get; init; }

    /// <summary>Path printed to users (root-relative with '/').</summary>
    public required string DisplayPath { get; init; }

    public required RegistrySourceKind Kind { get; init; }
    public int Version { get; init; } = 1;

    /// <summary>Allowed environment names; null when the registry does not restrict them.</summary>
    public IReadOnlyList<string>? Environments { get; init; }
    public IReadOnlyList<FlagDefinition> Flags
    {
        get => _flags;
        init
        {
            _flags = value;
            _byKey = null;
        }
    }

    private readonly IReadOnlyList<FlagDefinition> _flags = [];
    private Dictionary<string, FlagDefinition>? _byKey;

    /// <summary>Flag keys that appeared more than once in the file (the later ones are dropped).</summary>
    public IReadOnlyList<FlagReference> DuplicateKeys { get; init; } = [];

    public string ScopeDirectory => Path.GetDirectoryName(FullPath)!;

    public bool IsEditable => Kind is not RegistrySourceKind.AppSettings;

    /// <summary>
    /// The text and tree the registry was read from, kept only when it was loaded for an edit: the editor reuses
    /// them under its lock when the file still holds exactly this text, instead of parsing it again.
    /// </summary>
    internal RegistrySource? Source { get; init; }

    /// <summary>True when a file at <paramref name="fullPath"/> is governed by this registry.</summary>
    public bool AppliesTo(string fullPath) => PathScope.Contains(ScopeDirectory, fullPath);

    /// <summary>The flag with exactly this key (the first, if the file repeats it), or null.</summary>
    public FlagDefinition? Find(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>
    /// The flags by key (the first of a repeated key). The reader hands over the index it built to find repeated
    /// keys (<see cref="WithIndex"/>); otherwise it is built on first use.
    /// </summary>
    internal IReadOnlyDictionary<string, FlagDefinition> ByKey => Index;

    private Dictionary<string, FlagDefinition> Index
    {
        get
        {
            var index = _byKey;
            if (index is null)
            {
                index = new Dictionary<string, FlagDefinition>(_flags.Count, StringComparer.Ordinal);
                foreach (var flag in _flags)
                {
                    index.TryAdd(flag.Key, flag);
                }
                _byKey = index; // a benign race: every thread builds the same index
            }
            return index;
        }
    }

    /// <summary>A copy of <see cref="ByKey"/> to change (copying a dictionary does not hash its keys again).</summary>
    internal Dictionary<string, FlagDefinition> CopyOfIndex() => new(Index, StringComparer.Ordinal);

    /// <summary>This registry with <paramref name="index"/> as its key index: it must hold exactly the first flag of each key of <see cref="Flags"/>.</summary>
    internal FlagRegistry WithIndex(Dictionary<string, FlagDefinition> index)
    {
        _byKey = index;
        return this;
    }
}

/// <summary>
/// The text a registry was read from and its parsed tree. The tree is null when the registry was read in chunks
/// (<see cref="Documents.PlainYamlSplitReader"/>: each chunk's tree was dropped once bound) or built by reading only
/// the edited region again (<see cref="Loading.RegistryRegionReader"/>); <see cref="Lines"/> then says where each
/// flag is, which is all an edit needs to read the flags it touches again.
/// </summary>
/// <param name="PlainNodes">The nodes, when the fast reader read the whole text (see <see cref="Loading.RegistryLoadResult.PlainNodes"/>); else 0.</param>
internal sealed record RegistrySource(Documents.DocNode? Document, int PlainNodes)
{
    private readonly Documents.EditedText? _edited;
    private string? _text;

    public RegistrySource(string text, Documents.DocNode? document, int plainNodes)
        : this(document, plainNodes) => _text = text;

    /// <summary>The source of an edit's read-back: the whole edited text is built only when <see cref="Text"/> is read.</summary>
    public RegistrySource(Documents.EditedText text, Documents.DocNode? document, int plainNodes)
        : this(document, plainNodes) => _edited = text;

    /// <summary>The whole text read.</summary>
    public string Text => _text ??= _edited!.Text;

    /// <summary>True when the file at <paramref name="path"/> holds exactly this text (an edit's without building it whole).</summary>
    public bool IsIn(string path, Documents.DocumentLimits limits) => _text is null && _edited is { } edited
        ? Documents.DocumentReader.FileHoldsText(path, edited.Parts().Select(p => p.Part), limits)
        : Documents.DocumentReader.FileHoldsText(path, Text, limits);

    /// <summary>Where the entries of a plain registry's block <c>flags:</c> mapping are; null when unknown.</summary>
    public Documents.EntryLines? Lines { get; init; }
}

public static class PathScope
{
    private static readonly StringComparison Comparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or lies below it.</summary>
    public static bool Contains(string directory, string path)
    {
        var dir = Path.TrimEndingDirectorySeparator(directory);
        return path.Equals(dir, Comparison)
            || (path.StartsWith(dir, Comparison) && path.Length > dir.Length && path[dir.Length] is '/' or '\\');
    }
}
