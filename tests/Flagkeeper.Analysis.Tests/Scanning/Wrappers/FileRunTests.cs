using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Analysis.Scanning.Wrappers;

namespace Flagkeeper.Analysis.Tests.Scanning.Wrappers;

/// <summary>The wrapper pass groups the scan's usages by file as runs; the groups are those of a GroupBy, sorted input or not.</summary>
public class FileRunTests
{
    private static Usage At(string file, int line) => new(file, line, 1, UsageKind.Usage, "k", "p", "t");

    public static TheoryData<string[]> Orders => new()
    {
        { new[] { "a.cs", "a.cs", "b.go", "c.cs", "c.cs", "c.cs" } },
        { new[] { "a.cs", "b.go", "a.cs", "c.cs" } }, // not sorted by file: a.cs comes back
        { new[] { "c.cs", "c.cs", "b.cs", "a.go", "a.cs" } }, // not sorted, no file back: groups in order of first sight
        { new[] { "A.cs", "B.cs", "a.cs", "b.cs" } }, // ordinal order: capitals first
        { new[] { "only.cs" } },
        { Array.Empty<string>() },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void The_runs_are_the_groups_a_GroupBy_makes(string[] files)
    {
        var usages = files.Select(At).ToArray();
        static bool Wanted(string file) => file.EndsWith(".cs", StringComparison.Ordinal);

        var runs = FileRun.Of(usages, Wanted);

        var expected = usages.Where(u => Wanted(u.File)).GroupBy(u => u.File, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(g => g.Key), runs.Select(g => g.Key));
        Assert.Equal(expected.Select(g => g.ToArray()), runs.Select(g => g.ToArray()));
    }
}
