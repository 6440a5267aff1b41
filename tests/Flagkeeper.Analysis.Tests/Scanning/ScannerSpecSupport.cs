using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>Runs the real <see cref="Scanner"/> over real files in a temp folder (no scan cache).</summary>
internal static class ScannerSpecSupport
{
    public static ScanResult Scan(string root, FlagkeeperConfig? config = null, bool useCache = false)
    {
        using var patterns = new PatternCache();
        using var monitor = new PerformanceMonitor();
        return new Scanner(config ?? FlagkeeperConfig.Default, patterns, monitor).Scan(root, new ScanOptions { UseCache = useCache });
    }

    /// <summary>Scans a folder holding one file with <paramref name="content"/> (UTF-8, no BOM).</summary>
    public static ScanResult ScanText(string relative, string content, FlagkeeperConfig? config = null)
    {
        using var dir = new TempDirectory();
        dir.Write(relative, content);
        return Scan(dir.Path, config);
    }

    public static ScanResult ScanBytes(string relative, byte[] content, FlagkeeperConfig? config = null)
    {
        using var dir = new TempDirectory();
        dir.WriteBytes(relative, content);
        return Scan(dir.Path, config);
    }

    public static string Describe(IEnumerable<Usage> usages) =>
        "usages:\n" + string.Join("\n", usages.Select(u => $"  {u.File}:{u.Line}:{u.Column} {u.Kind} flag={u.Flag ?? "<null>"} ({u.Pattern}) arg={u.Argument ?? "<null>"} text={u.Text}"));

    public static string Describe(ScanResult result) =>
        Describe(result.Usages) + "\nerrors:\n" + string.Join("\n", result.Errors.Select(e => "  " + e));

    /// <summary>The 1-based UTF-16 column of the first occurrence of <paramref name="needle"/> in <paramref name="line"/>.</summary>
    public static int ColumnOf(string line, string needle, int occurrence = 1)
    {
        var at = -1;
        for (var i = 0; i < occurrence; i++)
        {
            at = line.IndexOf(needle, at + 1, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{needle}' not in '{line}'");
        }
        return at + 1;
    }

    public static Usage Single(ScanResult result)
    {
        Assert.True(result.Usages.Count == 1, Describe(result));
        return result.Usages[0];
    }
}
