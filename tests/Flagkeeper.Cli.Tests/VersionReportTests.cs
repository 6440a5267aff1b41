using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `flagkeeper --version --verbose` says how the tool was built and whether its vector paths run on hardware
/// vectors. In CI the CLI tests run against the packed and installed Native AOT tool (FLAGKEEPER_TEST_CLI): a
/// native x64 build compiled for the baseline instruction set reports "NOT accelerated" on an AVX2 machine and
/// fails here, whatever publish command made it.
/// </summary>
public class VersionReportTests
{
    [Fact]
    public void Version_alone_prints_only_the_version()
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "--version");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("0.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_verbose_reports_the_build_and_hardware_accelerated_vectors_on_a_cpu_that_has_them()
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "--version", "--verbose");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("build: " + (CliRunner.CliExecutable is null ? "JIT" : "Native AOT"), lines[1], StringComparison.Ordinal);
        Assert.StartsWith("vectors: ", lines[2], StringComparison.Ordinal);
        // This test process runs under the JIT, which always uses what the CPU has: the tool must too.
        if (RuntimeInformation.ProcessArchitecture == Architecture.X64 && Avx2.IsSupported && Vector256.IsHardwareAccelerated)
        {
            Assert.StartsWith("vectors: accelerated (x64; ", lines[2], StringComparison.Ordinal);
            Assert.Contains("Vector256 yes", lines[2], StringComparison.Ordinal);
            Assert.Contains("AVX2 yes", lines[2], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Stats_ends_with_the_vector_line()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "if (isEnabled(\"new-checkout\")) {}\n");

        var result = CliRunner.Run(dir.Path, "scan", ".", "--no-cache", "--stats");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("vectors: ", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// The native tool is linked at a fixed address with plain data (Flagkeeper.Cli.csproj): an ELF of type
    /// ET_EXEC, not a position-independent ET_DYN that rehydrates or relocates itself on every start.
    /// </summary>
    [Fact]
    public void The_native_linux_tool_is_linked_to_start_without_relocating_itself()
    {
        if (CliRunner.CliExecutable is not { } tool || !OperatingSystem.IsLinux())
        {
            return; // the JIT run: nothing native to look at (CI runs this class again against the native tool)
        }
        var file = File.ResolveLinkTarget(tool, returnFinalTarget: true)?.FullName ?? tool;
        var header = new byte[18];
        using (var stream = File.OpenRead(file))
        {
            stream.ReadExactly(header);
        }
        Assert.True(header.AsSpan(0, 4).SequenceEqual("\u007fELF"u8), $"{file} is not an ELF file");
        const ushort Executable = 2; // ET_EXEC; a position-independent build is ET_DYN (3)
        Assert.Equal(Executable, BitConverter.ToUInt16(header, 16));
    }
}
