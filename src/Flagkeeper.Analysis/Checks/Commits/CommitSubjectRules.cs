using System.Globalization;
using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Registry;

namespace Flagkeeper.Analysis.Checks.Commits;

/// <summary>The verdict on one subject: valid, exempt, or what is wrong and a corrected example.</summary>
public sealed record SubjectVerdict(bool Valid, bool Exempt, IReadOnlyList<string> Problems, string? Example)
{
    /// <summary>Problems that do not make the message invalid (commitlint's warnings: body-leading-blank, footer-leading-blank).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public static SubjectVerdict Ok { get; } = new(true, false, [], null);
    public static SubjectVerdict ExemptSubject { get; } = new(true, true, [], null);

    /// <summary>"unknown type 'feature' (did you mean 'feat'?); no task id ... — for example: feat: ..."</summary>
    public string Explanation => Valid ? "" : string.Join("; ", Problems) + (Example is null ? "" : $". Example: {Example}");
}

/// <summary>
/// The flagkeeper preset of <c>flagkeeper.yaml</c> (<c>commits:</c>), and any custom <c>pattern</c>. The pattern
/// decides what is valid; when a subject fails, the parts of the flagkeeper shape
/// <c>type: summary [T-YYYY-MM-DD-NNN] [MODE:F|NF]</c> are looked at one by one to say exactly what is wrong,
/// and a corrected subject is suggested (a custom pattern over another preset only names the pattern).
/// </summary>
public sealed partial class CommitSubjectRules : ICommitRules
{
    private readonly IReadOnlyList<string> _types;
    private readonly Regex _pattern;
    private readonly ExemptSubjects _exempt;
    private readonly bool _customPattern;
    private readonly bool _flagkeeperShape;

    public CommitSubjectRules(CommitConvention convention)
    {
        ArgumentNullException.ThrowIfNull(convention);
        _types = convention.Types;
        _customPattern = convention.Pattern is not null;
        _flagkeeperShape = convention.Preset == CommitPreset.Flagkeeper;
        Pattern = convention.Pattern ?? DefaultPattern(convention.Types);
        _pattern = new Regex(Pattern, RegexOptions.CultureInvariant, SafeRegex.Timeout);
        _exempt = new ExemptSubjects(convention.Exempt);
    }

    public string Description => _customPattern
        ? $"the pattern `{Pattern}` (commits: pattern in flagkeeper.yaml)"
        : "type: summary [T-YYYY-MM-DD-NNN] [MODE:F|NF]  (preset: flagkeeper; types and pattern: `commits:` in flagkeeper.yaml)";

    /// <summary>The pattern in force (configured, or built from the types).</summary>
    public string Pattern { get; }

    /// <summary>The default pattern for a list of types: <c>^(feat|fix|...):\s+(.+?)\s+\[T-(\d{4}-\d{2}-\d{2}-\d+)\]\s+\[MODE:(F|NF)\]$</c>.</summary>
    public static string DefaultPattern(IReadOnlyList<string> types) =>
        $@"^({string.Join('|', types.Select(Regex.Escape))}):\s+(.+?)\s+\[T-(\d{{4}}-\d{{2}}-\d{{2}}-\d+)\]\s+\[MODE:(F|NF)\]$";

    /// <summary>The conventional type of a subject (<c>feat</c> in <c>feat(api)!: x</c>), or null.</summary>
    public static string? TypeOf(string subject)
    {
        var match = TypePrefix().Match(subject);
        return match.Success && match.Groups["colon"].Success ? match.Groups["type"].Value : null;
    }

    public bool IsExempt(string subject) => _exempt.Matches(subject);

    public bool IsFeature(string subject) => CommitRules.IsConventionalFeature(subject);

    public SubjectVerdict Check(CommitMessage message, DateOnly exampleDate) =>
        Check((message ?? throw new ArgumentNullException(nameof(message))).Subject, exampleDate);

    /// <param name="exampleDate">The date used for a task id in the example when the subject has no usable one.</param>
    public SubjectVerdict Check(string subject, DateOnly exampleDate)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (IsExempt(subject))
        {
            return SubjectVerdict.ExemptSubject;
        }
        var parts = Parts.Of(subject, _types);
        var matches = SafeRegex.IsMatch(_pattern, subject);
        if (matches && parts.TaskDateProblem is null)
        {
            return SubjectVerdict.Ok;
        }
        if (!_flagkeeperShape)
        {
            // A custom pattern over another preset: only the pattern (and a real task date) is the convention.
            return new SubjectVerdict(false, false, [matches ? parts.TaskDateProblem! : $"it does not match the configured pattern `{Pattern}`"], null);
        }

