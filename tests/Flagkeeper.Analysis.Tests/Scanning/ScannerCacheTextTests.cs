using System.IO.Hashing;
using System.Text;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Caching;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>
/// A warm scan keeps each usage's text as the cache's UTF-8 until it is asked for, a cold scan each ASCII line's: the
/// texts either returns, decoded or not, are the same, and a cache whose text bytes are not UTF-8 is damage, even
/// under a valid checksum.
/// </summary>
public class ScannerCacheTextTests
{
    private const string Line = "if (isEnabled('caf\u00e9')) { say(\"\U0001F600 \\\"quoted\\\"\"); }";

    private static TempDirectory Tree()
    {
        var dir = new TempDirectory();
        var file = dir.Write("app.ts", $"{Line}\nconst x = 1; isEnabled('second'); isEnabled('third');\n");
        File.SetLastWriteTimeUtc(file, new DateTime(2024, 1, 15, 10, 0, 0, DateTimeKind.Utc)); // not racy: the warm run trusts it
        return dir;
    }

    private static ScanResult Scan(TempDirectory dir) => ScannerSpecSupport.Scan(dir.Path, null, useCache: true);

    [Fact]
    public void Warm_texts_are_utf8_until_asked_and_equal_the_cold_texts()
    {
        using var dir = Tree();

        var cold = Scan(dir);
        var warm = Scan(dir);

        Assert.Equal(1, warm.Statistics.CacheHits); // one file, served from the cache
        Assert.False(cold.Usages[0].TryGetUtf8Text(out _)); // not ASCII: the matcher decodes it
        Assert.All(cold.Usages.Skip(1), u => Assert.True(u.TryGetUtf8Text(out _))); // ASCII lines are kept as their bytes
        Assert.All(warm.Usages, u => Assert.True(u.TryGetUtf8Text(out _)));
        Assert.True(warm.Usages[0].TryGetUtf8Text(out var utf8));
        Assert.Equal(Encoding.UTF8.GetBytes(Line), utf8.ToArray());
        Assert.Equal(cold.Usages, warm.Usages); // compares the texts as UTF-8 against strings
        Assert.Equal(cold.Usages.Select(u => u.Text), warm.Usages.Select(u => u.Text));
        Assert.Equal(warm.Usages[1].Text, warm.Usages[2].Text); // one line, one text in the cache, shared
    }

    [Fact]
    public void A_warm_text_replaced_with_another_is_that_text_and_no_longer_equal()
    {
        using var dir = Tree();
        Scan(dir);
        var warm = Scan(dir).Usages[0];

        var changed = warm with { Text = "something else" };

        Assert.False(changed.TryGetUtf8Text(out _));
        Assert.Equal("something else", changed.Text);
        Assert.NotEqual(warm, changed);
        Assert.Equal(warm, warm with { }); // a copy keeps the cached bytes
    }

    [Fact]
    public void Resealed_cache_with_a_text_that_is_not_utf8_is_discarded_as_corrupt()
    {
        using var dir = Tree();
        var cold = Scan(dir);
        var path = Path.Combine(dir.Path, ".flagkeeper", "cache", ScanCache.FileName);
        var bytes = File.ReadAllBytes(path);
        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("const x = 1;"));
        Assert.True(at > 0, "the text is not in the cache as UTF-8");
        bytes[at] = 0xFF; // never valid in UTF-8
        BitConverter.GetBytes(XxHash64.HashToUInt64(bytes.AsSpan(0, bytes.Length - 8))).CopyTo(bytes, bytes.Length - 8);
        File.WriteAllBytes(path, bytes);

        var damaged = Scan(dir);

        Assert.Equal("FK8001", Assert.Single(damaged.Errors).Code);
        Assert.Equal(0, damaged.Statistics.CacheHits);
        Assert.Equal(cold.Usages.Select(u => u.Text), damaged.Usages.Select(u => u.Text));
    }
}
