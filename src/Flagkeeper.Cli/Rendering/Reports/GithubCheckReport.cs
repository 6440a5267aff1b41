using System.Globalization;
using System.Text;
using Flagkeeper.Analysis.Checks;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Cli.Rendering.Reports;

/// <summary>
/// GitHub Actions workflow commands: <c>::error file=…,line=…,col=…,title=…::message</c>, one per finding,
/// so findings show up as annotations on the pull request. Paths are repository-relative.
/// </summary>
internal static class GithubCheckReport
{
    public static void Write(TextWriter output, CheckReport report)
    {
        foreach (var finding in report.Findings)
        {
            var command = RuleSeverities.Name(finding.Severity);
            var properties = new List<string>();
            if (finding.Location is { } at)
            {
                properties.Add($"file={Property(report.RepositoryPrefix + at.File)}");
                if (at.Line > 0)
                {
                    properties.Add(string.Create(CultureInfo.InvariantCulture, $"line={at.Line}"));
                }
                if (at.Column > 0)
                {
                    properties.Add(string.Create(CultureInfo.InvariantCulture, $"col={at.Column}"));
                }
            }
            properties.Add($"title={Property($"flagkeeper {finding.Rule}")}");
            output.WriteLine($"::{command} {string.Join(',', properties)}::{Data(finding.Message)}");
        }
        foreach (var error in report.Errors)
        {
            output.WriteLine($"::error title={Property($"flagkeeper {error.Code}")}::{Data(error.ToString())}");
        }
        foreach (var gate in report.Gates.Where(g => g.Incomplete))
        {
            output.WriteLine($"::error title={Property($"flagkeeper {gate.Id}")}::{Data(SarifCheckReport.GateCouldNotRun(gate))}");
        }
        foreach (var notice in report.Notices)
        {
            output.WriteLine($"::notice title=flagkeeper::{Data(notice)}");
        }
        output.WriteLine(TextCheckReport.Summary(report));
    }

    /// <summary>Escapes a message the way the Actions runner unescapes it (% first).</summary>
    internal static string Data(string text) =>
        new StringBuilder(text).Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A").ToString();

    /// <summary>Property values also escape ':' and ','.</summary>
    internal static string Property(string text) => new StringBuilder(Data(text)).Replace(":", "%3A").Replace(",", "%2C").ToString();
}
