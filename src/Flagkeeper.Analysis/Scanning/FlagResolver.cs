using System.Collections.Concurrent;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Registry;

namespace Flagkeeper.Analysis.Scanning;

/// <summary>
/// Matches a usage's key to the flag that governs it: in the registries that apply to the file
/// (nearest first), by key or alias; with <see cref="KeyMatching.Loose"/> also across case and
/// separators (new-checkout = NEW_CHECKOUT = newCheckout = new_checkout). Thread-safe; it remembers
/// which registries apply to each folder.
/// </summary>
public sealed class FlagResolver
{
    private readonly RegistrySet _registries;
    private readonly KeyMatching _matching;
    private readonly Dictionary<FlagRegistry, Dictionary<string, FlagDefinition>> _indexes = new(ReferenceEqualityComparer.Instance); // records hash by value, and a registry builds its key index lazily
    private readonly ConcurrentDictionary<string, FlagRegistry[]> _applying = new(StringComparer.Ordinal); // by folder

    public FlagResolver(RegistrySet registries, KeyMatching matching)
    {
        _registries = registries ?? throw new ArgumentNullException(nameof(registries));
        _matching = matching;
        foreach (var registry in registries.Registries)
        {
            var index = new Dictionary<string, FlagDefinition>(StringComparer.Ordinal);
            foreach (var flag in registry.Flags)
            {
                foreach (var name in flag.Aliases.Prepend(flag.Key))
                {
                    index.TryAdd(name, flag);
                    if (matching == KeyMatching.Loose)
                    {
                        index.TryAdd(Normalize(name), flag);
                    }
                }
            }
            _indexes[registry] = index;
        }
    }

    /// <summary>The flag <paramref name="key"/> names for a file at <paramref name="fullPath"/>, or null when unregistered.</summary>
    public FlagDefinition? Resolve(string fullPath, string key) => Resolve(ApplyingTo(fullPath), key);

    /// <summary>The registries that govern a file, nearest first (remembered per folder).</summary>
    public IReadOnlyList<FlagRegistry> ApplyingTo(string fullPath)
    {
        var folder = Path.GetDirectoryName(fullPath) ?? fullPath;
        return _applying.GetOrAdd(folder, _ => [.. _registries.ApplyingTo(fullPath)]);
    }

    /// <summary>The flag <paramref name="key"/> names in <paramref name="applying"/> (from <see cref="ApplyingTo"/>), or null.</summary>
    public FlagDefinition? Resolve(IReadOnlyList<FlagRegistry> applying, string key)
    {
        ArgumentNullException.ThrowIfNull(applying);
        ArgumentNullException.ThrowIfNull(key);
        string? loose = null;
        foreach (var registry in applying)
        {
            var index = _indexes[registry];
            if (index.TryGetValue(key, out var flag) || (_matching == KeyMatching.Loose && index.TryGetValue(loose ??= Normalize(key), out flag)))
            {
                return flag;
            }
        }
        return null;
    }

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
