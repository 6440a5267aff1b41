using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;

namespace Flagkeeper.Analysis.Discovery;

/// <summary>Every registry that applies under a root, plus the errors met while loading them.</summary>
public sealed record RegistrySet(string Root, IReadOnlyList<FlagRegistry> Registries, IReadOnlyList<FlagkeeperError> Errors)
{
    /// <summary>Notes on files named like a registry that were skipped because they are not one (another tool's flags.json).</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>The full paths of those skipped files, in the same order (<c>init</c> imports the ones it can read).</summary>
    public IReadOnlyList<string> SkippedFiles { get; init; } = [];

    /// <summary>Registries that govern the file at <paramref name="fullPath"/>, nearest first.</summary>
    public IEnumerable<FlagRegistry> ApplyingTo(string fullPath) =>
        Registries.Where(r => r.AppliesTo(fullPath)).OrderByDescending(r => r.ScopeDirectory.Length);

    /// <summary>Every flag with the registry that declares it, in registry then file order.</summary>
    public IEnumerable<(FlagRegistry Registry, FlagDefinition Flag)> AllFlags =>
        Registries.SelectMany(r => r.Flags.Select(f => (r, f)));

    /// <summary>
    /// With no registry at all (and none that failed to load): that nothing is registered, so there is nothing to
    /// check flags against, and how to start one. Null otherwise.
    /// </summary>
    public string? NoRegistryNotice => Registries.Count == 0 && Errors.Count == 0
        ? $"no registry (flags.yaml) found under {Root}, so no flag is registered and there is nothing to check flags against; "
            + $"start one with: {AddCommand("my-flag")}"
        : null;

    /// <summary>
    /// A <c>flags add</c> command line that runs as printed: a valid key, every option it requires (an operational
    /// flag needs no expiry date), and the root quoted when it has a space.
    /// </summary>
    public string AddCommand(string key) =>
        $"flagkeeper flags add {key} -C {(Root.Contains(' ', StringComparison.Ordinal) ? $"\"{Root}\"" : Root)}{AddOptions}";

    /// <summary><see cref="AddCommand"/> without the root, run from the repository root: for messages that must not depend on the machine (SARIF, baselines).</summary>
    public static string AddCommandFromRoot(string key) => $"flagkeeper flags add {key}{AddOptions}";

    private const string AddOptions = " --owner you --type operational --description \"What it gates\"";

    /// <summary>The registries that declare <paramref name="key"/>.</summary>
    public IReadOnlyList<FlagRegistry> Declaring(string key) => Registries.Where(r => r.Find(key) is not null).ToList();
}
