namespace Flagkeeper.Cli.Tests;

/// <summary>
/// Registries as files: a symbolic link is read and edited through (never replaced), a read-only file is
/// refused, and an edit keeps the file's mode, owner and group. Real links, real chmod and chown.
/// Unix only: file modes, owners and links as Linux and macOS have them.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class RegistryFileSafetyTests
{
    private const string Shared = "version: 1\nflags:\n  shared-flag:\n    description: d\n    owner: o\n    type: operational\n    enabled: true\n";

    [Fact]
    public void A_linked_registry_is_read_and_the_scanner_agrees()
    {
        using var dir = new TempDirectory();
        dir.Write("shared/registry.yaml", Shared);
        Directory.CreateDirectory(dir["svc"]);
        File.CreateSymbolicLink(dir["svc/flags.yaml"], "../shared/registry.yaml");
        dir.Write("svc/app.ts", "if (isEnabled('shared-flag')) {}\n");

        var list = CliRunner.Run(dir.Path, "flags", "list", "--format", "json", "--verbose");
        var scan = CliRunner.Run(dir.Path, "scan", "--format", "json", "--no-cache");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal("shared-flag", Assert.Single(list.Json().RootElement.GetProperty("flags").EnumerateArray()).GetProperty("key").GetString());
        Assert.Contains("note: svc/flags.yaml is a symbolic link to " + dir["shared/registry.yaml"], list.Stderr);
        Assert.True(scan.ExitCode == 0, scan.ToString());
        var usage = Assert.Single(scan.Json().RootElement.GetProperty("usages").EnumerateArray());
        Assert.Equal("shared-flag", usage.GetProperty("registryKey").GetString());
    }

    [Fact]
    public void A_link_to_a_folder_is_not_followed()
    {
        using var dir = new TempDirectory();
        dir.Write("elsewhere/flags.yaml", Shared);
        dir.Write("flags.yaml", "version: 1\nflags:\n");
        File.CreateSymbolicLink(dir["linked-folder"], dir["elsewhere"]);
        dir.Write(".flagkeeperignore", "elsewhere/\n");

        var list = CliRunner.Run(dir.Path, "flags", "list", "--format", "json");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(0, list.Json().RootElement.GetProperty("flags").GetArrayLength());
    }

    [Fact]
    public void An_edit_goes_through_the_link_to_its_target_and_the_link_stays()
    {
        using var dir = new TempDirectory();
        dir.Write("shared/registry.yaml", Shared);
        File.CreateSymbolicLink(dir["flags.yaml"], "shared/registry.yaml");

        var result = CliRunner.Run(dir.Path, "flags", "add", "beta", "--owner", "o", "--type", "operational", "--description", "d", "--today", "2026-12-04");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("shared/registry.yaml", new FileInfo(dir["flags.yaml"]).LinkTarget);
        Assert.Contains("  beta:\n", dir.Read("shared/registry.yaml"));
        Assert.Equal(["registry.yaml"], Directory.GetFiles(dir["shared"]).Select(Path.GetFileName).Where(n => !n!.EndsWith(".lock")));
    }

    [Fact]
    public void A_link_to_outside_the_root_is_edited_only_when_asked()
    {
        using var outside = new TempDirectory();
        using var dir = new TempDirectory();
        outside.Write("flags.yaml", Shared);
        File.CreateSymbolicLink(dir["flags.yaml"], outside["flags.yaml"]);

        var refused = CliRunner.Run(dir.Path, "flags", "disable", "shared-flag");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"flags.yaml is a symbolic link to {outside["flags.yaml"]}, outside the root", refused.Stderr);
        Assert.Contains("--allow-outside-root", refused.Stderr);
        Assert.Equal(Shared, outside.Read("flags.yaml"));

        var allowed = CliRunner.Run(dir.Path, "flags", "disable", "shared-flag", "--allow-outside-root");
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Contains("    enabled: false\n", outside.Read("flags.yaml"));
        Assert.NotNull(new FileInfo(dir["flags.yaml"]).LinkTarget);
    }

    [Fact]
    public void A_read_only_registry_is_refused_even_for_root()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Shared);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = CliRunner.Run(dir.Path, "flags", "disable", "shared-flag");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("flags.yaml: error FK3015: flags.yaml is read-only (no write permission)", result.Stderr);
        Assert.Equal(Shared, dir.Read("flags.yaml"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(path));
    }

    [Fact]
    public void An_edit_keeps_the_files_mode_owner_and_group()
    {
        // Tests run as root (as CI does), so the file can belong to someone else, as a shared registry would.
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Shared);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Assert.Equal("", Tool("chown", "1234:2345", path));

        var result = CliRunner.Run(dir.Path, "flags", "disable", "shared-flag");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("    enabled: false\n", dir.Read("flags.yaml"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Equal("1234:2345\n", Tool("stat", "-c", "%u:%g", path));
    }

    [Fact]
    public void An_edit_of_a_key_that_an_over_limit_registry_may_hold_leads_with_the_size_error()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Shared.Replace("shared-flag", "big-flag") + new string('#', 9 * 1024 * 1024) + "\n");

        var result = CliRunner.Run(dir.Path, "flags", "disable", "big-flag");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("flags.yaml: error FK2002: flags.yaml is", result.Stderr);
        Assert.DoesNotContain($"no registry under", result.Stderr);
    }

    /// <summary>Runs a system tool and returns what it printed; it must succeed.</summary>
    private static string Tool(string name, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{name} failed: {error}");
        return output;
    }
}
