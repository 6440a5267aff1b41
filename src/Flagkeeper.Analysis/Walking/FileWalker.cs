using System.Collections.Concurrent;
using System.IO.Enumeration;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Walking;

/// <summary>A file the walk found and the caller wanted.</summary>
/// <param name="RelativePath">Relative to the walk's root, '/'-separated.</param>
/// <param name="Length">0 also for FIFOs, sockets and devices: callers must not open zero-length files (a FIFO blocks).</param>
public sealed record WalkedFile(string FullPath, string RelativePath, long Length, DateTime LastWriteUtc)
{
    // The walk gives its folder and makes the full path only when asked: a warm scan takes most files from its cache
    // by their relative path and never opens them (20,000 strings it did not need).
    private string? _fullPath = FullPath;
    private readonly string? _folder;

    private WalkedFile(string relativePath, long length, DateTime lastWriteUtc, string folder)
        : this(FullPath: null!, relativePath, length, lastWriteUtc) => _folder = folder;

    /// <param name="folder">The full path of the folder holding the file, whose name is the last part of <paramref name="relativePath"/>.</param>
    internal static WalkedFile InFolder(string folder, string relativePath, long length, DateTime lastWriteUtc) => new(relativePath, length, lastWriteUtc, folder);

    public string FullPath
    {
        get => _fullPath ??= Path.Join(_folder, RelativePath.AsSpan(RelativePath.LastIndexOf('/') + 1));
        init => _fullPath = value;
    }

    public bool Equals(WalkedFile? other) =>
        ReferenceEquals(this, other) || (other is not null && FullPath == other.FullPath && RelativePath == other.RelativePath && Length == other.Length && LastWriteUtc == other.LastWriteUtc);

    public override int GetHashCode() => HashCode.Combine(RelativePath, Length, LastWriteUtc);
}

/// <summary>What to walk and what to skip.</summary>
public sealed record WalkOptions
{
    /// <summary>Per-folder ignore files, lowest precedence first (a later one overrides an earlier one).</summary>
    public IReadOnlyList<string> IgnoreFileNames { get; init; } = [".gitignore", ".flagkeeperignore"];

    /// <summary>Also read the repository's <c>.git/info/exclude</c>.</summary>
    public bool UseGitExclude { get; init; } = true;

    /// <summary>Folder names never entered, wherever they are.</summary>
    public IReadOnlySet<string> SkippedDirectoryNames { get; init; } = new HashSet<string>(StringComparer.Ordinal) { ".git", ".hg", ".svn", ".jj" };

    /// <summary>Full paths never entered (the scan cache).</summary>
    public IReadOnlyList<string> SkippedPaths { get; init; } = [];

    /// <summary>Root-relative globs: matching files (and whole folders under "x/**") are skipped.</summary>
    public GlobSet Exclude { get; init; } = new([]);

    /// <summary>Root-relative globs: when not empty, only matching files are reported.</summary>
    public GlobSet Include { get; init; } = new([]);

    /// <summary>
    /// Files are handed to the callback only once this completes; until then the walk lists folders and keeps the files
    /// it finds (a scan loads its cache meanwhile, on the core the walk leaves free). Null: files are handed at once.
    /// </summary>
    public Task? HandFilesAfter { get; init; }

    /// <summary>Decides by file name (without stat) whether the caller wants a file at all.</summary>
    public Func<string, bool> WantFile { get; init; } = _ => true;

    /// <summary>
    /// By file name: a symbolic link to a file that is reported as the file it points to (a shared
    /// registry). Every other link, and every link to a folder, is skipped.
    /// </summary>
    public Func<string, bool> FollowFileLink { get; init; } = _ => false;

    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>Counts from one walk.</summary>
public sealed record WalkSummary(int Directories, int IgnoredEntries, int SymbolicLinks, IReadOnlyList<FlagkeeperError> Errors)
{
    /// <summary>The cancellation token stopped the walk before every file was handed on: the caller saw part of the tree.</summary>
    public bool Stopped { get; init; }
}

/// <summary>
/// Walks a tree in parallel the way git sees it: nested .gitignore files, .git/info/exclude and
/// .flagkeeperignore, with ignored folders pruned before they are read. Never enters .git and
/// never follows a symbolic link to a folder, so it cannot leave the root or loop; a link to a file
/// is reported only when <see cref="WalkOptions.FollowFileLink"/> asks for its name. Files are handed to the
/// callback on the worker threads in batches, so searching runs in the same parallel loop as walking.
/// Cancellation stops the walk between files, without throwing: <see cref="WalkSummary.Stopped"/> says so.
/// </summary>
public static class FileWalker
{
    private const int BatchSize = 16;

    // A folder's listing, one list per thread for every folder it lists: a list per folder grew and was dropped 2,000
    // times in a warm scan. Emptied before the folder's files are handed on, so a walk inside the callback is safe.
    [ThreadStatic]
    private static List<ListedEntry>? t_listing;

    private static readonly EnumerationOptions ListingOptions = new() { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0, ReturnSpecialDirectories = false };

