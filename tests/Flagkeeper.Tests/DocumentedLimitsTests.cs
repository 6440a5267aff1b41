using System.Globalization;
using Flagkeeper.Documents;

namespace Flagkeeper.Tests;

/// <summary>The limits docs/registry.md promises are the ones the reader enforces.</summary>
public class DocumentedLimitsTests
{
    private static readonly string Registry = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "registry.md")).ReplaceLineEndings(" ");

    [Fact]
    public void The_documented_file_size_nesting_and_alias_expansion_limits_are_the_defaults()
    {
        var limits = DocumentLimits.Default;

        Assert.Contains($"files over {limits.MaxBytes / (1024 * 1024)} MiB are refused", Registry);
        Assert.Contains($"nesting deeper than {limits.MaxDepth} levels", Registry);
        Assert.Contains($"more than {limits.MaxNodes.ToString("N0", CultureInfo.InvariantCulture)} values once YAML aliases are expanded", Registry);
    }
}
