using System.Text;

namespace Flagkeeper.Analysis.Walking;

/// <summary>What an ignore file says about a path.</summary>
public enum IgnoreVerdict
{
    /// <summary>No pattern matched; ask the next file down the stack.</summary>
    None,
    Ignored,
    /// <summary>A <c>!</c> pattern matched last: explicitly not ignored.</summary>
    Included,
}

/// <summary>One line of an ignore file, parsed the way git's dir.c does.</summary>
internal sealed class IgnorePattern
{
    private readonly string _pattern;
    private readonly string _bytePattern; // the pattern's UTF-8 bytes as chars: git matches bytes
    private readonly string? _endsWith;
    private readonly bool _literal;
    private readonly int _literalPrefix;

    private IgnorePattern(string pattern, bool negative, bool directoryOnly, bool basenameOnly)
    {
        _pattern = pattern;
        _bytePattern = AsBytes(pattern);
        _literalPrefix = Wildmatch.LiteralPrefixLength(pattern);
        Negative = negative;
        DirectoryOnly = directoryOnly;
        BasenameOnly = basenameOnly;
        _literal = !Wildmatch.HasWildcard(pattern);
        if (basenameOnly && pattern.Length > 1 && pattern[0] == '*' && !Wildmatch.HasWildcard(pattern.AsSpan(1)))
        {
            _endsWith = pattern[1..];
        }
    }

    public bool Negative { get; }
    public bool DirectoryOnly { get; }

    /// <summary>No slash except a trailing one: matches the name at any depth below the file.</summary>
    public bool BasenameOnly { get; }

    public static IgnorePattern? Parse(string line)
    {
        line = TrimTrailingSpaces(line);
        if (line.Length == 0 || line[0] == '#')
        {
            return null;
        }
        var negative = line[0] == '!';
        var pattern = negative ? line[1..] : line;
        var directoryOnly = pattern.EndsWith('/');
        if (directoryOnly)
        {
            pattern = pattern[..^1];
        }
        if (pattern.Length == 0)
        {
            return null;
        }
        var basenameOnly = !pattern.Contains('/');
        if (!basenameOnly && pattern[0] == '/')
        {
            pattern = pattern[1..];
        }
        return new IgnorePattern(pattern, negative, directoryOnly, basenameOnly);
    }

    /// <param name="path">Relative to the ignore file's folder, '/'-separated.</param>
    public bool IsMatch(ReadOnlySpan<char> path, ReadOnlySpan<char> name)
    {
        if (!Ascii.IsValid(path))
        {
            // Git compares bytes: '?' matches one byte of a multi-byte character, never the whole character.
            var bytes = AsBytes(path.ToString());
            var slash = bytes.LastIndexOf('/');
            return Match(_bytePattern, bytes, slash < 0 ? bytes : bytes.AsSpan(slash + 1));
        }
        return Match(_pattern, path, name);
    }

    private bool Match(string pattern, ReadOnlySpan<char> path, ReadOnlySpan<char> name)
    {
        if (BasenameOnly)
        {
            if (_literal)
            {
                return name.SequenceEqual(pattern);
            }
            if (_endsWith is not null && ReferenceEquals(pattern, _pattern))
            {
                return name.EndsWith(_endsWith, StringComparison.Ordinal);
            }
            return Wildmatch.IsMatch(pattern, name, pathName: false);
        }
        if (_literal)
        {
            return path.SequenceEqual(pattern);
        }
        // Like git's match_pathname: the literal part before the first wildcard is compared first and
        // the rest matched on its own, so "a**/b" treats its "**" as starting a folder ("ab" matches).
        var prefix = ReferenceEquals(pattern, _pattern) ? _literalPrefix : Wildmatch.LiteralPrefixLength(pattern);
        if (prefix > 0)
        {
            if (prefix > path.Length || !path[..prefix].SequenceEqual(pattern.AsSpan(0, prefix)))
            {
                return false;
            }
            if (prefix == pattern.Length && prefix == path.Length)
            {
                return true;
            }
        }
        return Wildmatch.IsMatch(pattern.AsSpan(prefix), path[prefix..], pathName: true);
    }

