using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// How an installed git hook starts Flagkeeper. By default it is the tool that installed the hooks, named by
/// absolute path, so a hook never depends on PATH or on a shell alias (which hooks do not see): the local tool
/// when the repository's tool manifest lists it, else this process's executable, or <c>dotnet</c> and this
/// build's dll when it runs under <c>dotnet</c>. Whatever the command, it is run once with <c>--version</c>
/// before any hook is written.
/// </summary>
internal static class HookLauncher
{
    private const string PackageId = "flagkeeper.cli";

    /// <summary>The command that starts the running tool from a hook run at <paramref name="workTree"/>.</summary>
    public static string Default(string workTree)
    {
        var process = Environment.ProcessPath ?? "flagkeeper";
        var underDotnet = IsDotnetHost(process);
        if (ManifestListsFlagkeeper(workTree))
        {
            return $"{Quote(underDotnet ? process : DotnetOnPath() ?? "dotnet")} tool run flagkeeper";
        }
        return underDotnet
            ? $"{Quote(process)} {Quote(Path.Combine(AppContext.BaseDirectory, "Flagkeeper.Cli.dll"))}"
            : Quote(StableToolPath(process));
    }

    /// <summary>
    /// An installed dotnet tool runs from its versioned <c>.store/flagkeeper.cli/VERSION/…</c> folder, which
    /// <c>dotnet tool update</c> deletes; the hook names the tool's own command beside <c>.store</c> instead.
    /// </summary>
    internal static string StableToolPath(string process)
    {
        var marker = $"{Path.DirectorySeparatorChar}.store{Path.DirectorySeparatorChar}{PackageId}{Path.DirectorySeparatorChar}";
        var at = process.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return process;
        }
        var command = Path.Combine(process[..at], OperatingSystem.IsWindows() ? "flagkeeper.exe" : "flagkeeper");
        return File.Exists(command) ? command : process;
    }

    /// <summary>Runs <c>COMMAND --version</c> the way git will run the hook (sh, at the top of the work tree).</summary>
    /// <returns>Null when it runs; FK7005 when it does not start or fails.</returns>
    public static FlagkeeperError? Verify(string command, string workTree)
    {
        if (OperatingSystem.IsWindows())
        {
            return null; // git for Windows brings its own sh, which this process may not find; the hook shows any failure
        }
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = workTree,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{command} --version");
        string problem;
        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill(entireProcessTree: true);
                problem = "it did not finish within a minute";
            }
            else if (process.ExitCode == 0)
            {
                return null;
            }
            else
            {
                var said = error.Result.Trim() is { Length: > 0 } e ? e : output.Result.Trim();
                problem = $"it exits {process.ExitCode}" + (said.Length > 0 ? $": {said.Split('\n')[0].Trim()}" : "");
            }
        }
        catch (Win32Exception ex)
        {
            problem = $"/bin/sh could not be started: {ex.Message}";
        }
        return ErrorCodes.HookCommandUnusable.Create(
            $"the hooks would start flagkeeper with `{command}`, but `{command} --version` fails ({problem}); nothing was written. "
            + "Install the tool first (dotnet tool install, or dotnet tool restore for a tool manifest) or pass --command");
    }

    private static bool IsDotnetHost(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the tool manifest dotnet would use at <paramref name="workTree"/> lists Flagkeeper.Cli.</summary>
    private static bool ManifestListsFlagkeeper(string workTree)
    {
        for (var dir = workTree; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            foreach (var manifest in new[] { Path.Combine(dir, ".config", "dotnet-tools.json"), Path.Combine(dir, "dotnet-tools.json") })
            {
                if (File.Exists(manifest))
                {
                    return Lists(manifest); // the nearest manifest is the one `dotnet tool run` reads first
                }
            }
        }
        return false;
    }

    private static bool Lists(string manifest)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            return json.RootElement.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Object
                && tools.EnumerateObject().Any(t => t.Name.Equals(PackageId, StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return false; // not a manifest dotnet could use either
        }
    }

    private static string? DotnetOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"))
            .FirstOrDefault(File.Exists);

    /// <summary>A path as one sh word: double-quoted, with the characters sh expands inside quotes escaped.</summary>
    internal static string Quote(string path) =>
        "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("$", "\\$", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal) + "\"";
}
