using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Walking;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>A user pattern from <c>flagkeeper.yaml</c>, compiled and ready to run.</summary>
public sealed class CompiledPattern(CustomPattern source, Regex regex, GlobSet files)
{
    private int _disabled;

    public CustomPattern Source { get; } = source;
    public Regex Regex { get; } = regex;
    public GlobSet Files { get; } = files;

    /// <summary>Set after the pattern timed out once: it is not run again in this scan.</summary>
    public bool Disabled => Volatile.Read(ref _disabled) != 0;

    /// <summary>True for the caller that disabled it first (so the error is reported once).</summary>
    public bool Disable() => Interlocked.Exchange(ref _disabled, 1) == 0;
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
            Regex regex;
            try
            {
                try
                {
                    regex = cache.GetOrAdd(pattern.Regex, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
                }
                catch (NotSupportedException)
                {
                    regex = cache.GetOrAdd(pattern.Regex, RegexOptions.CultureInvariant);
                }
            }
            catch (ArgumentException ex)
            {
                errors.Add(ErrorCodes.PatternInvalid.Create($"pattern '{pattern.Id}' does not compile: {ex.Message}", where));
                continue;
            }
            if (regex.GroupNumberFromName("key") < 0)
            {
                errors.Add(ErrorCodes.PatternInvalid.Create($"pattern '{pattern.Id}' has no named group 'key' (write (?<key>...) around the flag key)", where));
                continue;
            }
            compiled.Add(new CompiledPattern(pattern, regex, new GlobSet(pattern.Files)));
        }
        return (compiled, errors);
    }
}
