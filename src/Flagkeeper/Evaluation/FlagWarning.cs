namespace Flagkeeper.Evaluation;

/// <summary>What a <see cref="FlagWarning"/> is about, so a logger can give each kind its own event id.</summary>
public enum FlagWarningKind
{
    /// <summary>A key no registry declares was evaluated (reported once per key).</summary>
    UnknownFlag,
    /// <summary>A context named an environment the registry does not list (reported once per name).</summary>
    UnknownEnvironment,
    /// <summary>A <c>FLAGKEEPER__KEY</c> variable had a value other than on/off.</summary>
    EnvironmentVariable,
}

/// <summary>Something worth telling an operator that did not stop evaluation.</summary>
/// <param name="Subject">The flag key, environment name or variable concerned.</param>
public sealed record FlagWarning(FlagWarningKind Kind, string Subject, string Message);

public sealed partial class FlagEvaluator
{
    /// <summary>Reports each unknown key or environment once (bounded), and never lets a callback's exception out.</summary>
    private sealed class WarnOnce(Action<FlagWarning>? sink)
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
                Report(FlagWarningKind.UnknownFlag, key, $"flag '{key}' is not in the registry; it evaluates to false (reported once)");
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
                Report(FlagWarningKind.UnknownEnvironment, environment,
                    $"environment '{environment}' is not one the registry lists ({string.Join(", ", known.Order(StringComparer.Ordinal))}); flags use their own values (reported once)");
            }
        }

#pragma warning disable CA1031 // a logging callback must not turn an evaluation into an exception
        public void Report(FlagWarningKind kind, string subject, string message)
        {
            try
            {
                sink?.Invoke(new FlagWarning(kind, subject, message));
            }
            catch (Exception)
            {
            }
        }
#pragma warning restore CA1031
    }
}
