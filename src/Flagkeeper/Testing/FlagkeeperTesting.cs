using Flagkeeper.Diagnostics;
using Flagkeeper.Evaluation;
using Flagkeeper.Loading;
using Flagkeeper.Registry;

namespace Flagkeeper.Testing;

/// <summary>
/// Evaluators for unit tests, with no file: <c>FlagkeeperTesting.Create(("new-checkout", true))</c>, or the same YAML
/// a flags.yaml holds. No validation (a test needs no owner or expiry) and no <c>FLAGKEEPER__*</c> variables, so the
/// answers are the same on every machine. Combine with <see cref="FlagEvaluator.Override"/> to run both branches.
/// </summary>
public static class FlagkeeperTesting
{
    private const string Path = "flags.yaml";

    /// <summary>Each flag fully on (<see cref="EvaluationReason.Enabled"/>) or off (<see cref="EvaluationReason.Disabled"/>); any other key is unknown (false).</summary>
    public static FlagEvaluator Create(params (string Key, bool Enabled)[] flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var registry = new FlagRegistry
        {
            FullPath = System.IO.Path.GetFullPath(Path),
            DisplayPath = Path,
            Kind = RegistrySourceKind.Yaml,
            Flags = flags.Select((f, i) => new FlagDefinition { Key = f.Key, Location = new SourceLocation(Path, i + 1, 1), Enabled = f.Enabled }).ToList(),
        };
        return new FlagEvaluator(FlagSnapshot.Compile([registry]));
    }

    /// <summary>An evaluator over registry YAML (rollouts, targeting, environments, prerequisites as in a file).</summary>
    /// <exception cref="ArgumentException">The YAML is not a readable registry; the message has each error's line and column.</exception>
    public static FlagEvaluator FromYaml(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var read = RegistryReader.Read(System.IO.Path.GetFullPath(Path), Path, yaml);
        if (!read.Succeeded)
        {
            throw new ArgumentException($"the registry YAML cannot be read: {string.Join("; ", read.Errors)}", nameof(yaml));
        }
        return new FlagEvaluator(FlagSnapshot.Compile([read.Registry!]));
    }
}
