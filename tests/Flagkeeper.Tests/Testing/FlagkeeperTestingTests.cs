using Flagkeeper.Evaluation;
using Flagkeeper.Testing;

namespace Flagkeeper.Tests.Testing;

public class FlagkeeperTestingTests
{
    private static string Checkout(FlagEvaluator flags) => flags.IsEnabled("new-checkout") ? "new" : "old";

    [Fact]
    public void Create_gives_each_flag_its_value_with_no_file_and_any_other_key_is_unknown()
    {
        var flags = FlagkeeperTesting.Create(("new-checkout", true), ("beta", false));

        Assert.Equal(new FlagEvaluation("new-checkout", true, EvaluationReason.Enabled), flags.Evaluate("new-checkout"));
        Assert.Equal(new FlagEvaluation("beta", false, EvaluationReason.Disabled), flags.Evaluate("beta"));
        Assert.Equal(EvaluationReason.UnknownFlag, flags.Evaluate("other").Reason);
    }

    [Fact]
    public void Both_branches_of_a_flag_in_one_test()
    {
        Assert.Equal("new", Checkout(FlagkeeperTesting.Create(("new-checkout", true))));
        Assert.Equal("old", Checkout(FlagkeeperTesting.Create(("new-checkout", false))));

        var flags = FlagkeeperTesting.Create(("new-checkout", true));
        using (flags.Override("new-checkout", false))
        {
            Assert.Equal("old", Checkout(flags));
        }
        Assert.Equal("new", Checkout(flags));
    }

    [Fact]
    public void FromYaml_takes_a_registry_with_rollouts_and_needs_no_owner()
    {
        var flags = FlagkeeperTesting.FromYaml("""
            version: 1
            flags:
              new-checkout: { enabled: true, rollout: 50 }
              gated: { enabled: true, requires: [new-checkout] }
            """);

        var result = flags.Evaluate("new-checkout", new EvaluationContext("user-123"));
        Assert.Equal(EvaluationReason.OutOfRollout, result.Reason);
        Assert.Equal(67.190782, result.Percentile!.Value, 6);
        Assert.Equal(EvaluationReason.PrerequisiteOff, flags.Evaluate("gated", new EvaluationContext("user-123")).Reason);
    }

    [Fact]
    public void FromYaml_with_broken_yaml_says_where()
    {
        var ex = Assert.Throws<ArgumentException>(() => FlagkeeperTesting.FromYaml("version: 1\nflags:\n  a: [\n"));
        Assert.Matches(@"flags\.yaml:\d+:\d+: ", ex.Message);
    }
}