    private static string AsBytes(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));

    /// <summary>Git drops trailing spaces unless the last one is escaped with a backslash.</summary>
    private static string TrimTrailingSpaces(string line)
    {
        var lastSpace = -1;
        for (var i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case ' ':
                    if (lastSpace < 0)
                    {
                        lastSpace = i;
                    }
                    break;
                case '\\':
                    i++;
                    if (i >= line.Length)
                    {
                        return line;
                    }
                    lastSpace = -1;
                    break;
                default:
                    lastSpace = -1;
                    break;
            }
        }
        return lastSpace >= 0 ? line[..lastSpace] : line;
    }
}

/// <summary>
/// The patterns of one <c>.gitignore</c>, <c>.flagkeeperignore</c> or <c>.git/info/exclude</c>,
/// applying to paths below <see cref="BasePath"/>. Within a file the last matching pattern wins.
/// </summary>
public sealed class IgnoreFile
{
    private readonly IgnorePattern[] _patterns;

    private IgnoreFile(string basePath, IgnorePattern[] patterns)
    {
        BasePath = basePath;
        _patterns = patterns;
    }

    /// <summary>The folder the patterns are relative to ('/'-separated, relative to the walk's top; "" for the top).</summary>
    public string BasePath { get; }

    public int Count => _patterns.Length;

    public static IgnoreFile Parse(string basePath, string content)
    {
        if (content.Length > 0 && content[0] == '\uFEFF')
        {
            content = content[1..];
        }
        var patterns = new List<IgnorePattern>();
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (IgnorePattern.Parse(line) is { } pattern)
            {
                patterns.Add(pattern);
            }
        }
        return new IgnoreFile(basePath, [.. patterns]);
    }

    /// <summary>Reads <paramref name="fullPath"/>; null when it does not exist or cannot be read.</summary>
    public static IgnoreFile? TryLoad(string fullPath, string basePath)
    {
        try
        {
            var bytes = File.ReadAllBytes(fullPath);
            if (new FileInfo(fullPath).LinkTarget is not null)
            {
                return null; // git does not follow a symbolic link to an ignore file
            }
            var file = Parse(basePath, Encoding.UTF8.GetString(bytes));
            return file.Count > 0 ? file : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <param name="path">Relative to the walk's top, '/'-separated; below <see cref="BasePath"/>.</param>
    public IgnoreVerdict Match(string path, bool isDirectory)
    {
        var relative = BasePath.Length == 0 ? path.AsSpan() : path.AsSpan(BasePath.Length + 1);
        var slash = relative.LastIndexOf('/');
        var name = slash < 0 ? relative : relative[(slash + 1)..];
        for (var i = _patterns.Length - 1; i >= 0; i--)
        {
            var pattern = _patterns[i];
            if (pattern.DirectoryOnly && !isDirectory)
            {
                continue;
            }
            if (pattern.IsMatch(relative, name))
            {
                return pattern.Negative ? IgnoreVerdict.Included : IgnoreVerdict.Ignored;
            }
        }
        return IgnoreVerdict.None;
    }
}

/// <summary>
/// The ignore files in force for one folder, most specific on top: a folder's
/// <c>.flagkeeperignore</c>, then its <c>.gitignore</c>, then its parents', then
/// <c>.git/info/exclude</c>. The first file with a matching pattern decides, as in git.
/// </summary>
public sealed class IgnoreChain
{
    private IgnoreChain(IgnoreFile? file, IgnoreChain? parent)
    {
        File = file;
        Parent = parent;
    }

    public static IgnoreChain Empty { get; } = new(null, null);

    public IgnoreFile? File { get; }
    public IgnoreChain? Parent { get; }

    public IgnoreChain Push(IgnoreFile? file) => file is null ? this : new IgnoreChain(file, this);

    public bool IsIgnored(string path, bool isDirectory)
    {
        for (var node = this; node?.File is { } file; node = node.Parent)
        {
            switch (file.Match(path, isDirectory))
            {
                case IgnoreVerdict.Ignored:
                    return true;
                case IgnoreVerdict.Included:
                    return false;
            }
        }
        return false;
    }
}
