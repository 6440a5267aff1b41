using Flagkeeper.Registry;

namespace Flagkeeper.Evaluation;

/// <summary>
/// Answers "is this flag on for this context, and why". Reads an immutable <see cref="FlagSnapshot"/> without
/// locks; an evaluation allocates nothing and never throws. Overrides, strongest first: scoped
/// <see cref="Override"/> calls (tests), <c>FLAGKEEPER__KEY=on|off</c> environment variables (read when the
/// snapshot was compiled), then the registry.
/// </summary>
public sealed partial class FlagEvaluator
{
    private readonly WarnOnce _warnings;
    private FlagSnapshot _snapshot;

    public FlagEvaluator(FlagSnapshot snapshot, Action<string>? onWarning = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshot = snapshot;
        _warnings = new WarnOnce(onWarning);
        foreach (var warning in snapshot.Warnings)
        {
            _warnings.Report(warning);
        }
    }

    /// <summary>Compiles <paramref name="registries"/> with the process's <c>FLAGKEEPER__*</c> variables.</summary>
    /// <exception cref="FlagSnapshotException">A prerequisite cycle.</exception>
    public static FlagEvaluator FromRegistries(IEnumerable<FlagRegistry> registries, Action<string>? onWarning = null) =>
        new(FlagSnapshot.Compile(registries, Environment.GetEnvironmentVariable), onWarning);

    /// <summary>The snapshot evaluations read now.</summary>
    public FlagSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Swaps in a new snapshot atomically; evaluations already running finish on the old one.</summary>
    public void Replace(FlagSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _snapshot, snapshot);
        foreach (var warning in snapshot.Warnings)
        {
            _warnings.Report(warning);
        }
    }

    public bool IsEnabled(string key, EvaluationContext context = default) => Evaluate(key, context).Value;

    public FlagEvaluation Evaluate(string key, EvaluationContext context = default)
    {
        if (key is null)
        {
            return new FlagEvaluation(string.Empty, false, EvaluationReason.UnknownFlag);
        }
        if (Volatile.Read(ref _activeScopes) > 0 && ScopedOverride(key) is { } forced)
        {
            return new FlagEvaluation(key, forced, EvaluationReason.Override);
        }
        var snapshot = Volatile.Read(ref _snapshot);
        if (!snapshot.Index.TryGetValue(key, out var index))
        {
            _warnings.UnknownFlag(key);
            return new FlagEvaluation(key, false, EvaluationReason.UnknownFlag);
        }
        if (context.Environment is { } environment && !snapshot.Environments.Contains(environment) && snapshot.Environments.Count > 0)
        {
            _warnings.UnknownEnvironment(environment, snapshot.Environments);
        }
        var result = Evaluate(snapshot, index, context, topLevel: true);
        return ReferenceEquals(result.Key, key) ? result : result with { Key = key }; // asked by alias: answer by that name
    }

    private FlagEvaluation Evaluate(FlagSnapshot snapshot, int index, in EvaluationContext context, bool topLevel)
    {
        var flag = snapshot.Flags[index];
        if (!topLevel && Volatile.Read(ref _activeScopes) > 0 && ScopedOverride(flag.Key) is { } forced)
        {
            return new FlagEvaluation(flag.Key, forced, EvaluationReason.Override);
        }
        if (flag.EnvironmentVariable is { } fromEnvironment)
        {
            return new FlagEvaluation(flag.Key, fromEnvironment, EvaluationReason.Override);
        }
        var rule = flag.RuleFor(context.Environment);
        if (!rule.Enabled)
        {
            return new FlagEvaluation(flag.Key, flag.Default, EvaluationReason.Disabled);
        }
        foreach (var prerequisite in flag.Prerequisites)
        {
            // Depth is bounded when compiling (FlagSnapshot.MaxPrerequisiteDepth), so this recursion is too.
            if (prerequisite < 0 || !Evaluate(snapshot, prerequisite, context, topLevel: false).Value)
            {
                return new FlagEvaluation(flag.Key, flag.Default, EvaluationReason.PrerequisiteOff);
            }
        }
        return Targeting.Decide(flag, rule, context, snapshot.PercentileCache);
    }

    /// <summary>Reports each unknown key or environment once (bounded), and never lets a callback's exception out.</summary>
    private sealed class WarnOnce(Action<string>? sink)
    {
        private const int MaxRemembered = 10_000;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _flags = new(StringComparer.Ordinal);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _environments = new(StringComparer.Ordinal);
        private string? _lastFlag;

        public void UnknownFlag(string key)
        {
            // Literal keys are interned, so a repeated unknown key usually costs one reference comparison.
            if (sink is null || ReferenceEquals(Volatile.Read(ref _lastFlag), key) || _flags.ContainsKey(key))
            {
                return;
            }
            Volatile.Write(ref _lastFlag, key);
            if (_flags.Count < MaxRemembered && _flags.TryAdd(key, 0))
            {
                Report($"flag '{key}' is not in the registry; it evaluates to false (reported once)");
            }
        }

        public void UnknownEnvironment(string environment, IReadOnlySet<string> known)
        {
            if (sink is null || _environments.ContainsKey(environment))
            {
                return;
            }
            if (_environments.Count < MaxRemembered && _environments.TryAdd(environment, 0))
            {
                Report($"environment '{environment}' is not one the registry lists ({string.Join(", ", known.Order(StringComparer.Ordinal))}); flags use their own values (reported once)");
            }
        }

#pragma warning disable CA1031 // a logging callback must not turn an evaluation into an exception
        public void Report(string message)
        {
            try
            {
                sink?.Invoke(message);
            }
            catch (Exception)
            {
            }
        }
#pragma warning restore CA1031
    }
}
