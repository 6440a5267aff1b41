using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;

namespace Flagkeeper.Analysis.Discovery;

/// <summary>Every registry that applies under a root, plus the errors met while loading them.</summary>
public sealed record RegistrySet(string Root, IReadOnlyList<FlagRegistry> Registries, IReadOnlyList<FlagkeeperError> Errors)
{
    /// <summary>Registries that govern the file at <paramref name="fullPath"/>, nearest first.</summary>
    public IEnumerable<FlagRegistry> ApplyingTo(string fullPath) =>
        Registries.Where(r => r.AppliesTo(fullPath)).OrderByDescending(r => r.ScopeDirectory.Length);

    /// <summary>Every flag with the registry that declares it, in registry then file order.</summary>
    public IEnumerable<(FlagRegistry Registry, FlagDefinition Flag)> AllFlags =>
        Registries.SelectMany(r => r.Flags.Select(f => (r, f)));

    /// <summary>The registries that declare <paramref name="key"/>.</summary>
    public IReadOnlyList<FlagRegistry> Declaring(string key) => Registries.Where(r => r.Find(key) is not null).ToList();
}
