using System.Globalization;
using Flagkeeper.Analysis.Checks;
using Flagkeeper.Diagnostics;
using Spectre.Console;
using Flagkeeper.Analysis.Checks.Commits;

namespace Flagkeeper.Cli.Rendering.Reports;

/// <summary>
/// The human report: findings grouped by gate, <c>path:line:column</c> first so terminals make them
/// clickable, colour only on a terminal, and a summary line. Every user string goes through
/// <see cref="Markup.Escape"/>: commit subjects carry [T-...] and [MODE:...], which Spectre would read as markup.
/// </summary>
internal static class TextCheckReport
{
    /// <summary>Places longer than this are printed as they are, unpadded; shorter ones pad at most to it.</summary>
    internal const int MaxPlaceWidth = 48;

    public static void Write(IAnsiConsole console, CheckReport report)
    {
        if (!console.Profile.Capabilities.Ansi)
        {
            // No colour: the same lines as plain text. Spectre parsed and laid out every line (26 KB and 50 us each:
            // 47,000 findings of a tree without a registry took 2.4 s and 1.2 GB to print).
            using var plain = BlockWriter.For(console.Profile.Out.Writer);
            Write(line => plain.WriteLine(Markup.Remove(line)), (place, error, rule, message) =>
                plain.WriteLine($"  {place}  {(error ? "error  " : "warning")} {rule}  {message}"), report);
            return;
        }
        Write(console.MarkupLine, (place, error, rule, message) =>
            console.MarkupLine($"  {Markup.Escape(place)}  {(error ? "[red]error  [/]" : "[yellow]warning[/]")} [bold]{rule}[/]  {Markup.Escape(message)}"), report);
    }

    /// <param name="header">Writes a gate's line, in markup.</param>
    /// <param name="finding">Writes a finding: its place and rule already padded, its message as it is.</param>
    private static void Write(Action<string> header, Action<string, bool, string, string> finding, CheckReport report)
    {
        foreach (var gate in report.Gates)
        {
            var errors = gate.Findings.Count(f => f.Severity == RuleSeverity.Error);
            var warnings = gate.Findings.Count - errors;
            var verdict = gate.Incomplete ? $"[red]could not run[/] ({Markup.Escape(gate.IncompleteReason!)})"
                : gate.Skipped ? $"[grey]skipped ({Markup.Escape(gate.SkipReason!)})[/]"
                : gate.Findings.Count == 0 ? "[green]passed[/]"
                : $"{(errors > 0 ? "[red]failed[/]" : "[yellow]passed with warnings[/]")}: {Counts(errors, warnings)}";
            var detail = gate.Detail is { } d && gate.Id != GateIds.DeliveryMode ? $" ({d})" : "";
            header($"[bold]{gate.Id}[/] {verdict}{Markup.Escape(detail + Modes(gate, report))}");
            // Columns line up for ordinary paths; one deep path must not pad every other line out to its length.
            var width = Math.Min(MaxPlaceWidth, gate.Findings.Select(Place).DefaultIfEmpty("").Max(p => p.Length));
            var ruleWidth = gate.Findings.Select(f => f.Rule.Length).DefaultIfEmpty(0).Max();
            foreach (var found in gate.Findings)
            {
                finding(Place(found).PadRight(width), found.Severity == RuleSeverity.Error, found.Rule.PadRight(ruleWidth), found.Message);
            }
        }
    }

    /// <summary>"FAILED: 3 errors, 1 warning (2 suppressed, 4 baselined); 4 gates, 12 files, 20 usages, 1 commit; 81 ms".</summary>
    public static string Summary(CheckReport report)
    {
        var stats = report.Statistics;
        var verdict = report.TimedOut ? "INCOMPLETE (the time budget ran out; the findings are partial)"
            : report.HasInputErrors ? "NO ANSWER (input errors)" : report.Passed ? "PASSED" : "FAILED";
        var hidden = stats.Suppressed + stats.Baselined > 0 ? $" ({stats.Suppressed} suppressed, {stats.Baselined} baselined)" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{verdict}: {Counts(report.Count(RuleSeverity.Error), report.Count(RuleSeverity.Warning))}{hidden}; " +
            $"{Plural(report.Gates.Count(g => !g.Skipped), "gate")}, {Plural(stats.FilesScanned, "file")}, {Plural(stats.Usages, "usage")}, " +
            $"{Plural(stats.CommitsChecked, "commit")}; {stats.Duration.TotalMilliseconds:0} ms");
    }

    /// <summary>" (3 commits: 2 F, 1 NF from --mode)" after the delivery-mode gate, so the mode each commit was judged in is visible.</summary>
    private static string Modes(GateResult gate, CheckReport report)
    {
        if (gate.Id != GateIds.DeliveryMode || gate.Skipped || report.Commits.Count == 0)
        {
            return "";
        }
        var groups = report.Commits.GroupBy(c => (c.Mode, c.ModeSource)).OrderBy(g => g.Key.Mode).ThenBy(g => g.Key.ModeSource)
            .Select(g => $"{g.Count()} {g.Key.Mode} {g.Key.ModeSource switch
            {
                ModeSource.Option => "from --mode",
                ModeSource.Environment => "from " + DeliveryModes.EnvironmentVariable,
                ModeSource.Tag => "by tag",
                _ => "by default (no tag)",
            }}");
        return $" ({Plural(report.Commits.Count, "commit")}: {string.Join(", ", groups)})";
    }

    internal static string Place(Finding finding) =>
        finding.Location?.ToString() ?? (finding.Commit is { } commit ? $"commit {commit[..Math.Min(12, commit.Length)]}" : "-");

    private static string Counts(int errors, int warnings) => $"{Plural(errors, "error")}, {Plural(warnings, "warning")}";

    private static string Plural(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
