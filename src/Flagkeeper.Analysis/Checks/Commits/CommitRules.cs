using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Checks.Commits;

/// <summary>A commit message as the convention reads it: git's subject, the header line and the lines below it.</summary>
/// <param name="Subject">What git calls the subject (<c>%s</c>); the header for a message from the commit-msg hook.</param>
/// <param name="Header">The first line.</param>
/// <param name="Body">Every line after the header, blank lines kept, comments and the scissors part removed.</param>
public sealed record CommitMessage(string Subject, string Header, IReadOnlyList<string> Body)
{
    /// <summary>A message of one line.</summary>
    public static CommitMessage OfSubject(string subject) => new(subject, subject, []);
}

/// <summary>Guesses for a mistyped commit type, shared by every convention that has a list of types.</summary>
public static class CommitTypes
{
    /// <summary>A known type the writer probably meant: same letters in another case, a prefix of it, or one or two edits away.</summary>
    public static string? Closest(string type, IReadOnlyList<string> types)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(types);
        var lower = type.ToLowerInvariant();
        return types.FirstOrDefault(t => t == lower)
            ?? types.FirstOrDefault(t => lower.StartsWith(t, StringComparison.Ordinal) || t.StartsWith(lower, StringComparison.Ordinal))
            ?? types.Select(t => (Type: t, Distance: Suggestions.Distance(lower, t))).Where(x => x.Distance <= 2).OrderBy(x => x.Distance).Select(x => x.Type).FirstOrDefault();
    }
}

/// <summary>The commit-message convention in force: a preset of <c>commits:</c>, or a custom pattern over it.</summary>
public interface ICommitRules
{
    /// <summary>One line saying what the convention is, for the commit-msg hook.</summary>
    string Description { get; }

    bool IsExempt(string subject);

    /// <param name="exampleDate">The date used for a task id in a corrected example, where the convention has task ids.</param>
    SubjectVerdict Check(CommitMessage message, DateOnly exampleDate);

    /// <summary>Whether the kill-switch gate treats the commit as a feature (before any delivery mode is applied).</summary>
    bool IsFeature(string subject);
}

/// <summary>Picks the rules for a convention: a custom pattern wins, else the preset.</summary>
public static class CommitRules
{
    public static ICommitRules For(CommitConvention convention)
    {
        ArgumentNullException.ThrowIfNull(convention);
        return convention.Pattern is not null || convention.Preset == CommitPreset.Flagkeeper
            ? new CommitSubjectRules(convention)
            : convention.Preset == CommitPreset.Conventional ? new ConventionalCommitRules(convention) : new NoCommitRules(convention);
    }

    /// <summary>
    /// Conventional <c>feat</c> (also <c>feat(scope)!</c>): the feature commits of every convention without task ids.
    /// </summary>
    public static bool IsConventionalFeature(string subject) => CommitSubjectRules.TypeOf(subject) == "feat";
}

/// <summary><c>preset: none</c>: every message passes; a subject that parses as a conventional <c>feat</c> is still a feature commit.</summary>
internal sealed class NoCommitRules(CommitConvention convention) : ICommitRules
{
    private readonly ExemptSubjects _exempt = new(convention.Exempt);

    public string Description => "none (preset: none): commit messages are not checked";

    public bool IsExempt(string subject) => _exempt.Matches(subject);

    public SubjectVerdict Check(CommitMessage message, DateOnly exampleDate) => SubjectVerdict.Ok;

    public bool IsFeature(string subject) => CommitRules.IsConventionalFeature(subject);
}

/// <summary>The <c>commits: exempt</c> patterns: subjects (git's own merges, reverts, fixups) that skip the convention.</summary>
internal sealed class ExemptSubjects(IReadOnlyList<string> patterns)
{
    private readonly System.Text.RegularExpressions.Regex[] _patterns =
        [.. patterns.Select(e => new System.Text.RegularExpressions.Regex(e, System.Text.RegularExpressions.RegexOptions.CultureInvariant, SafeRegex.Timeout))];

    public bool Matches(string subject) => _patterns.Any(e => SafeRegex.IsMatch(e, subject));
}

/// <summary>User-written patterns run with a timeout; a pathological subject never passes by timing out.</summary>
internal static class SafeRegex
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public static bool IsMatch(System.Text.RegularExpressions.Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
