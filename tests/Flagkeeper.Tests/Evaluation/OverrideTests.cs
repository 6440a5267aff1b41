using Flagkeeper.Registry;
using Flagkeeper.Evaluation;
using static Flagkeeper.Tests.Evaluation.Evaluations;

namespace Flagkeeper.Tests.Evaluation;

/// <summary>Overrides, strongest first: scoped (tests), then FLAGKEEPER__KEY environment variables, then the file.</summary>
public class OverrideTests
{
    private const string Yaml = "version: 1\nflags:\n  new-checkout: { enabled: false }\n  base: { enabled: true }\n  child: { enabled: true, requires: [base] }\n";

    [Fact]
    public void A_scope_overrides_until_disposed_and_scopes_nest()
    {
        var flags = Evaluator(Yaml);

        using (flags.Override("new-checkout", true))
        {
            Assert.Equal(new FlagEvaluation("new-checkout", true, EvaluationReason.Override), flags.Evaluate("new-checkout"));
            using (flags.Override("new-checkout", false))
            {
                Assert.False(flags.IsEnabled("new-checkout"));
            }
            Assert.True(flags.IsEnabled("new-checkout"));
        }
        Assert.Equal(EvaluationReason.Disabled, flags.Evaluate("new-checkout").Reason);
    }

    [Fact]
    public void A_scope_overrides_prerequisites_and_undeclared_keys()
    {
        var flags = Evaluator(Yaml);

        using (flags.Override("base", false))
        using (flags.Override("not-declared-yet", true))
        {
            Assert.Equal(EvaluationReason.PrerequisiteOff, flags.Evaluate("child").Reason);
            Assert.True(flags.IsEnabled("not-declared-yet"));
        }
        Assert.True(flags.IsEnabled("child"));
    }

    [Fact]
    public async Task A_scope_flows_through_await_and_into_tasks_but_not_into_other_flows()
    {
        var flags = Evaluator(Yaml);
        using var bothInside = new Barrier(2);

        async Task<bool> Other()
        {
            await Task.Yield();
            bothInside.SignalAndWait(TimeSpan.FromSeconds(10));
            return flags.IsEnabled("new-checkout");
        }

        var other = Task.Run(Other); // started before the scope: it does not see it
        using (flags.Override("new-checkout", true))
        {
            await Task.Yield();
            Assert.True(flags.IsEnabled("new-checkout"));
            Assert.True(await Task.Run(() => flags.IsEnabled("new-checkout")));
            bothInside.SignalAndWait(TimeSpan.FromSeconds(10));
            Assert.False(await other);
        }
    }

    [Fact]
    public void Disposing_twice_is_harmless()
    {
        var flags = Evaluator(Yaml);
        var outer = flags.Override("new-checkout", true);
        var inner = flags.Override("new-checkout", false);
        inner.Dispose();
        inner.Dispose();
        Assert.True(flags.IsEnabled("new-checkout"));
        outer.Dispose();
        Assert.False(flags.IsEnabled("new-checkout"));
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("OFF", false)]
    [InlineData("true", true)]
    [InlineData(" off ", false)]
    public void An_environment_variable_overrides_the_file(string value, bool expected)
    {
        var flags = Evaluator(Yaml, environment: name => name == "FLAGKEEPER__NEW_CHECKOUT" ? value : null);
        Assert.Equal(new FlagEvaluation("new-checkout", expected, EvaluationReason.Override), flags.Evaluate("new-checkout"));
    }

    [Fact]
    public void A_scope_beats_an_environment_variable()
    {
        var flags = Evaluator(Yaml, environment: _ => "on");
        using (flags.Override("new-checkout", false))
        {
            Assert.False(flags.IsEnabled("new-checkout"));
        }
        Assert.True(flags.IsEnabled("new-checkout"));
    }

    [Fact]
    public void An_environment_variable_that_is_not_on_or_off_is_reported_and_ignored()
    {
        var warnings = new List<string>();
        var flags = Evaluator(Yaml, warnings, name => name == "FLAGKEEPER__NEW_CHECKOUT" ? "yes" : null);

        Assert.Equal(EvaluationReason.Disabled, flags.Evaluate("new-checkout").Reason);
        Assert.Equal("FLAGKEEPER__NEW_CHECKOUT='yes' is ignored: use on or off", Assert.Single(warnings));
    }

    [Theory]
    [InlineData("new-checkout", "FLAGKEEPER__NEW_CHECKOUT")]
    [InlineData("payments.v2:beta", "FLAGKEEPER__PAYMENTS_V2_BETA")]
    [InlineData("Dark_Mode", "FLAGKEEPER__DARK_MODE")]
    public void The_variable_name_is_the_key_upper_cased_with_other_characters_as_underscores(string key, string variable)
    {
        Assert.Equal(variable, EnvironmentOverrides.VariableName(key));
    }

    [Fact]
    public void The_process_source_reads_its_variables_when_a_snapshot_is_compiled_and_not_after()
    {
        // A key of this test's own: the process environment is shared with every test running beside it.
        const string Key = "process-source-probe-8c1f";
        var yaml = $"version: 1\nflags:\n  {Key}: {{ enabled: false }}\n  other: {{ enabled: true }}\n";
        var variable = EnvironmentOverrides.VariableName(Key);
        try
        {
            Environment.SetEnvironmentVariable(variable, "on");
            var compiledWhileSet = Evaluator(yaml, environment: EnvironmentOverrides.FromProcess);
            Environment.SetEnvironmentVariable(variable, null);

            Assert.Equal(new FlagEvaluation(Key, true, EvaluationReason.Override), compiledWhileSet.Evaluate(Key));
            Assert.Equal(EvaluationReason.Enabled, compiledWhileSet.Evaluate("other").Reason);
            Assert.Equal(EvaluationReason.Disabled, Evaluator(yaml, environment: EnvironmentOverrides.FromProcess).Evaluate(Key).Reason);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Of_two_entries_for_one_environment_the_first_applies()
    {
        // The reader refuses a repeated environment; a registry built in code can still hold one.
        var registry = Load("version: 1\nflags:\n  f:\n    enabled: true\n    environments:\n      prod: { enabled: false }\n      staging: { rollout: 0 }\n");
        var flag = registry.Flags[0];
        var repeated = flag with { Environments = [.. flag.Environments, new EnvironmentOverride("prod", true, null, flag.Location)] };

        foreach (var definition in new[] { flag, repeated })
        {
            var evaluator = new FlagEvaluator(FlagSnapshot.Compile([registry with { Flags = [definition] }]));
            Assert.Equal(EvaluationReason.Disabled, evaluator.Evaluate("f", new EvaluationContext("u1", [], "prod")).Reason);
            Assert.Equal(EvaluationReason.OutOfRollout, evaluator.Evaluate("f", new EvaluationContext("u1", [], "staging")).Reason);
            Assert.Equal(EvaluationReason.Enabled, evaluator.Evaluate("f", new EvaluationContext("u1", [], "dev")).Reason);
        }
    }
}
