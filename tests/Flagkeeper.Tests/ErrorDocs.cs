using System.Text;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Tests;

/// <summary>Renders docs/errors.md from <see cref="ErrorCodes.All"/>; <see cref="ErrorCatalogTests"/> keeps the file in step.</summary>
public static class ErrorDocs
{
    public static string RelativePath => "errors.md";

    /// <summary>Where the generated part ends: the CLI's log events follow, written by hand.</summary>
    public const string LogEventsHeading = "\n## Log events\n";

    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("# Error codes\n\n");
        text.Append("This file is generated from `src/Flagkeeper/Diagnostics/ErrorCodes.cs` by the test `ErrorCatalogTests` ")
            .Append("(do not edit it by hand), and the codes are stable: a code is never renumbered or reused.\n\n");
        text.Append("| code | category | severity | recovery | what happened | what to do |\n");
        text.Append("| --- | --- | --- | --- | --- | --- |\n");
        foreach (var error in ErrorCodes.All)
        {
            text.Append($"| {error.Code} | {error.Category} | {error.Severity} | {error.Recovery} | {Cell(error.Title)} | {Cell(error.Advice)} |\n");
        }
        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
