using System.Text;
using Flagkeeper.Analysis.Configuration;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>Which files are read (binary, too large, unscanned extensions) and the order of the output. Every expected line and column is written out or computed from the test's own input text.</summary>
public class ScannedFileTests
{
    // ---------------------------------------------------------------- binary, large and unscanned files

    [Fact]
    public void File_with_nul_in_first_8_KiB_is_skipped_as_binary_and_counted()
    {
        using var dir = new TempDirectory();
        dir.WriteBytes("blob.ts", Encoding.ASCII.GetBytes("if (isEnabled('in-binary')) {}\n").Concat(new byte[] { 0, 1, 2, 3 }).ToArray());
        var late = new byte[8191 + 32];
        Array.Fill(late, (byte)'x');
        late[8191] = 0; // the last byte of the first 8 KiB
        Encoding.ASCII.GetBytes("\nisEnabled('late-bin')\n").CopyTo(late, 0);
        dir.WriteBytes("late.ts", late);
        dir.Write("text.ts", "if (isEnabled('in-text')) {}\n");

        var result = ScannerSpecSupport.Scan(dir.Path);

        Assert.Equal(["in-text"], result.Usages.Select(u => u.Flag));
        Assert.Equal(2, result.Statistics.BinaryFiles);
        Assert.Equal(1, result.Statistics.FilesScanned);
        Assert.True(result.Statistics.FilesSkipped >= 2, $"FilesSkipped = {result.Statistics.FilesSkipped}");
    }

    [Fact]
    public void Nul_after_the_first_8_KiB_does_not_make_a_file_binary()
    {
        using var dir = new TempDirectory();
        var bytes = new byte[8192 + 100];
        Array.Fill(bytes, (byte)' ');
        Encoding.ASCII.GetBytes("if (isEnabled('text-flag')) {}\n").CopyTo(bytes, 0);
        bytes[8192] = 0;
        dir.WriteBytes("mostly-text.ts", bytes);

        var result = ScannerSpecSupport.Scan(dir.Path);

        Assert.Equal(["text-flag"], result.Usages.Select(u => u.Flag));
        Assert.Equal(0, result.Statistics.BinaryFiles);
        Assert.Equal(1, result.Statistics.FilesScanned);
    }

    [Fact]
    public void File_larger_than_max_file_size_is_skipped_and_counted()
    {
        using var dir = new TempDirectory();
        var config = FlagkeeperConfig.Default with { MaxFileSize = 1000 };
        dir.Write("big.ts", "if (isEnabled('too-big')) {}\n" + new string(' ', 1200) + "\n");
        dir.Write("at-limit.ts", ("if (isEnabled('at-limit')) {}\n" + new string(' ', 1000)).Substring(0, 1000));
        dir.Write("small.ts", "if (isEnabled('small')) {}\n");

        var result = ScannerSpecSupport.Scan(dir.Path, config);

        Assert.Equal(["at-limit", "small"], result.Usages.Select(u => u.Flag));
        Assert.Equal(1, result.Statistics.LargeFiles);
        Assert.Equal(2, result.Statistics.FilesScanned);
        Assert.Equal(1, result.Statistics.FilesSkipped);
    }

    [Fact]
    public void Markdown_is_not_scanned_unless_configured()
    {
        using var dir = new TempDirectory();
        dir.Write("README.md", "Call `isEnabled('from-docs')` to check a flag.\n");
        dir.Write("docs/guide.md", "isEnabled('guide')\n");
        dir.Write("src/a.ts", "isEnabled('from-code');\n");

        var byDefault = ScannerSpecSupport.Scan(dir.Path);
        var withDot = ScannerSpecSupport.Scan(dir.Path, FlagkeeperConfig.Default with { ScanExtensions = [".md"] });
        var withoutDot = ScannerSpecSupport.Scan(dir.Path, FlagkeeperConfig.Default with { ScanExtensions = ["md"] });

        Assert.Equal(["from-code"], byDefault.Usages.Select(u => u.Flag));
        Assert.Equal(1, byDefault.Statistics.FilesScanned);
        Assert.Equal([("README.md", "from-docs"), ("docs/guide.md", "guide"), ("src/a.ts", "from-code")], withDot.Usages.Select(u => (u.File, u.Flag)));
        Assert.Equal(withDot.Usages, withoutDot.Usages);
    }

    [Fact]
    public void Data_files_are_not_scanned_by_default()
    {
        using var dir = new TempDirectory();
        dir.Write("config/settings.yaml", "check: isEnabled('in-yaml')\n");
        dir.Write("data.json", "{ \"x\": \"isEnabled('in-json')\" }\n");
        dir.Write("a.ts", "isEnabled('in-code');\n");

        var result = ScannerSpecSupport.Scan(dir.Path);

        Assert.Equal(["in-code"], result.Usages.Select(u => u.Flag));
    }

    // ---------------------------------------------------------------- ordering and paths

    [Fact]
    public void Output_is_sorted_by_file_line_and_column_with_slash_paths()
    {
        using var dir = new TempDirectory();
        dir.Write("b.ts", "isEnabled('b1');\n");
        dir.Write("a/z.ts", "isEnabled('az1');\n");
        dir.Write("a.ts", "\n\nisEnabled('a3');\nx = isEnabled('a4a') || isEnabled('a4b');\nisEnabled('a5');\n");
        dir.Write("a/b/c.py", "is_enabled('abc')\n");
        for (var i = 0; i < 20; i++)
        {
            dir.Write($"many/f{i:D2}.ts", $"isEnabled('m{i:D2}');\n");
        }

        var result = ScannerSpecSupport.Scan(dir.Path);

        var expected = new List<(string, int, int, string)>
        {
            ("a.ts", 3, 12, "a3"),
            ("a.ts", 4, 16, "a4a"),
            ("a.ts", 4, 36, "a4b"),
            ("a.ts", 5, 12, "a5"),
            ("a/b/c.py", 1, 13, "abc"),
            ("a/z.ts", 1, 12, "az1"),
            ("b.ts", 1, 12, "b1"),
        };
        for (var i = 0; i < 20; i++)
        {
            expected.Add(($"many/f{i:D2}.ts", 1, 12, $"m{i:D2}"));
        }
        Assert.Equal(expected, result.Usages.Select(u => (u.File, u.Line, u.Column, u.Flag!)));
    }

    [Fact]
    public void Scanning_twice_gives_identical_output()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 30; i++)
        {
            dir.Write($"d{i % 3}/f{i}.ts", $"isEnabled('k{i}'); isEnabled(v{i});\nprocess.env.FEATURE_E{i};\n");
        }

        var first = ScannerSpecSupport.Scan(dir.Path);
        var second = ScannerSpecSupport.Scan(dir.Path);

        Assert.Equal(90, first.Usages.Count);
        Assert.Equal(first.Usages, second.Usages);
    }
}
