using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Walking;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// A user pattern from <c>flagkeeper.yaml</c>, checked and ready to run. It runs on the backtracking interpreter,
/// which is built the first time a file needs it and costs next to nothing to build. If it ever takes longer than the
/// match timeout on a file, it moves for good to the linear-time NonBacktracking engine (when the pattern allows it),
/// so no input can hang a scan; that engine costs tens of milliseconds to build for a large alternation, paid only
/// then.
/// </summary>
public sealed class CompiledPattern
{
    private readonly Lazy<Regex> _backtracking;
    private readonly Lazy<Regex?> _linear;
    private readonly Lazy<SearchValues<string>?> _literals;
    private int _linearOnly;
    private int _disabled;

    public CompiledPattern(CustomPattern source, Func<Regex> backtracking, Func<Regex?> linear, GlobSet files)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        Files = files;
        _backtracking = new Lazy<Regex>(backtracking, LazyThreadSafetyMode.ExecutionAndPublication);
        _linear = new Lazy<Regex?>(linear, LazyThreadSafetyMode.ExecutionAndPublication);
        _literals = new Lazy<SearchValues<string>?>(() => LiteralSearch(source.Regex), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public CustomPattern Source { get; }

    /// <summary>The engine to run now: the backtracking one, or the linear one once the backtracking one timed out.</summary>
    public Regex Regex => IsLinear ? _linear.Value! : _backtracking.Value;

    /// <summary>Whether the pattern runs on the NonBacktracking engine (it timed out on the backtracking one).</summary>
    public bool IsLinear => Volatile.Read(ref _linearOnly) != 0;

    /// <summary>
    /// The texts every match contains one of (<see cref="RequiredLiterals"/>), as they appear in a file's widened
    /// bytes (<see cref="FileText.Chars"/>): a file without any of them cannot match. Null: run on every file.
    /// </summary>
    internal SearchValues<string>? Literals => _literals.Value;
    public GlobSet Files { get; }

    /// <summary>Whether an engine was built in this process (for tests and statistics).</summary>
    public bool IsBuilt => _backtracking.IsValueCreated || _linear.IsValueCreated;

    /// <summary>Set after the pattern timed out with no engine left to try: it is not run again in this scan.</summary>
    public bool Disabled => Volatile.Read(ref _disabled) != 0;

    /// <summary>
    /// After <paramref name="timedOut"/> took longer than the match timeout: the linear engine, from now on the one this
    /// pattern runs on, to run the file again; null when the linear engine is what timed out, or the pattern needs
    /// backtracking (lookarounds, backreferences).
    /// </summary>
    public Regex? LinearAfterTimeout(Regex timedOut)
    {
        if (timedOut.Options.HasFlag(RegexOptions.NonBacktracking) || _linear.Value is not { } linear)
        {
            return null;
        }
        Volatile.Write(ref _linearOnly, 1);
        return linear;
    }

    /// <summary>True for the caller that disabled it first (so the error is reported once).</summary>
    public bool Disable() => Interlocked.Exchange(ref _disabled, 1) == 0;

    private static SearchValues<string>? LiteralSearch(string pattern) => RequiredLiterals.Of(pattern) is { } literals
        // The file is searched byte for byte as Latin-1 chars: a literal is searched as its UTF-8 bytes widened alike.
        ? SearchValues.Create([.. literals.Select(l => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(l)))], StringComparison.Ordinal)
        : null;
}

/// <summary>
/// Compiles the custom patterns (see <see cref="CompiledPattern"/> for which engine runs them). A pattern that does not
/// compile, or has no group named <c>key</c>, is reported with its config line and skipped.
/// </summary>
public static class CustomPatterns
{
    public static (IReadOnlyList<CompiledPattern> Patterns, IReadOnlyList<FlagkeeperError> Errors) Compile(FlagkeeperConfig config, PatternCache cache)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(cache);
        var compiled = new List<CompiledPattern>();
        var errors = new List<FlagkeeperError>();
        foreach (var pattern in config.Patterns)
        {
            var where = new SourceLocation(config.SourcePath ?? "flagkeeper.yaml", pattern.Line, 0);
            Regex check;
            try
            {
                // Parsed only (the interpreter's code is cheap): a bad pattern is reported on every run,
                // while the engine that will run it is built on first use.
                check = new Regex(pattern.Regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                errors.Add(ErrorCodes.PatternInvalid.Create($"pattern '{pattern.Id}' does not compile: {ex.Message}", where));
                continue;
            }
            if (check.GroupNumberFromName("key") < 0)
            {
                errors.Add(ErrorCodes.PatternInvalid.Create($"pattern '{pattern.Id}' has no named group 'key' (write (?<key>...) around the flag key)", where));
                continue;
            }
            var text = pattern.Regex;
            compiled.Add(new CompiledPattern(pattern, () => cache.GetOrAdd(text, RegexOptions.CultureInvariant), () => Linear(cache, text), new GlobSet(pattern.Files)));
        }
        return (compiled, errors);
    }

    private static Regex? Linear(PatternCache cache, string pattern)
    {
        try
        {
            return cache.GetOrAdd(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return null; // lookarounds, backreferences: the backtracking engine and its timeout only
        }
    }
}
