using System.Reflection;

namespace Flagkeeper.TestUtils;

/// <summary>
/// Paths inside this repository, found from the test binaries' folder, or (for builds with
/// --artifacts-path outside the repository) from the source folder recorded at build time.
/// </summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Docs => Path.Combine(Root, "docs");

    public static string Samples => Path.Combine(Root, "samples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Flagkeeper.slnx")))
            {
                return dir.FullName;
            }
        }
        var recorded = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "Flagkeeper.slnx")))
        {
            return Path.GetFullPath(recorded);
        }
        throw new InvalidOperationException("cannot find the repository root (Flagkeeper.slnx) above " + AppContext.BaseDirectory);
    }
}
