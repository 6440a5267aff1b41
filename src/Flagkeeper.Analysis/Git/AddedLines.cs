using System.Globalization;
using System.Text;

namespace Flagkeeper.Analysis.Git;

/// <summary>The lines a commit adds to one file: line numbers in the new file, with their text.</summary>
public sealed record FileAdditions(string Path, IReadOnlyDictionary<int, string> Lines);

/// <summary>Reads <c>git diff -U0</c> output: which lines each file gained (deleted files and pure renames gain none).</summary>
public static class AddedLines
{
    public static IReadOnlyList<FileAdditions> Parse(string diff)
    {
        var files = new List<FileAdditions>();
        string? path = null;
        Dictionary<int, string>? lines = null;
        var next = 0;
        foreach (var line in diff.Split('\n'))
        {
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                Flush();
                path = null;
            }
            else if (line.StartsWith("+++ ", StringComparison.Ordinal) && lines is null)
            {
                // git ends the name with a TAB when it contains a space ("+++ b/my file.ts\t").
                var target = line[4..].TrimEnd('\r').TrimEnd('\t');
                path = target == "/dev/null" ? null : Unquote(target) is var p && p.StartsWith("b/", StringComparison.Ordinal) ? p[2..] : null;
                lines = path is null ? null : [];
            }
            else if (line.StartsWith("@@ ", StringComparison.Ordinal) && lines is not null)
            {
                next = NewStart(line);
            }
            else if (line.StartsWith('+') && lines is not null && next > 0)
            {
                lines[next++] = line[1..].TrimEnd('\r');
            }
        }
        Flush();
        return files;

        void Flush()
        {
            if (path is not null && lines is { Count: > 0 })
            {
                files.Add(new FileAdditions(path, lines));
            }
            lines = null;
            next = 0;
        }
    }

    /// <summary>The new-file start line of a hunk header <c>@@ -a,b +c,d @@</c>.</summary>
    private static int NewStart(string header)
    {
        var plus = header.IndexOf(" +", StringComparison.Ordinal);
        if (plus < 0)
        {
            return 0;
        }
        var end = plus + 2;
        while (end < header.Length && char.IsAsciiDigit(header[end]))
        {
            end++;
        }
        return int.TryParse(header.AsSpan(plus + 2, end - plus - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 0;
    }

    /// <summary>Git quotes paths with unusual characters C-style ("b/a\tb.cs", octal escapes for UTF-8 bytes).</summary>
    internal static string Unquote(string path)
    {
        if (path.Length < 2 || path[0] != '"' || path[^1] != '"')
        {
            return path;
        }
        var bytes = new List<byte>();
        for (var i = 1; i < path.Length - 1; i++)
        {
            var c = path[i];
            if (c != '\\' || i + 1 >= path.Length - 1)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }
            var e = path[++i];
            if (e is >= '0' and <= '7' && i + 2 < path.Length - 1)
            {
                bytes.Add((byte)Convert.ToInt32(path.Substring(i, 3), 8));
                i += 2;
                continue;
            }
            bytes.Add(e switch { 'n' => (byte)'\n', 't' => (byte)'\t', 'r' => (byte)'\r', 'a' => 7, 'b' => 8, 'f' => 12, 'v' => 11, _ => (byte)e });
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
