using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Configuration;

namespace Flagkeeper.Analysis.Checks.Commits;

/// <summary>
/// <c>preset: conventional</c>: Conventional Commits 1.0 with the rules of commitlint's config-conventional,
/// each failure named by its commitlint rule id. The header is parsed as commitlint's conventionalcommits
/// parser does (<c>type(scope)!: subject</c>, one space after the colon).
/// </summary>
public sealed partial class ConventionalCommitRules(CommitConvention convention) : ICommitRules
{
    /// <summary>commitlint's header-max-length.</summary>
    public const int MaxHeaderLength = 100;

    private readonly IReadOnlyList<string> _types = (convention ?? throw new ArgumentNullException(nameof(convention))).Types;
    private readonly ExemptSubjects _exempt = new(convention.Exempt);

    public string Description =>
        $"Conventional Commits (preset: conventional): type(scope)!: subject, type one of {string.Join(", ", _types)}; " +
        "lower-case type, subject not capitalised and without a full stop, header at most 100 characters";

    public bool IsExempt(string subject) => _exempt.Matches(subject);

    public bool IsFeature(string subject) => CommitRules.IsConventionalFeature(subject);

    /// <summary>Whether the message announces a breaking change: <c>!</c> before the colon, or a BREAKING CHANGE footer.</summary>
    public static bool IsBreaking(CommitMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var header = Header().Match(message.Header);
        return (header.Success && header.Groups["bang"].Success) || FooterStart(message.Body) >= 0;
    }

    public SubjectVerdict Check(CommitMessage message, DateOnly exampleDate)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsExempt(message.Subject))
        {
            return SubjectVerdict.ExemptSubject;
        }
        var header = message.Header;
        var parsed = Header().Match(header);
        var type = parsed.Success ? parsed.Groups["type"].Value : "";
        var scope = parsed.Success && parsed.Groups["scope"].Success ? parsed.Groups["scope"].Value : "";
        var subject = parsed.Success ? parsed.Groups["subject"].Value : "";
        var problems = new List<string>();

        if (type.Length == 0)
        {
            problems.Add(parsed.Success
                ? "type-empty: the header has no type before the colon"
                : "type-empty: the header is not `type(scope): subject` (a type, an optional scope, a colon and one space)");
        }
        else
        {
            if (!IsLowerCase(type))
            {
                problems.Add($"type-case: the type '{type}' must be lower-case");
            }
            if (!_types.Contains(type, StringComparer.Ordinal))
            {
                var guess = Closest(type);
                problems.Add($"type-enum: the type '{type}' is not one of {string.Join(", ", _types)}{(guess is null ? "" : $" (did you mean '{guess}'?)")}");
            }
        }
        // No scope-case: config-conventional leaves the scope's case alone (`fix(API): …` passes commitlint).
        if (subject.Length == 0)
        {
            problems.Add("subject-empty: there is no subject after the colon");
        }
        else if (subject[0] is >= 'A' and <= 'Z')
        {
            // commitlint forbids sentence-, start-, pascal- and upper-case; each starts with a capital letter.
            problems.Add("subject-case: the subject must not start with a capital letter (sentence-case, start-case, pascal-case or upper-case)");
        }
        // Like commitlint, judged on the subject: a header with no subject has no full stop to speak of.
        if (subject.EndsWith('.') && !subject.EndsWith("...", StringComparison.Ordinal))
        {
            problems.Add("subject-full-stop: the subject must not end with a full stop");
        }
        if (header.Length > MaxHeaderLength)
        {
            problems.Add($"header-max-length: the header has {header.Length} characters; at most {MaxHeaderLength}");
        }

        var warnings = new List<string>();
        var body = message.Body;
        if (body.Any(l => l.Trim().Length > 0) && body[0].Length > 0)
        {
            warnings.Add("body-leading-blank: leave a blank line between the header and the body");
        }
        var footer = FooterStart(body);
        if (footer > 0 && body[footer - 1].Length > 0)
        {
            warnings.Add("footer-leading-blank: leave a blank line before the footer (BREAKING CHANGE: ...)");
        }

        var example = parsed.Success && problems.Count > 0 ? Example(type, scope, parsed.Groups["bang"].Success, subject) : null;
        return new SubjectVerdict(problems.Count == 0, false, problems, example) { Warnings = warnings };
    }

    /// <summary>The header with what can be mended mended: known type, lower-case type and first letter, no full stop.</summary>
    private string? Example(string type, string scope, bool bang, string subject)
    {
        var known = Closest(type);
        if (known is null || subject.Length == 0)
        {
            return null;
        }
        var mended = subject.TrimEnd('.');
        mended = mended.Length > 0 && mended[0] is >= 'A' and <= 'Z' ? char.ToLowerInvariant(mended[0]) + mended[1..] : mended;
        var example = $"{known}{(scope.Length > 0 ? $"({scope})" : "")}{(bang ? "!" : "")}: {mended}";
        return example.Length <= MaxHeaderLength && mended.Length > 0 ? example : null;
    }

    private string? Closest(string type) => CommitTypes.Closest(type, _types);

    private static bool IsLowerCase(string text) => !text.Any(char.IsUpper);

    /// <summary>The index of the first BREAKING CHANGE / BREAKING-CHANGE footer line in the body, or -1.</summary>
    private static int FooterStart(IReadOnlyList<string> body)
    {
        for (var i = 0; i < body.Count; i++)
        {
            if (BreakingFooter().IsMatch(body[i]))
            {
                return i;
            }
        }
        return -1;
    }

    // commitlint's conventionalcommits header pattern, with the '!' captured.
    [GeneratedRegex(@"^(?<type>[A-Za-z0-9_]*)(?:\((?<scope>.*)\))?(?<bang>!)?: (?<subject>.*)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Header();

    [GeneratedRegex(@"^BREAKING[ -]CHANGE: ", RegexOptions.CultureInvariant)]
    private static partial Regex BreakingFooter();
}
