using System.Diagnostics;

namespace Flagkeeper.TestUtils;

/// <summary>
/// A program a test runs for real (redis-server, strace): found on PATH, or installed from the Debian packages by
/// <c>eng/install-package.sh</c> (the script CI runs too), so a fresh machine needs nothing done by hand.
/// </summary>
public static class TestTools
{
    /// <returns>The program's full path.</returns>
    /// <exception cref="InvalidOperationException">It is missing and could not be installed; the message says how to install it.</exception>
    public static string FindOrInstall(string command, string package)
    {
        if (Find(command) is { } found)
        {
            return found;
        }

        var script = Path.Combine(RepositoryPaths.Root, "eng", "install-package.sh");
        var install = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        install.ArgumentList.Add(script);
        install.ArgumentList.Add(command);
        install.ArgumentList.Add(package);
        string log;
        using (var process = Process.Start(install)!)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            log = process.StandardOutput.ReadToEnd() + stderr.Result;
            process.WaitForExit();
        }

        return Find(command) ?? throw new InvalidOperationException(
            $"These tests need {command} and it is not installed; eng/install-package.sh could not install it:\n{log}" +
            $"\nInstall it with: sudo apt-get update && sudo apt-get install -y {package} (or run eng/install-package.sh {command} {package} as root).");
    }

    private static string? Find(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin").Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);
    }
}
