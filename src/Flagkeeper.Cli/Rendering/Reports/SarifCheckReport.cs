using System.Reflection;
using System.Text.Json;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Checks;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Cli.Rendering.Reports;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning: the tool with every rule (id, descriptions, help, default
/// level), and one result per finding with a repository-relative location and a partial fingerprint.
/// Code scanning rejects results without a location, so findings that have no file (commit messages)
/// are left out here and counted in a tool notification; text, JSON and github output carry them.
/// </summary>
internal static class SarifCheckReport
{
    public const string FingerprintKey = "flagkeeper/v1";
    private const string Repository = "https://github.com/flagkeeper/flagkeeper/blob/main/";
    private const string InformationUri = Repository + "docs/rules.md";

    public static void Write(TextWriter output, CheckReport report) => JsonOutput.Write(output, json =>
    {
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json);

        var located = report.Findings.Where(f => f.Location is not null).ToList();
        // A finding about the whole tree (nothing-recognised) has neither file nor commit: it goes in as a notification.
        var treeWide = report.Findings.Where(f => f.Location is null && f.Commit is null).ToList();
        var unlocated = report.Findings.Count() - located.Count - treeWide.Count;
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", !report.HasInputErrors);
        json.WriteStartArray("toolExecutionNotifications");
        if (unlocated > 0)
        {
            Notification(json, "note", $"{unlocated} finding(s) without a file (commit messages, delivery modes) are not in this SARIF file; the text, json and github formats show them.");
        }
        foreach (var error in report.Errors)
        {
            Notification(json, error.Severity >= Flagkeeper.Diagnostics.ErrorSeverity.High ? "error" : "warning", error.ToString());
        }
        foreach (var finding in treeWide)
        {
            Notification(json, Level(finding.Severity), $"{finding.Rule}: {finding.Message}");
        }
        foreach (var gate in report.Gates.Where(g => g.Incomplete))
        {
            Notification(json, "error", GateCouldNotRun(gate));
        }
        foreach (var notice in report.Notices)
        {
            Notification(json, "note", notice);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteString("columnKind", "utf16CodeUnits");
        json.WriteStartArray("results");
        foreach (var finding in located)
        {
            WriteResult(json, finding, report.RepositoryPrefix);
            JsonOutput.FlushIfLarge(json);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    });

    private static void WriteTool(Utf8JsonWriter json)
    {
        var version = typeof(SarifCheckReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "Flagkeeper");
        json.WriteString("version", version);
        json.WriteString("semanticVersion", version);
        json.WriteString("informationUri", InformationUri);
        json.WriteStartArray("rules");
        foreach (var rule in RuleCatalog.All)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", Name(rule.Id));
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Summary);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", $"{rule.Summary} (gate {rule.Gate}).");
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", rule.Fix);
            json.WriteString("markdown", $"**{rule.Id}** ({rule.Gate}): {rule.Summary}.\n\nHow to fix it: {rule.Fix}");
            json.WriteEndObject();
            json.WriteString("helpUri", Repository + rule.DocAnchor);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStartArray("tags");
            json.WriteStringValue("feature-flags");
            json.WriteStringValue(rule.Gate);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, string prefix)
    {
        var at = finding.Location!.Value;
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Rule);
        json.WriteNumber("ruleIndex", RuleIndex(finding.Rule));
        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", finding.Message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri(prefix + at.File));
        json.WriteString("uriBaseId", "%SRCROOT%");
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", Math.Max(1, at.Line));
        if (at.Column > 0)
        {
            json.WriteNumber("startColumn", at.Column);
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, finding.Fingerprint);
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("gate", finding.Gate);
        json.WriteStringOrNull("flag", finding.Flag);
        json.WriteStringOrNull("commit", finding.Commit);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>"gate flag-lint could not run: ..." for a gate whose input did not load (it is never reported as passed).</summary>
    internal static string GateCouldNotRun(GateResult gate) => $"gate {gate.Id} could not run: {gate.IncompleteReason}";

    private static void Notification(Utf8JsonWriter json, string level, string text)
    {
        json.WriteStartObject();
        json.WriteString("level", level);
        json.WriteStartObject("message");
        json.WriteString("text", text);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static int RuleIndex(string id)
    {
        for (var i = 0; i < RuleCatalog.All.Count; i++)
        {
            if (RuleCatalog.All[i].Id == id)
            {
                return i;
            }
        }
        return -1;
    }

    private static string Level(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => "error",
        RuleSeverity.Warning => "warning",
        _ => "none",
    };

    /// <summary>unregistered-flag → UnregisteredFlag (SARIF's rule "name" is an identifier).</summary>
    private static string Name(string id) => string.Concat(id.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>A relative URI reference: each path segment percent-encoded, '/' kept.</summary>
    private static string Uri(string path) => string.Join('/', path.Split('/').Select(System.Uri.EscapeDataString));
}
