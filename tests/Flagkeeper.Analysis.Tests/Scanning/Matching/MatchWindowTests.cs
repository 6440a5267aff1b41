using Flagkeeper.Analysis.Scanning.Matching;
using static Flagkeeper.Analysis.Tests.Scanning.Matching.TypeScriptMatching;

namespace Flagkeeper.Analysis.Tests.Scanning.Matching;

/// <summary>
/// The matcher runs a shape's regex over a window of the file, moved inward at either end so it is always its one
/// buffer; and usages on one line share that line's text. Neither may change a usage.
/// </summary>
public class MatchWindowTests
{
    [Theory]
    [InlineData(0)]      // shorter than a window: the whole file
    [InlineData(40)]     // about one window
    [InlineData(2_000)]  // many windows
    public void Usages_at_a_files_start_middle_and_end_are_found_whatever_its_length(int fillerLines)
    {
        using var cache = new PatternCache();
        var matcher = NewMatcher(cache);
        var filler = string.Concat(Enumerable.Repeat("const total = price * quantity;\n", fillerLines));
        // The env shape runs its own regex (a window); isEnabled is read by the call-argument reader from the same window.
        var content = "process.env.FEATURE_FIRST;\nisEnabled('first');\n" + filler
            + "go(process.env.FEATURE_MIDDLE, isEnabled('middle'));\n" + filler
            + "isEnabled('last');\nprocess.env.FEATURE_LAST";

        var usages = Match(matcher, content).Usages;

        Assert.Equal(["FIRST", "first", "MIDDLE", "middle", "last", "LAST"], usages.Select(u => u.Flag));
        var lines = content.Split('\n');
        foreach (var usage in usages)
        {
            Assert.Contains(usage.Flag!, lines[usage.Line - 1]);
            Assert.Equal(usage.Flag, lines[usage.Line - 1].Substring(usage.Column - 1, usage.Flag!.Length));
        }
    }

    [Fact]
    public void Usages_at_a_long_files_ends_cost_no_more_than_in_its_middle()
    {
        using var cache = new PatternCache();
        var matcher = NewMatcher(cache);
        const string usages = "process.env.FEATURE_ONE;\nisEnabled('one');\n";
        var filler = string.Concat(Enumerable.Repeat("const total = price * quantity;\n", 100));
        var inTheMiddle = filler + usages + usages + filler;
        var atTheEnds = usages + filler + filler + usages;
        Match(matcher, inTheMiddle); // the first match builds what every later one reuses

        var middle = Allocated(() => Match(matcher, inTheMiddle));
        var ends = Allocated(() => Match(matcher, atTheEnds));

        // A window cut short at an end was a string of its own (about 1.6 KB each end); moved inward, it is the buffer.
        Assert.True(ends - middle < 1_000, $"usages at the ends allocated {ends} bytes, in the middle {middle}");
    }

    [Fact]
    public void Usages_on_one_line_share_its_text_and_the_next_file_has_its_own()
    {
        using var cache = new PatternCache();
        var matcher = NewMatcher(cache);

        var first = Match(matcher, "go(isEnabled('a'), isEnabled('b'));\nisEnabled('c');\n").Usages;
        // Its second line starts where the first file's last one did: that line's text must not be reused.
        var next = Match(matcher, new string('/', 35) + "\nrun(isEnabled('d'));\n", "b.ts").Usages;

        Assert.Equal("go(isEnabled('a'), isEnabled('b'));", first[0].Text);
        // One copy of the line's bytes, shared (an ASCII line is kept as its bytes, not a string).
        Assert.True(first[0].TryGetUtf8Text(out var one) & first[1].TryGetUtf8Text(out var other));
        Assert.True(one.Overlaps(other, out var distance) && distance == 0, "the two usages hold two copies of their line");
        Assert.Equal("isEnabled('c');", first[2].Text);
        Assert.Equal("run(isEnabled('d'));", Assert.Single(next).Text);
    }

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
