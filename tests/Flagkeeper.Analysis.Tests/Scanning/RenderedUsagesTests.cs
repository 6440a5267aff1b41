using System.Text;
using Flagkeeper.Analysis.Scanning.Caching;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>The kept report's file on its own: what goes in comes out, and anything else is a warning, never bytes.</summary>
public class RenderedUsagesTests
{
    private static readonly RenderedCounts Counts = new(Usages: 3, FilesScanned: 20, BinaryFiles: 2, LargeFiles: 1, BytesScanned: 123_456_789_012, FilesFromCache: 22);

    [Fact]
    public void What_is_committed_loads_back_byte_for_byte_with_its_key_and_counts()
    {
        using var dir = new TempDirectory();
        var body = Encoding.UTF8.GetBytes("{\"flag\":\"é-one\"},{\"flag\":\"two\"}");
        Keep(dir.Path, "key\nfiles=3:ab\n", body);

        using var loaded = RenderedUsages.Load(dir.Path, ".", out var warning);

        Assert.Null(warning);
        Assert.NotNull(loaded);
        Assert.Equal("key\nfiles=3:ab\n", loaded.Key);
        Assert.Equal(Counts, loaded.Counts);
        Assert.Equal(body, loaded.Bytes.ToArray());
        Assert.Equal([RenderedUsages.FileName], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void An_empty_report_and_a_missing_file_are_no_warning()
    {
        using var dir = new TempDirectory();
        Assert.Null(RenderedUsages.Load(dir.Path, ".", out var none));
        Assert.Null(none);

        Keep(dir.Path, "k", []);
        using var loaded = RenderedUsages.Load(dir.Path, ".", out var warning);

        Assert.Null(warning);
        Assert.Equal(0, loaded!.Bytes.Length);
    }

    public static TheoryData<string> Damage => ["flipped in the report", "flipped in the key", "truncated", "empty", "foreign", "longer"];

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_damaged_file_is_a_corrupt_warning_and_nothing_is_served(string damage)
    {
        using var dir = new TempDirectory();
        Keep(dir.Path, "the key", Encoding.UTF8.GetBytes(new string('x', 500)));
        var path = Path.Combine(dir.Path, RenderedUsages.FileName);
        var bytes = File.ReadAllBytes(path);
        byte[] damaged = damage switch
        {
            "flipped in the report" => Flip(bytes, bytes.Length - 100),
            "flipped in the key" => Flip(bytes, 12),
            "truncated" => bytes[..^30],
            "empty" => [],
            "foreign" => Encoding.ASCII.GetBytes("PK\u0003\u0004 not a cache at all, a zip perhaps"),
            _ => [.. bytes, 0],
        };
        File.WriteAllBytes(path, damaged);

        using var loaded = RenderedUsages.Load(dir.Path, "cache", out var warning);

        Assert.Null(loaded);
        Assert.NotNull(warning);
        Assert.Equal("FK8001", warning.Code);
        Assert.Contains("rendered-usages cache cache/usages-v1.bin is corrupt", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_writer_disposed_before_commit_leaves_the_old_file_and_no_temporary_one()
    {
        using var dir = new TempDirectory();
        Keep(dir.Path, "old", "old"u8.ToArray());

        using (var writer = RenderedUsages.Begin(dir.Path, "new", Counts))
        {
            writer.Body.Write("half a rep"u8);
        }

        Assert.Equal([RenderedUsages.FileName], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        using var kept = RenderedUsages.Load(dir.Path, ".", out _);
        Assert.Equal("old", kept!.Key);
    }

    private static void Keep(string directory, string key, byte[] body)
    {
        using var writer = RenderedUsages.Begin(directory, key, Counts);
        writer.Body.Write(body);
        writer.Commit();
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x01;
        return copy;
    }
}
