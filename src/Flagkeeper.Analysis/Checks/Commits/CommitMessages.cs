namespace Flagkeeper.Analysis.Checks.Commits;

/// <summary>Turns a whole commit message (as git's commit-msg hook gets it) into the subject that is checked.</summary>
public static class CommitMessages
{
    private const string Scissors = "------------------------ >8 ------------------------";

    /// <summary>
    /// The first line that is neither blank nor a git comment, trimmed at the end. Everything below
    /// <c>git commit -v</c>'s scissors line is ignored, as git ignores it.
    /// </summary>
    public static string Subject(string message) => Parse(message).Header;

    /// <summary>
    /// The message as git would store it: comments and the scissors part removed, leading blank lines dropped,
    /// lines trimmed at the end; the first line is the header (and the subject), the rest the body.
    /// </summary>
    public static CommitMessage Of(Git.Commit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return commit.Message.Length == 0 ? CommitMessage.OfSubject(commit.Subject) : Parse(commit.Message) with { Subject = commit.Subject };
    }

    public static CommitMessage Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lines = new List<string>();
        foreach (var raw in message.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith('#'))
            {
                if (line.Contains(Scissors, StringComparison.Ordinal))
                {
                    break;
                }
                continue;
            }
            if (lines.Count > 0 || line.Trim().Length > 0)
            {
                lines.Add(line);
            }
        }
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        var header = lines.Count > 0 ? lines[0] : "";
        return new CommitMessage(header, header, lines.Count > 1 ? lines[1..] : []);
    }
}
