using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// Every package the solution packs carries the shared NuGet metadata (license, URLs, tags) and a readme.
/// Packs the build the tests already ran (<c>dotnet pack --no-build</c>, a few seconds), so every packable
/// project, including ones added later, is covered without a Release build.
/// </summary>
public class PackageTests
{
    private const string RepositoryUrl = "https://github.com/flagkeeper/flagkeeper";

    [Fact]
    public async Task Every_package_has_license_urls_tags_and_a_readme()
    {
        using var output = new TempDirectory();
        var configuration = typeof(PackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var pack = await DotnetProcess.RunAsync(RepositoryPaths.Root,
            ["pack", "Flagkeeper.slnx", "-c", configuration, "--no-build", "-o", output.Path, "--nologo"]);
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed (the solution must be built in {configuration} first):\n{pack}");

        var packages = Directory.GetFiles(output.Path, "*.nupkg").ToDictionary(p => Nuspec(p).Elements().Single(e => e.Name.LocalName == "id").Value);
        Assert.Superset(new HashSet<string> { "Flagkeeper", "Flagkeeper.Cli" }, packages.Keys.ToHashSet());
        foreach (var (id, path) in packages)
        {
            using var zip = ZipFile.OpenRead(path);
            var metadata = Nuspec(path);
            string Field(string name) => metadata.Element(metadata.Name.Namespace + name)?.Value ?? "";

            Assert.Equal("MIT", Field("license"));
            Assert.Equal("expression", metadata.Element(metadata.Name.Namespace + "license")!.Attribute("type")!.Value);
            Assert.Equal(RepositoryUrl, Field("projectUrl"));
            var repository = metadata.Element(metadata.Name.Namespace + "repository")!;
            Assert.Equal(RepositoryUrl, repository.Attribute("url")!.Value);
            Assert.Equal("git", repository.Attribute("type")!.Value);
            Assert.Contains("feature-flags", Field("tags").Split(' '));
            Assert.Equal("Flagkeeper contributors", Field("authors"));
            Assert.False(string.IsNullOrWhiteSpace(Field("description")), $"{id} has no description");
            Assert.Equal("README.md", Field("readme"));
            Assert.StartsWith("# Flagkeeper", Read(zip, "README.md"), StringComparison.Ordinal);
            Assert.Contains("Copyright (c) Flagkeeper contributors", Read(zip, "LICENSE"), StringComparison.Ordinal);
        }
        // The runtime library has its own short readme; the tool shows the repository's.
        using (var runtime = ZipFile.OpenRead(packages["Flagkeeper"]))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Flagkeeper", "README.md")), Read(runtime, "README.md"));
        }
        using (var tool = ZipFile.OpenRead(packages["Flagkeeper.Cli"]))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")), Read(tool, "README.md"));
        }
    }

    private static XElement Nuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = entry.Open();
        var metadata = XDocument.Load(stream).Root!;
        return metadata.Element(metadata.Name.Namespace + "metadata")!;
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
