using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis;

/// <summary>How the root was chosen.</summary>
public enum RootSource
{
    /// <summary>Given on the command line (PATH or -C).</summary>
    Given,

    /// <summary>Not given: the nearest folder upward holding flagkeeper.yaml / flagkeeper.yml or .git.</summary>
    Discovered,

    /// <summary>Not given and nothing found upward: the current folder.</summary>
    CurrentFolder,
}

/// <summary>
/// The root a command works on. Given explicitly, it is that folder. Otherwise, as git finds its repository,
/// the nearest folder from the current one upward that holds <c>flagkeeper.yaml</c>, <c>flagkeeper.yml</c> or
/// <c>.git</c> (a folder, or the file of a worktree or submodule); the search stops below the folders listed in
/// <c>GIT_CEILING_DIRECTORIES</c>. With none of them, the current folder.
/// </summary>
public sealed record WorkspaceRoot(string Path, RootSource Source, string? Marker)
{
    /// <param name="given">The folder from the command line (relative to the process's current folder), or null.</param>
    /// <param name="currentDirectory">The folder the command runs in.</param>
    /// <param name="ceilingDirectories">GIT_CEILING_DIRECTORIES: folders the upward search never enters.</param>
    /// <exception cref="FlagkeeperException">FK1006 when the given folder is not a directory.</exception>
    public static WorkspaceRoot Resolve(string? given, string currentDirectory, string? ceilingDirectories = null)
    {
        var found = TryResolve(given, currentDirectory, ceilingDirectories);
        return found.Failed ? throw new FlagkeeperException(found.Errors) : found.Value;
    }

    /// <summary>As <see cref="Resolve(string?, string, string?)"/>, with a folder that does not exist as a value: FK1006.</summary>
    public static Result<WorkspaceRoot> TryResolve(string? given, string currentDirectory, string? ceilingDirectories = null)
    {
        var folder = Folder(given ?? currentDirectory);
        if (folder.Error is { } error)
        {
            return error;
        }
        if (given is not null)
        {
            return new WorkspaceRoot(folder.Path, RootSource.Given, null);
        }
        var start = folder.Path;
        var ceilings = (ceilingDirectories ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Normalise)
            .ToHashSet(StringComparer.Ordinal);
        // Like git: the current folder is always looked at, a ceiling folder is never entered from below.
        for (var dir = start; dir is not null; dir = System.IO.Path.GetDirectoryName(dir))
        {
            if (MarkerIn(dir) is { } marker)
            {
                return new WorkspaceRoot(dir, RootSource.Discovered, marker);
            }
            if (System.IO.Path.GetDirectoryName(dir) is { } parent && ceilings.Contains(parent))
            {
                break;
            }
        }
        return new WorkspaceRoot(start, RootSource.CurrentFolder, null);
    }

    /// <summary>The one spelling of a folder Flagkeeper compares and prints: absolute, no trailing separator.</summary>
    public static string Normalise(string folder) => System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(folder));

    /// <summary>The absolute path of a root folder as given on the command line; FK1006 when it is not a directory.</summary>
    public static (string Path, FlagkeeperError? Error) Folder(string root)
    {
        var full = Normalise(root);
        return Directory.Exists(full)
            ? (full, null)
            : (full, ErrorCodes.RootNotFound.Create($"root '{root}' is not a directory"));
    }

    /// <summary>The root for this process: <paramref name="given"/>, else discovered from the current folder.</summary>
    public static Result<WorkspaceRoot> TryResolve(string? given) =>
        TryResolve(given, Environment.CurrentDirectory, Environment.GetEnvironmentVariable("GIT_CEILING_DIRECTORIES"));

    /// <summary>Why this folder is the root, for a person.</summary>
    public string Reason => Source switch
    {
        RootSource.Given => "given on the command line",
        RootSource.Discovered when Marker == ".git" => "repository root of the current folder",
        RootSource.Discovered => $"nearest folder with {Marker} above the current folder",
        _ => "the current folder: no flagkeeper.yaml or .git above it",
    };

    /// <summary>True when the root is not the folder the user is in and did not name it: worth saying which one was used.</summary>
    public bool IsSurprising(string currentDirectory) =>
        Source == RootSource.Discovered
        && !string.Equals(Path, Normalise(currentDirectory), StringComparison.Ordinal);

    private static string? MarkerIn(string dir)
    {
        foreach (var name in ConfigLoader.FileNames)
        {
            if (File.Exists(System.IO.Path.Combine(dir, name)))
            {
                return name;
            }
        }
        var git = System.IO.Path.Combine(dir, ".git");
        return Directory.Exists(git) || File.Exists(git) ? ".git" : null;
    }
}
