using System.IO.Enumeration;
using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Tests.Walking;

/// <summary>
/// The walk's own statx answers what <see cref="FileSystemEntry"/> answered before it: link or not, folder or not,
/// a file's size and its modification time to the tick (the scan cache compares those ticks across runs).
/// </summary>
public class EntryStatTests
{
    private static (bool IsLink, bool IsDirectory, long Length, DateTime Modified) DotNet(string path)
    {
        var info = new FileInfo(path);
        var isLink = info.LinkTarget is not null;
        var isDirectory = !isLink && Directory.Exists(path);
        return (isLink, isDirectory, isLink || isDirectory ? 0 : info.Length, isLink || isDirectory ? default : info.LastWriteTimeUtc);
    }

    /// <summary>Reads the entry both ways, by full path and through the opened folder, and checks they agree.</summary>
    private static (bool, bool, long, DateTime) Ours(string directory, string name)
    {
        Assert.True(EntryStat.TryRead(EntryStat.NoFolder, directory, name, out var byPath), $"statx could not read {name} by path");
        var folder = EntryStat.OpenFolder(directory);
        try
        {
            Assert.NotEqual(EntryStat.NoFolder, folder);
            Assert.True(EntryStat.TryRead(folder, directory, name, out var inFolder), $"statx could not read {name} in its folder");
            Assert.Equal(byPath, inFolder);
        }
        finally
        {
            EntryStat.CloseFolder(folder);
        }
        return (byPath.IsLink, byPath.IsDirectory, byPath.IsLink || byPath.IsDirectory ? 0 : byPath.Length, byPath.IsLink || byPath.IsDirectory ? default : byPath.ModifiedUtc);
    }

    [Fact]
    public void Files_folders_and_links_read_as_dotnet_reads_them()
    {
        Assert.True(OperatingSystem.IsLinux(), "statx is Linux's, as are the CI and the native tool");
        using var dir = new TempDirectory();
        var file = dir.Write("plain.ts", "isEnabled('a');\n");
        File.SetLastWriteTimeUtc(file, new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc).AddTicks(1234567));
        dir.Write("caf\u00e9 \U0001F600.py", new string('x', 70_000));
        Directory.CreateDirectory(Path.Combine(dir.Path, "folder"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "link-to-file.ts"), file);
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "link-to-folder"), Path.Combine(dir.Path, "folder"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "dangling.ts"), Path.Combine(dir.Path, "missing"));
        File.WriteAllBytes(Path.Combine(dir.Path, "empty.go"), []);

        var names = Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).ToList();

        Assert.Equal(7, names.Count);
        foreach (var name in names)
        {
            Assert.Equal(DotNet(Path.Combine(dir.Path, name!)), Ours(dir.Path, name!));
        }
        Assert.Equal(new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc).AddTicks(1234567), Ours(dir.Path, "plain.ts").Item4);
        Assert.Equal(70_000, Ours(dir.Path, "caf\u00e9 \U0001F600.py").Item3);
    }

    [Theory]
    [InlineData(1901, 12, 14)] // before 1970: negative seconds
    [InlineData(1970, 1, 1)]
    [InlineData(2262, 4, 11)] // past where nanoseconds since 1970 fit a long
    public void Times_far_from_now_read_to_the_tick(int year, int month, int day)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("old.ts", "x");
        var time = new DateTime(year, month, day, 12, 30, 45, DateTimeKind.Utc).AddTicks(9_876_543);
        File.SetLastWriteTimeUtc(file, time);

        Assert.Equal(DotNet(file), Ours(dir.Path, "old.ts"));
        Assert.Equal(time, Ours(dir.Path, "old.ts").Item4);
    }

    [Fact]
    public void A_missing_entry_or_a_path_too_long_for_the_stack_is_left_to_the_slower_way()
    {
        Assert.True(OperatingSystem.IsLinux(), "statx is Linux's, as are the CI and the native tool");
        using var dir = new TempDirectory();

        Assert.False(EntryStat.TryRead(EntryStat.NoFolder, dir.Path, "gone.ts", out _));
        Assert.False(EntryStat.TryRead(EntryStat.NoFolder, dir.Path + "/" + new string('d', 1100), "a.ts", out _));
        Assert.Equal(EntryStat.NoFolder, EntryStat.OpenFolder(dir.Path + "/" + new string('d', 1100)));
        Assert.Equal(EntryStat.NoFolder, EntryStat.OpenFolder(Path.Combine(dir.Path, "missing")));
        var folder = EntryStat.OpenFolder(dir.Path);
        try
        {
            Assert.False(EntryStat.TryRead(folder, dir.Path, "gone.ts", out _));
        }
        finally
        {
            EntryStat.CloseFolder(folder);
        }
    }

    [Fact]
    public void The_walk_reports_the_same_files_sizes_and_times_as_dotnet_lists_them()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 40; i++)
        {
            var path = dir.Write($"d{i % 4}/f{i}.ts", new string('a', i * 100 + 1));
            File.SetLastWriteTimeUtc(path, new DateTime(2023, 5, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(i * 1_000_003));
        }

        var walked = new System.Collections.Concurrent.ConcurrentBag<WalkedFile>();
        FileWalker.Walk(dir.Path, new WalkOptions { WantFile = n => n.EndsWith(".ts", StringComparison.Ordinal) }, walked.Add);

        var expected = Directory.EnumerateFiles(dir.Path, "*.ts", SearchOption.AllDirectories)
            .Select(p => (Path.GetRelativePath(dir.Path, p).Replace('\\', '/'), new FileInfo(p).Length, File.GetLastWriteTimeUtc(p))).Order().ToList();
        Assert.Equal(expected, walked.Select(f => (f.RelativePath, f.Length, f.LastWriteUtc)).Order().ToList());
        Assert.All(walked, f => Assert.Equal(Path.Combine(Path.GetFullPath(dir.Path), f.RelativePath), f.FullPath)); // made when asked
        Assert.All(walked, f => Assert.Equal(new WalkedFile(f.FullPath, f.RelativePath, f.Length, f.LastWriteUtc), f));
    }
}
