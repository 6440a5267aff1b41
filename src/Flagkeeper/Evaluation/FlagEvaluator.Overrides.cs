namespace Flagkeeper.Evaluation;

/// <summary>Scoped programmatic overrides: the strongest source, meant for tests.</summary>
public sealed partial class FlagEvaluator
{
    private readonly AsyncLocal<OverrideFrame?> _frames = new();

    // Open scopes in any flow: while none is open, evaluation skips the AsyncLocal read entirely.
    private int _activeScopes;

    /// <summary>
    /// Forces <paramref name="key"/> to <paramref name="value"/> for the calling flow until the scope is disposed:
    /// <c>using (flags.Override("k", true)) { … }</c>. Flows into awaited and started tasks, not to other flows;
    /// scopes nest, the innermost wins. Applies to prerequisites too, and to keys no registry declares.
    /// </summary>
    public IDisposable Override(string key, bool value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var frame = new OverrideFrame(key, value, _frames.Value);
        _frames.Value = frame;
        Interlocked.Increment(ref _activeScopes);
        return new OverrideScope(this, frame);
    }

    private bool? ScopedOverride(string key)
    {
        for (var frame = _frames.Value; frame is not null; frame = frame.Parent)
        {
            if (string.Equals(frame.Key, key, StringComparison.Ordinal))
            {
                return frame.Value;
            }
        }
        return null;
    }

    private sealed record OverrideFrame(string Key, bool Value, OverrideFrame? Parent);

    private sealed class OverrideScope(FlagEvaluator owner, OverrideFrame frame) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }
            // Restore what was there when this scope opened (only if this scope is still the innermost here).
            if (ReferenceEquals(owner._frames.Value, frame))
            {
                owner._frames.Value = frame.Parent;
            }
            Interlocked.Decrement(ref owner._activeScopes);
        }
    }
}
