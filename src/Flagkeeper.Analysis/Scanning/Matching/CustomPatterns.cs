using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Walking;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// A user pattern from <c>flagkeeper.yaml</c>, checked and ready to run. The regex is only built for the
/// matching engine the first time a file needs it: a run whose files all come from the scan cache never pays
/// for it (a NonBacktracking automaton for a large alternation costs tens of milliseconds).
/// </summary>
public sealed class CompiledPattern
{
    private readonly Lazy<Regex> _regex;
    private readonly Lazy<SearchValues<string>?> _literals;
    private int _disabled;

    public CompiledPattern(CustomPattern source, Func<Regex> build, GlobSet files)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        Files = files;
        _regex = new Lazy<Regex>(build, LazyThreadSafetyMode.ExecutionAndPublication);
        _literals = new Lazy<SearchValues<string>?>(() => LiteralSearch(source.Regex), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public CustomPattern Source { get; }
    public Regex Regex => _regex.Value;

    /// <summary>
    /// The texts every match contains one of (<see cref="RequiredLiterals"/>), as they appear in a file's widened
    /// bytes (<see cref="FileText.Chars"/>): a file without any of them cannot match. Null: run on every file.
    /// </summary>
    internal SearchValues<string>? Literals => _literals.Value;
    public GlobSet Files { get; }

    /// <summary>Whether <see cref="Regex"/> was built in this process (for tests and statistics).</summary>
    public bool IsBuilt => _regex.IsValueCreated;

    /// <summary>Set after the pattern timed out once: it is not run again in this scan.</summary>
    public bool Disabled => Volatile.Read(ref _disabled) != 0;

    /// <summary>True for the caller that disabled it first (so the error is reported once).</summary>
    public bool Disable() => Interlocked.Exchange(ref _disabled, 1) == 0;

    private static SearchValues<string>? LiteralSearch(string pattern) => RequiredLiterals.Of(pattern) is { } literals
        // The file is searched byte for byte as Latin-1 chars: a literal is searched as its UTF-8 bytes widened alike.
        ? SearchValues.Create([.. literals.Select(l => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(l)))], StringComparison.Ordinal)
        : null;
}

/// <summary>
/// Compiles the custom patterns. The linear-time NonBacktracking engine is used whenever the
/// pattern allows it, so no input can make it hang; patterns that need backtracking features
/// (lookarounds, backreferences) get the match timeout instead. A pattern that does not compile,
/// or has no group named <c>key</c>, is reported with its config line and skipped.
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
            compiled.Add(new CompiledPattern(pattern, () => Build(cache, text), new GlobSet(pattern.Files)));
        }
        return (compiled, errors);
    }

    private static Regex Build(PatternCache cache, string pattern)
    {
        try
        {
            return cache.GetOrAdd(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return cache.GetOrAdd(pattern, RegexOptions.CultureInvariant);
        }
    }
}
