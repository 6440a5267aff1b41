using System.Text.Json;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Checks;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Cli.Rendering.Reports;

/// <summary>
/// The JSON contract of <c>check --format json</c> (version 1): fields are only ever added; a field that
/// does not apply is null; paths are root-relative with '/'.
/// </summary>
internal static class JsonCheckReport
{
    public static void Write(TextWriter output, CheckReport report) => JsonOutput.Write(output, json =>
    {
        json.WriteNumber("version", 1);
        json.WriteBoolean("passed", report.Passed);
        json.WriteString("status", report.HasInputErrors || report.Gates.Any(g => g.Incomplete) ? "incomplete" : report.Passed ? "passed" : "failed");
        json.WriteString("root", report.Root);
        JsonOutput.WriteCompleteness(json, report.IncompleteReason);
        json.WriteStartArray("gates");
        foreach (var gate in report.Gates)
        {
            json.WriteStartObject();
            json.WriteString("id", gate.Id);
            json.WriteBoolean("passed", gate.Passed);
            json.WriteBoolean("skipped", gate.Skipped);
            json.WriteStringOrNull("skipReason", gate.SkipReason);
            json.WriteString("status", gate.Status);
            json.WriteStringOrNull("incompleteReason", gate.IncompleteReason);
            json.WriteStringOrNull("detail", gate.Detail);
            json.WriteStartArray("findings");
            foreach (var finding in gate.Findings)
            {
                WriteFinding(json, finding);
                JsonOutput.FlushIfLarge(json);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        var stats = report.Statistics;
        json.WriteStartObject("stats");
        json.WriteNumber("durationMs", Math.Round(stats.Duration.TotalMilliseconds, 1));
        json.WriteNumber("errors", report.Count(RuleSeverity.Error));
        json.WriteNumber("warnings", report.Count(RuleSeverity.Warning));
        json.WriteNumber("suppressed", stats.Suppressed);
        json.WriteNumber("baselined", stats.Baselined);
        json.WriteNumber("filesScanned", stats.FilesScanned);
        json.WriteNumber("usages", stats.Usages);
        json.WriteNumber("registries", stats.Registries);
        json.WriteNumber("flags", stats.Flags);
        json.WriteNumber("commitsChecked", stats.CommitsChecked);
        json.WriteEndObject();

        json.WriteStartArray("commits");
        foreach (var commit in report.Commits)
        {
            json.WriteStartObject();
            json.WriteString("id", commit.Id);
            json.WriteString("subject", commit.Subject);
            json.WriteStringOrNull("type", commit.Type);
            json.WriteString("mode", commit.Mode.ToString());
            json.WriteString("modeSource", commit.ModeSource.ToString().ToLowerInvariant());
            json.WriteBoolean("merge", commit.IsMerge);
            json.WriteBoolean("breaking", commit.Breaking);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        JsonOutput.WriteNotices(json, report.Notices);
        JsonOutput.WriteErrors(json, report.Errors, report.Statistics.ReadRetries);
    });

    private static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("rule", finding.Rule);
        json.WriteString("severity", RuleSeverities.Name(finding.Severity));
        json.WriteString("message", finding.Message);
        json.WriteStringOrNull("flag", finding.Flag);
        JsonOutput.WriteLocation(json, finding.Location);
        json.WriteStringOrNull("commit", finding.Commit);
        json.WriteString("fingerprint", finding.Fingerprint);
        json.WriteEndObject();
    }
}
