using System.Diagnostics;
using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Tests.Walking;

/// <summary>
/// The walk's own folder listing (getdents64, and statx only for wanted files) gives what .NET's listing gave: every
/// entry but "." and "..", folders, links and files told apart, a wanted file's size and time to the tick; and where it
/// cannot, it says so, so the walk lists the folder the usual way.
/// </summary>
public class FolderListingTests
{
    private static readonly Func<string, bool> WantsScripts = name => name.EndsWith(".ts", StringComparison.Ordinal);

    private static List<(string Name, bool IsDirectory, bool IsLink, long Length, DateTime Modified)> Ours(string folder)
    {
        var listing = new List<ListedEntry>();
        Assert.True(FolderListing.TryList(folder, WantsScripts, listing), $"could not list {folder}");
        return [.. listing.Select(e => (e.Name, e.IsDirectory, e.IsLink, e.Length, e.Modified)).Order()];
    }

    /// <summary>What .NET says of each entry, in the shape the walk lists it.</summary>
    private static List<(string Name, bool IsDirectory, bool IsLink, long Length, DateTime Modified)> DotNet(string folder) =>
        [.. new DirectoryInfo(folder).EnumerateFileSystemInfos().Select(info =>
        {
            var isLink = info.LinkTarget is not null;
            var isDirectory = !isLink && info is DirectoryInfo;
            var wanted = !isLink && !isDirectory && WantsScripts(info.Name);
            return (info.Name, isDirectory, isLink, wanted ? ((FileInfo)info).Length : 0, wanted ? info.LastWriteTimeUtc : default);
        }).Order()];

    [Fact]
    public void Files_folders_links_and_special_files_list_as_dotnet_lists_them()
    {
        Assert.True(OperatingSystem.IsLinux(), "getdents64 is Linux's, as are the CI and the native tool");
        using var dir = new TempDirectory();
        var file = dir.Write("plain.ts", "isEnabled('a');\n");
        File.SetLastWriteTimeUtc(file, new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc).AddTicks(1234567));
        dir.Write("not-wanted.md", "# notes\n");
        dir.Write(".hidden.ts", "x");
        dir.Write("caf\u00e9 \U0001F600.ts", new string('x', 70_000));
        File.WriteAllBytes(Path.Combine(dir.Path, "empty.ts"), []);
        Directory.CreateDirectory(Path.Combine(dir.Path, "folder.ts"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "link-to-file.ts"), file);
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "link-to-folder"), Path.Combine(dir.Path, "folder.ts"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "dangling.ts"), Path.Combine(dir.Path, "missing"));
        using (var fifo = Process.Start("mkfifo", Path.Combine(dir.Path, "pipe.ts")))
        {
            fifo.WaitForExit();
            Assert.Equal(0, fifo.ExitCode);
        }

        var listed = Ours(dir.Path);

        Assert.Equal(10, listed.Count);
        Assert.Equal(DotNet(dir.Path), listed);
        Assert.Contains(("pipe.ts", false, false, 0L, File.GetLastWriteTimeUtc(Path.Combine(dir.Path, "pipe.ts"))), listed); // a FIFO is a file of no bytes
    }

    [Fact]
    public void A_folder_larger_than_one_read_lists_every_entry()
    {
        using var dir = new TempDirectory();
        var names = Enumerable.Range(0, 1_500).Select(i => $"{i:D4}-{new string('n', 60)}.ts").ToList();
        foreach (var name in names)
        {
            File.WriteAllText(Path.Combine(dir.Path, name), name);
        }

        var listed = Ours(dir.Path);

        Assert.Equal(names.Order(StringComparer.Ordinal), listed.Select(e => e.Name).Order(StringComparer.Ordinal)); // 100 KB of records: several reads
        Assert.Equal(DotNet(dir.Path), listed);
    }

    [Fact]
    public void What_it_cannot_list_is_left_to_the_usual_way()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("a.ts", "x");
        var listing = new List<ListedEntry>();

        Assert.False(FolderListing.TryList(Path.Combine(dir.Path, "missing"), WantsScripts, listing));
        Assert.False(FolderListing.TryList(file, WantsScripts, listing)); // a file, not a folder
        Assert.False(FolderListing.TryList(dir.Path + "/" + new string('d', 1100), WantsScripts, listing));
        Assert.Empty(listing);

        // A name that is not UTF-8: .NET decides what it becomes.
        var odd = Path.Combine(dir.Path, "odd");
        Directory.CreateDirectory(odd);
        using (var touch = Process.Start("bash", ["-c", $"touch \"{odd}\"/$'caf\\xe9.ts'"]))
        {
            touch.WaitForExit();
            Assert.Equal(0, touch.ExitCode);
        }
        Assert.False(FolderListing.TryList(odd, WantsScripts, listing));
    }

    [Fact]
    public void The_walk_over_a_folder_it_cannot_list_reports_the_same_files()
    {
        using var dir = new TempDirectory();
        dir.Write("src/ok.ts", "isEnabled('a');\n");
        using (var touch = Process.Start("bash", ["-c", $"touch \"{dir.Path}/src\"/$'caf\\xe9.ts'"]))
        {
            touch.WaitForExit();
        }

        var walked = new System.Collections.Concurrent.ConcurrentBag<WalkedFile>();
        FileWalker.Walk(dir.Path, new WalkOptions { WantFile = WantsScripts }, walked.Add);

        Assert.Equal(2, walked.Count); // listed the usual way: both names, as .NET decodes them
        Assert.Contains(walked, f => f.RelativePath == "src/ok.ts" && f.Length == 16);
    }
}
