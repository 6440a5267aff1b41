using Flagkeeper.Analysis.Scanning.Caching;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>
/// The symbol and wrapper caches' fingerprint of a set of files: the same set gives the same hash in any order and from
/// any number of threads, and any change to a file's path, size or content hash, or one file more or less, changes it.
/// </summary>
public class FileSetHashTests
{
    private static readonly (string Path, long Length, ulong? Hash)[] Files =
    [
        ("src/a.cs", 120, 0xDEADBEEFUL),
        ("src/b.go", 5, 1UL),
        ("web/caf\u00e9.ts", 0, null),
        ("big/generated.cs", 99_000_000, null),
        (string.Join('/', Enumerable.Repeat("deep-folder-name", 40)) + "/long.ts", 7, 42UL), // longer than the stack buffer
    ];

    private static string Of(IEnumerable<(string Path, long Length, ulong? Hash)> files)
    {
        var set = new FileSetHash();
        foreach (var (path, length, hash) in files)
        {
            set.Add(path, length, hash);
        }
        return set.ToString();
    }

    [Fact]
    public void Order_and_threads_do_not_change_it()
    {
        var expected = Of(Files);
        var parallel = new FileSetHash();
        Parallel.ForEach(Files.Reverse(), f => parallel.Add(f.Path, f.Length, f.Hash));

        Assert.Equal(expected, Of(Files.Reverse()));
        Assert.Equal(expected, Of(Files.OrderBy(f => f.Length)));
        Assert.Equal(expected, parallel.ToString());
    }

    public static TheoryData<string> Changes() => ["path", "length", "hash", "hash lost", "hash gained", "one more", "one less"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_to_a_file_or_the_set_changes_it(string change)
    {
        var files = Files.ToList();
        switch (change)
        {
            case "path": files[0] = ("src/A.cs", 120, 0xDEADBEEFUL); break;
            case "length": files[0] = ("src/a.cs", 121, 0xDEADBEEFUL); break;
            case "hash": files[0] = ("src/a.cs", 120, 0xDEADBEEEUL); break;
            case "hash lost": files[1] = ("src/b.go", 5, null); break;
            case "hash gained": files[2] = ("web/caf\u00e9.ts", 0, 0UL); break;
            case "one more": files.Add(("src/c.cs", 1, 2UL)); break;
            case "one less": files.RemoveAt(3); break;
        }

        Assert.NotEqual(Of(Files), Of(files));
    }

    [Fact]
    public void An_empty_set_has_a_hash_of_its_own()
    {
        Assert.Equal(Of([]), new FileSetHash().ToString());
        Assert.NotEqual(Of([]), Of(Files.Take(1)));
    }
}
