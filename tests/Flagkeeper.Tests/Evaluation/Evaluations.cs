using Flagkeeper.Evaluation;
using Flagkeeper.Loading;
using Flagkeeper.Registry;

namespace Flagkeeper.Tests.Evaluation;

/// <summary>Builds evaluators from registry text, the way an application loads flags.yaml.</summary>
internal static class Evaluations
{
    public static FlagRegistry Load(string yaml)
    {
        var result = RegistryReader.Read("/repo/flags.yaml", "flags.yaml", yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Registry!;
    }

    /// <summary>An evaluator over <paramref name="yaml"/>; <paramref name="warnings"/> collects what it reports.</summary>
    public static FlagEvaluator Evaluator(string yaml, List<string>? warnings = null, Func<string, string?>? environment = null) =>
        new(FlagSnapshot.Compile([Load(yaml)], environment), warnings is null ? null : warnings.Add);

    public static EvaluationContext User(string? user, params string[] groups) => new(user, groups);
}
