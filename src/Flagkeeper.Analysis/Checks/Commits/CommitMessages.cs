namespace Flagkeeper.Analysis.Checks;

/// <summary>Turns a whole commit message (as git's commit-msg hook gets it) into the subject that is checked.</summary>
public static class CommitMessages
{
    private const string Scissors = "------------------------ >8 ------------------------";

    /// <summary>
    /// The first line that is neither blank nor a git comment, trimmed at the end. Everything below
    /// <c>git commit -v</c>'s scissors line is ignored, as git ignores it.
    /// </summary>
    public static string Subject(string message)
    {
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
            if (line.Trim().Length > 0)
            {
                return line;
            }
        }
        return "";
    }
}
