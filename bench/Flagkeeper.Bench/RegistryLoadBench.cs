using System.Diagnostics;
using System.Globalization;
using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using Flagkeeper.Loading;
using Flagkeeper.Validation;

namespace Flagkeeper.Bench;

/// <summary>
/// In-process load of one registry, phase by phase (read the file, parse, parse + bind, validate): the median
/// wall time and the bytes allocated of each over several rounds, after warm-up rounds, so the parser can be
/// measured without process start, command-line set-up or output. The target (issue 12): loading and validating
/// a 10,000-flag registry under 50 ms, allocating under 10 times the file size. CPU time (the process's, so the
/// GC's work counts) is printed beside wall time: on a shared machine it is the steadier of the two.
/// </summary>
internal static class RegistryLoadBench
{
    public static int Run(string file, int rounds, int warmup, bool profile)
    {
        var full = Path.GetFullPath(file);
        var bytes = new FileInfo(full).Length;
        // Cold: the first load + validate of the process, JIT included (tiered compilation starts every method unoptimised).
        var coldWatch = Stopwatch.StartNew();
        var coldBefore = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new RegistryValidator().Validate([Loaded(full)]));
        var coldMs = coldWatch.Elapsed.TotalMilliseconds;
        var coldMb = (GC.GetAllocatedBytesForCurrentThread() - coldBefore) / 1e6;
        var coldGcs = $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}";
        var loaded = Loaded(full);
        var phases = new (string Name, Func<object?> Work)[]
        {
            ("read text", () => DocumentReader.ReadFileText(full, "flags.yaml", DocumentLimits.Default).Text),
            ("parse (tree)", () => DocumentReader.Read("flags.yaml", TextOf(full), DocumentReader.FormatOf(full), DocumentLimits.Default, ErrorCodes.RegistrySyntax).Root),
            ("load (read, parse, bind)", () => Loaded(full)),
            ("load in one part (no threads)", () => RegistryReader.Read(full, "flags.yaml", TextOf(full), DocumentLimits.Default, keepSource: false, parts: 1).Registry),
            ("validate (loaded registry)", () => new RegistryValidator().Validate([loaded])),
            ("load + validate", () => new RegistryValidator().Validate([Loaded(full)])),
        };
        Console.WriteLine($"registry: {file} ({bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes); {rounds} rounds after {warmup} warm-up, medians");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold (first load + validate in the process, JIT included): {coldMs:0.0} ms, {coldMb:0.0} MB allocated, collections gen0/1/2 {coldGcs}"));
        Console.WriteLine("| phase | wall ms | CPU ms | MB allocated | x file size |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, work) in phases)
        {
            for (var i = 0; i < warmup; i++)
            {
                GC.KeepAlive(work());
            }
            var times = new List<double>();
            var cpu = new List<double>();
            var allocated = new List<long>();
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            for (var i = 0; i < rounds; i++)
            {
                GC.Collect();
                // The whole process's bytes: a registry read in parts allocates on other threads too.
                var before = GC.GetTotalAllocatedBytes(precise: true);
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                GC.KeepAlive(work());
                times.Add(watch.Elapsed.TotalMilliseconds);
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
            }
            var ms = Median(times);
            var mb = Median(allocated.Select(a => (double)a).ToList());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {ms:0.0} | {Median(cpu):0.0} | {mb / 1e6:0.0} | {mb / bytes:0.0} |"));
        }
        if (profile)
        {
            foreach (var (name, work) in phases.Skip(1))
            {
                AllocationProfile.Print(name, work, rounds);
            }
        }
        return 0;
    }

    private static string TextOf(string full) => DocumentReader.ReadFileText(full, "flags.yaml", DocumentLimits.Default).Text!;

    private static Registry.FlagRegistry Loaded(string full)
    {
        var result = RegistryReader.ReadFile(full, "flags.yaml");
        return result.Succeeded ? result.Registry! : throw new InvalidOperationException($"{full} did not load: {result.Errors[0]}");
    }

    internal static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
