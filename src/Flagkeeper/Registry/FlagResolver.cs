using System.Collections.Concurrent;

namespace Flagkeeper.Registry;

/// <summary>
/// Matches a usage's key to the flag that governs it: in the registries that apply to the file
/// (nearest first), by key or alias; with <see cref="KeyMatching.Loose"/> also across case and
/// separators (new-checkout = NEW_CHECKOUT = newCheckout = new_checkout). Thread-safe; it remembers
/// which registries apply to each folder. The one key and alias lookup: the scanner, the gates and the
/// <c>flags</c> commands all ask it.
/// </summary>
public sealed class FlagResolver
{
    private readonly FlagRegistry[] _registries;
    private readonly KeyMatching _matching;
    private Dictionary<FlagRegistry, Dictionary<string, FlagDefinition>>? _indexes; // built on the first lookup: `flags` edits only ask Declaring
    private readonly ConcurrentDictionary<string, FlagRegistry[]> _applying = new(StringComparer.Ordinal); // by folder

    public FlagResolver(IEnumerable<FlagRegistry> registries, KeyMatching matching = KeyMatching.Exact)
    {
        ArgumentNullException.ThrowIfNull(registries);
        _registries = [.. registries];
        _matching = matching;
    }

    /// <summary>Every registry's keys and aliases (loose forms too, when matching loosely), first declaration first.</summary>
    /// <remarks>Read first without the initializer: its lambda, a new delegate on every call, was 50 bytes per usage in a scan's JSON.</remarks>
    private Dictionary<FlagRegistry, Dictionary<string, FlagDefinition>> Indexes() => Volatile.Read(ref _indexes) ?? LazyInitializer.EnsureInitialized(ref _indexes, () =>
    {
        var indexes = new Dictionary<FlagRegistry, Dictionary<string, FlagDefinition>>(ReferenceEqualityComparer.Instance); // records hash by value
        foreach (var registry in _registries)
        {
            var index = new Dictionary<string, FlagDefinition>(registry.Flags.Count, StringComparer.Ordinal);
            foreach (var flag in registry.Flags)
            {
                Add(index, flag.Key, flag);
                foreach (var alias in flag.Aliases)
                {
                    Add(index, alias, flag);
                }
            }
            indexes[registry] = index;
        }
        return indexes;
    });

    private void Add(Dictionary<string, FlagDefinition> index, string name, FlagDefinition flag)
    {
        index.TryAdd(name, flag);
        if (_matching == KeyMatching.Loose)
        {
            index.TryAdd(Normalize(name), flag);
        }
    }

    /// <summary>The flag <paramref name="key"/> names for a file at <paramref name="fullPath"/>, or null when unregistered.</summary>
    public FlagDefinition? Resolve(string fullPath, string key) => Resolve(ApplyingTo(fullPath), key);

    /// <summary>The registries that govern a file, nearest first (remembered per folder).</summary>
    public IReadOnlyList<FlagRegistry> ApplyingTo(string fullPath)
    {
        var folder = Path.GetDirectoryName(fullPath) ?? fullPath;
        return _applying.GetOrAdd(folder, _ => [.. _registries.Where(r => r.AppliesTo(fullPath)).OrderByDescending(r => r.ScopeDirectory.Length)]);
    }

    /// <summary>The flag <paramref name="key"/> names in <paramref name="applying"/> (from <see cref="ApplyingTo"/>), or null.</summary>
    public FlagDefinition? Resolve(IReadOnlyList<FlagRegistry> applying, string key)
    {
        ArgumentNullException.ThrowIfNull(applying);
        ArgumentNullException.ThrowIfNull(key);
        string? loose = null;
        var indexes = Indexes();
        foreach (var registry in applying)
        {
            var index = indexes[registry];
            if (index.TryGetValue(key, out var flag) || (_matching == KeyMatching.Loose && index.TryGetValue(loose ??= Normalize(key), out flag)))
            {
                return flag;
            }
        }
        return null;
    }

    /// <summary>
    /// Every flag that <paramref name="key"/> names, by its key or an alias, with the registry declaring it, in
    /// registry then file order: all of them, wherever they apply (what <c>flags show</c> lists).
    /// </summary>
    public IReadOnlyList<(FlagRegistry Registry, FlagDefinition Flag)> Named(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var loose = _matching == KeyMatching.Loose ? Normalize(key) : null;
        return [.. _registries.SelectMany(r => r.Flags.Where(f => Names(f.Key, key, loose) || f.Aliases.Any(a => Names(a, key, loose))).Select(f => (r, f)))];
    }

    /// <summary>
    /// The flags declared under <paramref name="key"/> itself, or when there are none, those that carry it as an
    /// alias: which flag an edit of <paramref name="key"/> means (more than one: the caller must ask which).
    /// </summary>
    public IReadOnlyList<(FlagRegistry Registry, FlagDefinition Flag)> Declaring(string key)
    {
        var named = Named(key);
        var loose = _matching == KeyMatching.Loose ? Normalize(key) : null;
        var byKey = named.Where(x => Names(x.Flag.Key, key, loose)).ToList();
        return byKey.Count > 0 ? byKey : named;
    }

    private static bool Names(string name, string key, string? loose) =>
        name == key || (loose is not null && Normalize(name) == loose);

    /// <summary>Lower case with '-', '_', '.', ':', '/' and spaces removed: the loose form of a key.</summary>
    public static string Normalize(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return string.Create(key.Length - key.Count(IsSeparator), key, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (!IsSeparator(c))
                {
                    span[i++] = char.ToLowerInvariant(c);
                }
            }
        });
    }

    private static bool IsSeparator(char c) => c is '-' or '_' or '.' or ':' or '/' or ' ';
}