        var problems = new List<string>();
        if (subject.Trim().Length == 0)
        {
            problems.Add("the subject is empty");
        }
        else if (matches)
        {
            problems.Add(parts.TaskDateProblem!);
        }
        else
        {
            problems.AddRange(parts.Problems);
            if (problems.Count == 0)
            {
                problems.Add(_customPattern
                    ? $"it does not match the configured pattern `{Pattern}`"
                    : "its parts are out of order or there is extra text; write `type: summary [T-YYYY-MM-DD-NNN] [MODE:F|NF]`");
            }
            else if (_customPattern)
            {
                problems.Add($"it must match the configured pattern `{Pattern}`");
            }
        }
        return new SubjectVerdict(false, false, problems, _customPattern ? null : parts.Example(_types, exampleDate));
    }

    /// <summary>The pieces of a subject in the default shape, each checked on its own.</summary>
    private sealed class Parts
    {
        private string? _type;
        private string _summary = "";
        private string? _taskId;
        private DeliveryMode? _mode;

        public List<string> Problems { get; } = [];
        public string? TaskDateProblem { get; private set; }

        public static Parts Of(string subject, IReadOnlyList<string> types)
        {
            var parts = new Parts();
            var rest = subject.Trim();
            var prefix = TypePrefix().Match(rest);
            if (prefix.Success && prefix.Groups["colon"].Success)
            {
                var type = prefix.Groups["type"].Value;
                if (types.Contains(type, StringComparer.Ordinal))
                {
                    parts._type = type;
                }
                else
                {
                    var guess = CommitTypes.Closest(type, types);
                    parts._type = guess;
                    parts.Problems.Add(guess is null
                        ? $"unknown type '{type}'; use one of {string.Join(", ", types)}"
                        : $"unknown type '{type}' (did you mean '{guess}'?); use one of {string.Join(", ", types)}");
                }
                if (prefix.Groups["scope"].Success)
                {
                    parts.Problems.Add($"the scope '{prefix.Groups["scope"].Value}' is not part of the convention; write '{parts._type ?? type}:'");
                }
                if (prefix.Groups["bang"].Success)
                {
                    parts.Problems.Add("'!' after the type is not part of the convention");
                }
                if (prefix.Groups["space"].Length == 0)
                {
                    parts.Problems.Add("put a space after the colon");
                }
                rest = rest[prefix.Length..];
            }
            else
            {
                parts.Problems.Add($"it does not start with a type and a colon ({string.Join(", ", types.Select(t => t + ":"))})");
            }

            var task = TaskTag().Match(rest);
            if (!task.Success)
            {
                parts.Problems.Add(BareTaskId().IsMatch(rest)
                    ? "the task id must be in brackets: [T-YYYY-MM-DD-NNN]"
                    : "it has no task id [T-YYYY-MM-DD-NNN]");
            }
            else
            {
                var id = task.Groups["id"].Value;
                var shape = TaskIdShape().Match(id);
                if (!shape.Success)
                {
                    parts.Problems.Add($"the task id [T-{id}] is not T-YYYY-MM-DD-NNN");
                }
                else if (!RegistryDates.TryParse(shape.Groups["date"].Value, out _))
                {
                    parts.TaskDateProblem = $"the task id's date {shape.Groups["date"].Value} is not a real calendar date";
                    parts.Problems.Add(parts.TaskDateProblem);
                }
                else
                {
                    parts._taskId = id;
                }
            }

            var mode = ModeTag().Match(rest);
            if (!mode.Success)
            {
                parts.Problems.Add("it has no delivery mode [MODE:F] or [MODE:NF]");
            }
            else if (DeliveryModes.TryParse(mode.Groups["mode"].Value, out var parsed) && mode.Groups["mode"].Value is "F" or "NF")
            {
                parts._mode = parsed;
                if (mode.Groups["tag"].Value != "MODE")
                {
                    parts.Problems.Add($"write the mode tag in upper case: [MODE:{mode.Groups["mode"].Value}]");
                }
            }
            else
            {
                parts._mode = DeliveryModes.TryParse(mode.Groups["mode"].Value, out var folded) ? folded : null;
                parts.Problems.Add($"the mode '{mode.Groups["mode"].Value}' is not F or NF (upper case)");
            }

            var summary = ModeTag().Replace(TaskTag().Replace(rest, " "), " ");
            parts._summary = Spaces().Replace(summary, " ").Trim();
            if (parts._summary.Length == 0)
            {
                parts.Problems.Add("it has no summary after the type");
            }
            return parts;
        }

        public string Example(IReadOnlyList<string> types, DateOnly date)
        {
            var type = _type ?? (types.Contains("feat") ? "feat" : types.Count > 0 ? types[0] : "feat");
            var summary = _summary.Length > 0 ? _summary : "say what changed";
            var task = _taskId ?? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-001";
            return $"{type}: {summary} [T-{task}] [MODE:{_mode ?? DeliveryMode.F}]";
        }

    }

    [GeneratedRegex(@"^(?<type>[A-Za-z][A-Za-z0-9_-]*)(?<scope>\([^)]*\))?(?<bang>!)?(?<colon>:)(?<space>\s*)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex TypePrefix();

    [GeneratedRegex(@"\[T-(?<id>[^\]]*)\]", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex TaskTag();

    [GeneratedRegex(@"(?<![\[\w])T-\d{4}-\d{2}-\d{2}-\d+", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex BareTaskId();

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})-\d+$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex TaskIdShape();

    [GeneratedRegex(@"\[(?<tag>MODE):(?<mode>[^\]]*)\]", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase)]
    private static partial Regex ModeTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
