namespace Flagkeeper.Analysis.Walking;

/// <summary>
/// A path glob from <c>flagkeeper.yaml</c> (<c>include</c>, <c>exclude</c>, <c>production</c>, pattern
/// <c>files</c>), matched against root-relative paths with '/' separators using git's wildmatch:
/// <c>*</c> stays within one folder name, <c>**/</c> spans folders. <c>src/**</c> is everything
/// under src; <c>**/*.cs</c> is every C# file; <c>*.cs</c> only those at the root.
/// </summary>
public sealed class Glob
{
    private readonly string _pattern;
    private readonly string? _suffix;
    private readonly bool _literal;

    public Glob(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Text = pattern;
        _pattern = pattern.StartsWith('/') ? pattern[1..] : pattern;
        _literal = !Wildmatch.HasWildcard(_pattern);
        // "**/*.ext" (any depth, any name ending in a literal): a suffix test is the same answer, faster.
        if (_pattern.StartsWith("**/*", StringComparison.Ordinal) && _pattern.Length > 4 && !Wildmatch.HasWildcard(_pattern.AsSpan(4)) && !_pattern.AsSpan(4).Contains('/'))
        {
            _suffix = _pattern[4..];
        }
    }

    /// <summary>The glob as written.</summary>
    public string Text { get; }

    public bool IsMatch(ReadOnlySpan<char> path)
    {
        if (_literal)
        {
            return path.SequenceEqual(_pattern);
        }
        if (_suffix is not null)
        {
            return path.EndsWith(_suffix, StringComparison.Ordinal);
        }
        return Wildmatch.IsMatch(_pattern, path, pathName: true);
    }

    /// <summary>
    /// True when the glob certainly matches every path under the folder (it is "prefix/**" and the
    /// prefix matches the folder), so a walk can skip the folder without looking inside.
    /// </summary>
    public bool MatchesEverythingUnder(string directoryPath) =>
        _pattern.EndsWith("/**", StringComparison.Ordinal) && Wildmatch.IsMatch(_pattern.AsSpan(0, _pattern.Length - 3), directoryPath, pathName: true);

    public override string ToString() => Text;
}

/// <summary>A list of <see cref="Glob"/>s: matches when any does.</summary>
public sealed class GlobSet
{
    private readonly Glob[] _globs;

    public GlobSet(IEnumerable<string> patterns) => _globs = patterns.Select(p => new Glob(p)).ToArray();

    public bool IsEmpty => _globs.Length == 0;

    public bool IsMatch(ReadOnlySpan<char> path)
    {
        foreach (var glob in _globs)
        {
            if (glob.IsMatch(path))
            {
                return true;
            }
        }
        return false;
    }

    public bool MatchesEverythingUnder(string directoryPath)
    {
        foreach (var glob in _globs)
        {
            if (glob.MatchesEverythingUnder(directoryPath))
            {
                return true;
            }
        }
        return false;
    }
}
