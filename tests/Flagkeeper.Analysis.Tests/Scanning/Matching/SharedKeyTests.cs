using Flagkeeper.Analysis.Scanning.Matching;
using static Flagkeeper.Analysis.Tests.Scanning.Matching.TypeScriptMatching;

namespace Flagkeeper.Analysis.Tests.Scanning.Matching;

/// <summary>
/// A worker's matcher hands out one string per distinct ASCII key for the whole scan (a dense tree names the same flags
/// thousands of times), decodes any other key as before, and stops sharing past its bound without changing a result.
/// </summary>
public class SharedKeyTests
{
    [Fact]
    public void The_same_key_in_two_files_of_one_worker_is_one_string()
    {
        using var cache = new PatternCache();
        var matcher = NewMatcher(cache);

        var first = Match(matcher, "if (isEnabled('new-checkout')) {}\nif (isEnabled('dark-mode')) {}\n", "a.ts");
        var second = Match(matcher, "const on = isEnabled('new-checkout');\n", "b.ts");

        Assert.Equal(["new-checkout", "dark-mode"], first.Usages.Select(u => u.Flag));
        Assert.Same(first.Usages[0].Flag, Assert.Single(second.Usages).Flag);
    }

    [Fact]
    public void A_key_that_is_not_ascii_is_decoded_as_utf8_each_time()
    {
        using var cache = new PatternCache();
        var matcher = NewMatcher(cache);

        var first = Match(matcher, "isEnabled('ключ-é');\n", "a.ts");
        var second = Match(matcher, "isEnabled('ключ-é');\n", "b.ts");

        Assert.Equal("ключ-é", Assert.Single(first.Usages).Flag);
        Assert.Equal("ключ-é", Assert.Single(second.Usages).Flag);
    }

    [Fact]
    public void Keys_past_the_bound_are_still_every_key_exactly()
    {
        using var cache = new PatternCache();
        var matcher = NewMatcher(cache);
        var keys = Enumerable.Range(0, UsageReporter.MaxSharedKeys + 50).Select(i => $"flag-{i}").ToList();

        var found = Match(matcher, string.Concat(keys.Select(k => $"isEnabled('{k}');\n")), "a.ts");
        var again = Match(matcher, string.Concat(keys.TakeLast(2).Select(k => $"isEnabled('{k}');\n")), "b.ts");

        Assert.Equal(keys, found.Usages.Select(u => u.Flag));
        Assert.Equal(keys.TakeLast(2), again.Usages.Select(u => u.Flag));
        Assert.NotSame(found.Usages[^1].Flag, again.Usages[^1].Flag); // not shared: the table was full
        Assert.Same(found.Usages[0].Flag, Match(matcher, "isEnabled('flag-0');\n", "c.ts").Usages[0].Flag);
    }
}