    private sealed record DirectoryWork(string FullPath, string TopRelative, string RootRelative, IgnoreChain Ignores);

    public static WalkSummary Walk(string root, WalkOptions options, Action<WalkedFile> onFile, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onFile);
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var (top, stack) = InitialIgnores(root, options);
        var rootTopRelative = Relative(top, root);

        var work = new ConcurrentStack<object>();
        var outstanding = 1;
        var errors = new ConcurrentBag<FlagkeeperError>();
        var directories = 0;
        var ignored = 0;
        var links = 0;
        var stopped = 0;
        var skipped = options.SkippedPaths.Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p))).ToHashSet(StringComparer.Ordinal);
        work.Push(new DirectoryWork(root, rootTopRelative, "", stack));
        var filesAfter = options.HandFilesAfter;
        var held = new ConcurrentStack<WalkedFile[]>(); // batches found before filesAfter completed, still outstanding

        bool Holding() => filesAfter is { IsCompleted: false };

        // Once nothing but held batches is left: waits for the caller, then hands them out. False when cancelled.
        bool ReleaseHeld()
        {
            try
            {
                filesAfter!.Wait(cancellation);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            catch (AggregateException)
            {
                // The caller's task failed: its callback meets the failure when it is handed a file.
            }
            while (held.TryPop(out var files))
            {
                work.Push(files);
            }
            return true;
        }

        void Process(DirectoryWork dir)
        {
            Interlocked.Increment(ref directories);
            var ignores = dir.Ignores;
            var batch = new List<WalkedFile>(BatchSize);
            try
            {
                var listing = t_listing ??= new(64);
                listing.Clear();
                if (!FolderListing.TryList(dir.FullPath, options.WantFile, listing))
                {
                    listing.Clear();
                    ListTheUsualWay(dir.FullPath, options, listing);
                }
                // The folder's own ignore files apply to its entries: read the listing first, then them.
                foreach (var name in options.IgnoreFileNames)
                {
                    if (listing.Exists(e => !e.IsDirectory && e.Name == name))
                    {
                        ignores = ignores.Push(IgnoreFile.TryLoad(Path.Combine(dir.FullPath, name), dir.TopRelative));
                    }
                }
                foreach (var entry in listing)
                {
                    var linked = entry.IsLink ? LinkedFile(Path.Combine(dir.FullPath, entry.Name), entry.Name, options) : null;
                    if (entry.IsLink && linked is null)
                    {
                        Interlocked.Increment(ref links);
                        continue;
                    }
                    var topRelative = dir.TopRelative.Length == 0 ? entry.Name : $"{dir.TopRelative}/{entry.Name}";
                    // The root is usually the repository's top: then both paths are one string (a warm scan's walk is mostly allocation).
                    var rootRelative = ReferenceEquals(dir.TopRelative, dir.RootRelative) ? topRelative
                        : dir.RootRelative.Length == 0 ? entry.Name : $"{dir.RootRelative}/{entry.Name}";
                    if (entry.IsDirectory)
                    {
                        var full = Path.Combine(dir.FullPath, entry.Name);
                        if (options.SkippedDirectoryNames.Contains(entry.Name) || skipped.Contains(full)
                            || ignores.IsIgnored(topRelative, isDirectory: true) || options.Exclude.MatchesEverythingUnder(rootRelative))
                        {
                            Interlocked.Increment(ref ignored);
                            continue;
                        }
                        Interlocked.Increment(ref outstanding);
                        work.Push(new DirectoryWork(full, topRelative, rootRelative, ignores));
                        continue;
                    }
                    if (options.SkippedDirectoryNames.Contains(entry.Name) || !options.WantFile(entry.Name))
                    {
                        continue; // a ".git" file (worktrees, submodules) is git's, never the project's
                    }
                    if (ignores.IsIgnored(topRelative, isDirectory: false) || options.Exclude.IsMatch(rootRelative)
                        || (!options.Include.IsEmpty && !options.Include.IsMatch(rootRelative)))
                    {
                        Interlocked.Increment(ref ignored);
                        continue;
                    }
                    batch.Add(WalkedFile.InFolder(dir.FullPath, rootRelative, linked?.Length ?? entry.Length, linked?.LastWriteTimeUtc ?? entry.Modified));
                    if (batch.Count == BatchSize)
                    {
                        Interlocked.Increment(ref outstanding);
                        work.Push(batch.ToArray());
                        batch.Clear();
                    }
                }
            }
            catch (DirectoryNotFoundException)
            {
                // Listed by its parent, gone when its turn came: a change under the walk, not a permission problem.
                var shown = dir.RootRelative.Length == 0 ? "." : dir.RootRelative;
                errors.Add(ErrorCodes.FileSkipped.Create($"folder {shown} vanished while it was scanned", new SourceLocation(shown, 0, 0)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var shown = dir.RootRelative.Length == 0 ? "." : dir.RootRelative;
                errors.Add(ErrorCodes.FileUnreadable.Create($"folder {shown} could not be read: {ex.Message}", new SourceLocation(shown, 0, 0)));
            }
            t_listing?.Clear(); // the names are the caller's now
            if (Holding() && batch.Count > 0)
            {
                Interlocked.Increment(ref outstanding);
                held.Push([.. batch]);
                return;
            }
            Hand(batch);
        }

        void Hand(IEnumerable<WalkedFile> files)
        {
            foreach (var file in files)
            {
                if (cancellation.IsCancellationRequested)
                {
                    Volatile.Write(ref stopped, 1);
                    return;
                }
                onFile(file);
            }
        }

        void Worker()
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref outstanding) > 0)
            {
                if (cancellation.IsCancellationRequested)
                {
                    Volatile.Write(ref stopped, 1); // work was left: the other workers see the token and stop too
                    return;
                }
                if (!work.TryPop(out var item))
                {
                    if (!held.IsEmpty && !ReleaseHeld())
                    {
                        Volatile.Write(ref stopped, 1);
                        return;
                    }
                    spin.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                spin.Reset();
                if (item is WalkedFile[] early && Holding())
                {
                    held.Push(early); // still outstanding: handed once the caller is ready
                    continue;
                }
                try
                {
                    if (item is DirectoryWork dir)
                    {
                        Process(dir);
                    }
                    else
                    {
                        Hand((WalkedFile[])item);
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref outstanding);
                }
            }
        }

        var parallelism = Math.Max(1, options.Parallelism);
        if (parallelism == 1)
        {
            Worker();
        }
        else
        {
            Parallel.For(0, parallelism, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, _ => Worker());
        }
        return new WalkSummary(directories, ignored, links, [.. errors]) { Stopped = Volatile.Read(ref stopped) == 1 };
    }

    /// <summary>Lists a folder through .NET's enumerable, where <see cref="FolderListing"/> cannot: its exceptions are the walk's errors.</summary>
    private static void ListTheUsualWay(string folderPath, WalkOptions options, List<ListedEntry> listing)
    {
        var folder = EntryStat.OpenFolder(folderPath);
        var entries = new FileSystemEnumerable<ListedEntry>(
            folderPath,
            (ref FileSystemEntry e) =>
            {
                var name = e.FileName.ToString();
                if (EntryStat.TryRead(folder, e.Directory, e.FileName, out var stat))
                {
                    return ListedEntry.Of(name, stat, options.WantFile);
                }
                var isLink = (e.Attributes & FileAttributes.ReparsePoint) != 0;
                var isDirectory = !isLink && e.IsDirectory;
                // Size and time cost a stat: only for files the caller wants.
                return isDirectory || isLink || !options.WantFile(name)
                    ? new ListedEntry(name, isDirectory, isLink, 0, default)
                    : new ListedEntry(name, false, false, e.Length, e.LastWriteTimeUtc.UtcDateTime);
            },
            ListingOptions);
        try
        {
            listing.AddRange(entries);
        }
        finally
        {
            EntryStat.CloseFolder(folder);
        }
    }

    /// <summary>The file a wanted link points to (following links to the end), or null: not wanted, dangling, or a folder.</summary>
    private static FileInfo? LinkedFile(string path, string name, WalkOptions options)
    {
        if (!options.FollowFileLink(name))
        {
            return null;
        }
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true) is FileInfo { Exists: true } target ? target : null;
        }
        catch (IOException)
        {
            return null; // a link loop
        }
    }

    /// <summary>
    /// The repository top (the nearest folder up from the root holding .git; the root itself outside a
    /// repository) and the ignore files that apply before the walk starts: info/exclude and the
    /// ignore files of every folder from the top down to the root's parent.
    /// </summary>
    private static (string Top, IgnoreChain Stack) InitialIgnores(string root, WalkOptions options)
    {
        var top = FindRepositoryTop(root) ?? root;
        var stack = IgnoreChain.Empty;
        if (options.UseGitExclude)
        {
            stack = stack.Push(IgnoreFile.TryLoad(Path.Combine(top, ".git", "info", "exclude"), ""));
        }
        var between = new List<string>();
        for (var dir = Path.GetDirectoryName(root); dir is not null && dir.Length >= top.Length; dir = Path.GetDirectoryName(dir))
        {
            between.Insert(0, dir);
        }
        foreach (var dir in between)
        {
            foreach (var name in options.IgnoreFileNames)
            {
                stack = stack.Push(IgnoreFile.TryLoad(Path.Combine(dir, name), Relative(top, dir)));
            }
        }
        return (top, stack);
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds a .git folder or file.</summary>
    public static string? FindRepositoryTop(string start)
    {
        for (var dir = Path.GetFullPath(start); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var git = Path.Combine(dir, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return Path.TrimEndingDirectorySeparator(dir);
            }
        }
        return null;
    }

    private static string Relative(string top, string path)
    {
        var relative = Path.GetRelativePath(top, path).Replace('\\', '/');
        return relative == "." ? "" : relative;
    }
}
