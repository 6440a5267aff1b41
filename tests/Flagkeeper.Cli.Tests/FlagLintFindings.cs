using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>The rule and line of every finding of the real CLI's <c>check --gate flag-lint</c> on a tree (without caches).</summary>
internal static class FlagLintFindings
{
    public static List<(string? Rule, int Line)> Of(string root)
    {
        var result = CliRunner.Run(root, ["check", ".", "--gate", "flag-lint", "--format", "json", "--no-cache"]);
        return [.. JsonDocument.Parse(result.Stdout).RootElement.GetProperty("gates").EnumerateArray()
            .SelectMany(g => g.GetProperty("findings").EnumerateArray())
            .Select(f => (f.GetProperty("rule").GetString(), f.GetProperty("line").GetInt32()))];
    }
}
