using System.Diagnostics;
using System.IO.Hashing;
using System.Text;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// Faults of the storage behind <c>.flagkeeper/</c>: a full disk (a real tmpfs mounted too small), a cache file whose
/// frame is valid but whose body is not, and a source file another process holds locked.
/// </summary>
public partial class FaultInjectionTests
{
    [Fact]
    public void A_full_disk_under_flagkeeper_still_reports_the_findings_and_says_what_was_not_written()
    {
        using var dir = Healthy();
        using var disk = FullDisk.MountAt(dir[".flagkeeper"]);

        var result = CliRunner.Run(dir.Path, "scan", ".", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["alpha", "beta"], Flags(result));
        var error = Assert.Single(Errors(result));
        Assert.Equal("FK8002", error.GetProperty("code").GetString());
        Assert.StartsWith($"scan cache could not be written to {dir[".flagkeeper/cache"]}: ", error.GetProperty("message").GetString());
        Assert.Contains("No space left on device", error.GetProperty("message").GetString());
        Assert.Equal("""{"total":1,"byCategory":{"Cache":1},"bySeverity":{"Low":1},"recovery":{"attempts":1,"succeeded":1}}""", Counts(result));
        Assert.StartsWith($"warning: performance history could not be written to .flagkeeper/perf/history.jsonl: ", result.Stderr.Trim());
        Assert.Contains("No space left on device", result.Stderr);
        Assert.Empty(Directory.GetFiles(dir[".flagkeeper"], ".*.tmp", SearchOption.AllDirectories)); // no half-written temp file left behind
    }

    [Fact]
    public void A_scan_cache_with_a_valid_frame_and_a_bad_body_is_discarded_and_the_result_is_as_without_a_cache()
    {
        using var dir = Healthy();
        var clean = CliRunner.Run(dir.Path, ScanJson);
        Assert.True(CliRunner.Run(dir.Path, "scan", ".", "--format", "json").ExitCode == 0);
        var cacheFile = dir[".flagkeeper/cache/scan-v1.bin"];
        File.WriteAllBytes(cacheFile, WithBadBody(File.ReadAllBytes(cacheFile)));

        var damaged = CliRunner.Run(dir.Path, "scan", ".", "--format", "json");

        Assert.True(damaged.ExitCode == 0, damaged.ToString());
        Assert.Equal(clean.Json().RootElement.GetProperty("usages").GetRawText(), damaged.Json().RootElement.GetProperty("usages").GetRawText());
        var warning = Assert.Single(Errors(damaged));
        Assert.Equal("FK8001", warning.GetProperty("code").GetString());
        Assert.Contains("is corrupt", warning.GetProperty("message").GetString());
        Assert.Contains("it was discarded and will be rebuilt", warning.GetProperty("message").GetString());
        var rebuilt = CliRunner.Run(dir.Path, "scan", ".", "--format", "json");
        Assert.Empty(Errors(rebuilt));
        Assert.Equal(clean.Json().RootElement.GetProperty("usages").GetRawText(), rebuilt.Json().RootElement.GetProperty("usages").GetRawText());
    }

    [Fact]
    public void A_source_file_locked_by_another_process_is_retried_once_then_skipped_and_reported()
    {
        using var dir = Healthy();
        var locked = dir.Write("src/locked.ts", "if (isEnabled('locked')) {}\n");
        // .NET takes a shared advisory lock to read a file, so an exclusive flock held elsewhere fails the open with
        // EWOULDBLOCK: the transient kind of read error, which the scanner tries once more before it gives up.
        using var holder = Process.Start(new ProcessStartInfo("flock", ["--exclusive", locked, "cat"]) { RedirectStandardInput = true, UseShellExecute = false })!;
        WaitUntilLocked(locked);
        try
        {
            var result = CliRunner.Run(dir.Path, ScanJson);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(["alpha", "beta"], Flags(result));
            var error = Assert.Single(Errors(result));
            Assert.Equal("FK2001", error.GetProperty("code").GetString());
            Assert.Equal("src/locked.ts", error.GetProperty("file").GetString());
            // The retry is one recovery attempt that failed; the skip-and-report is one that worked.
            Assert.Equal("""{"total":1,"byCategory":{"FileRead":1},"bySeverity":{"Low":1},"recovery":{"attempts":2,"succeeded":1}}""", Counts(result));
        }
        finally
        {
            holder.StandardInput.Close(); // cat ends, flock releases the lock
            holder.WaitForExit();
        }

        var released = CliRunner.Run(dir.Path, ScanJson);
        Assert.Equal(["alpha", "beta", "locked"], Flags(released));
        Assert.Equal("""{"total":0,"byCategory":{},"bySeverity":{},"recovery":{"attempts":0,"succeeded":0}}""", Counts(released));
    }

    /// <summary>Polls (no sleep: a failed non-blocking lock is the answer) until the holder has the lock.</summary>
    private static void WaitUntilLocked(string path)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var probe = File.Open(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            }
            catch (IOException)
            {
                return;
            }
            Thread.Yield();
        }
        Assert.Fail($"flock never locked {path}");
    }

    /// <summary>The same magic, version and fingerprint, a body of seeded random bytes, and a checksum that matches it.</summary>
    private static byte[] WithBadBody(byte[] cache)
    {
        using var reader = new BinaryReader(new MemoryStream(cache), Encoding.UTF8);
        reader.ReadBytes("FKSCAN".Length);
        reader.ReadInt32(); // format version
        reader.ReadString(); // fingerprint
        var header = (int)reader.BaseStream.Position;
        var body = new byte[256];
        new Random(16).NextBytes(body);
        BitConverter.GetBytes(int.MaxValue).CopyTo(body, 0); // an entry count no file could hold
        byte[] framed = [.. cache.AsSpan(0, header), .. body];
        return [.. framed, .. BitConverter.GetBytes(XxHash64.HashToUInt64(framed))];
    }

    /// <summary>A tmpfs of one page mounted over a folder and filled, so every write under it fails with ENOSPC.</summary>
    private sealed class FullDisk : IDisposable
    {
        private readonly string _mountPoint;

        private FullDisk(string mountPoint) => _mountPoint = mountPoint;

        public static FullDisk MountAt(string folder)
        {
            Directory.CreateDirectory(folder);
            var mount = Run("mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", folder);
            Assert.True(mount.ExitCode == 0, $"mounting a tmpfs needs root (CI runs as root): {mount.Output}");
            var disk = new FullDisk(folder);
            try
            {
                using var filler = File.Create(Path.Combine(folder, "filler"));
                filler.Write(new byte[64 * 1024]);
                filler.Flush();
                Assert.Fail("the 4k tmpfs took 64k");
            }
            catch (IOException ex) when (ex.Message.Contains("No space left on device", StringComparison.Ordinal))
            {
                // full, as intended
            }
            return disk;
        }

        public void Dispose() => Run("umount", _mountPoint);

        private static (int ExitCode, string Output) Run(string tool, params string[] args)
        {
            using var process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true, UseShellExecute = false })!;
            var output = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
    }
}
