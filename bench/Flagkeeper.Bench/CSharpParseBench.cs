using System.Diagnostics;
using System.Globalization;
using Flagkeeper.Analysis.Scanning.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flagkeeper.Bench;

/// <summary>
/// Issue 15: the symbol pass's own C# reader (<see cref="CSharpDeclarationReader"/>: lexer + declarations) against
/// Roslyn's parser (<see cref="CSharpSyntaxTree.ParseText(string, CSharpParseOptions?, string, System.Text.Encoding?, CancellationToken)"/>
/// plus a walk for the same declarations: string constants, static readonly strings, enum members), on the same
/// texts read into memory first, in one process. Each pair runs alternately (A, B, A, B, …) after one warm-up of
/// each, once file by file and once with <see cref="Parallel.ForEach{TSource}(IEnumerable{TSource}, Action{TSource})"/>
/// as the scan does. Medians of wall time, process CPU time and bytes allocated (all threads).
/// </summary>
internal static class CSharpParseBench
{
    private sealed record Pass(string Name, Func<(string Path, string Text), (int Constants, int EnumMembers)> Read);

    private sealed record Result(double WallMs, double CpuMs, double Bytes, int Constants, int EnumMembers);

    public static int Run(string corpus, int runs)
    {
        var files = SourceFiles(Path.GetFullPath(corpus)).Select(path => (path, File.ReadAllText(path))).ToList();
        var chars = files.Sum(f => (long)f.Item2.Length);
        var own = new Pass("A: Flagkeeper CSharpDeclarationReader", Own);
        var roslyn = new Pass("B: Roslyn ParseText + walk", Roslyn);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"corpus: {corpus} ({files.Count:N0} C# files, {chars / 1e6:0.0} M chars); {runs} runs after 1 warm-up, A/B alternating, medians; {Environment.ProcessorCount} cores"));
        Console.WriteLine("| pass | mode | wall ms | CPU ms | MB allocated | string constants | enum members |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        var ratios = new List<string>();
        foreach (var parallel in new[] { false, true })
        {
            var mode = parallel ? "parallel" : "sequential";
            var (a, b) = Measure(files, [own, roslyn], parallel, runs);
            foreach (var (pass, result) in new[] { (own, a), (roslyn, b) })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {pass.Name} | {mode} | {result.WallMs:0.0} | {result.CpuMs:0} | {result.Bytes / 1e6:0.0} | {result.Constants:N0} | {result.EnumMembers:N0} |"));
            }
            ratios.Add(string.Create(CultureInfo.InvariantCulture,
                $"{mode}: B/A wall {b.WallMs / a.WallMs:0.0}x, CPU {b.CpuMs / a.CpuMs:0.0}x, allocated {b.Bytes / a.Bytes:0.0}x"));
        }
        ratios.ForEach(Console.WriteLine);
        return 0;
    }

    /// <summary>Every *.cs file under <paramref name="root"/>, outside bin, obj and .git, in ordinal order.</summary>
    private static List<string> SourceFiles(string root)
    {
        var files = new List<string>();
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            files.AddRange(Directory.EnumerateFiles(folder, "*.cs"));
            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                if (Path.GetFileName(child) is not ("bin" or "obj" or ".git"))
                {
                    pending.Push(child);
                }
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Times the two passes alternately over all files; their medians.</summary>
    private static (Result A, Result B) Measure(List<(string, string)> files, Pass[] passes, bool parallel, int runs)
    {
        var samples = new[] { new List<Result>(), new List<Result>() };
        using var process = Process.GetCurrentProcess();
        for (var run = -1; run < runs; run++) // run -1: the warm-up of each
        {
            for (var which = 0; which < 2; which++)
            {
                var pass = passes[which];
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var (constants, enumMembers) = parallel ? ReadParallel(files, pass) : ReadAll(files, pass);
                var wall = watch.Elapsed.TotalMilliseconds;
                process.Refresh();
                var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
                if (run >= 0)
                {
                    samples[which].Add(new Result(wall, cpu, GC.GetTotalAllocatedBytes(precise: true) - before, constants, enumMembers));
                }
            }
        }
        return (MedianOf(samples[0]), MedianOf(samples[1]));
    }

    private static (int, int) ReadAll(List<(string, string)> files, Pass pass)
    {
        var (constants, enumMembers) = (0, 0);
        foreach (var file in files)
        {
            var (c, e) = pass.Read(file);
            constants += c;
            enumMembers += e;
        }
        return (constants, enumMembers);
    }

    private static (int, int) ReadParallel(List<(string, string)> files, Pass pass)
    {
        var (constants, enumMembers) = (0, 0);
        Parallel.ForEach(files, file =>
        {
            var (c, e) = pass.Read(file);
            Interlocked.Add(ref constants, c);
            Interlocked.Add(ref enumMembers, e);
        });
        return (constants, enumMembers);
    }

    private static Result MedianOf(List<Result> results) => new(
        RegistryLoadBench.Median([.. results.Select(r => r.WallMs)]),
        RegistryLoadBench.Median([.. results.Select(r => r.CpuMs)]),
        RegistryLoadBench.Median([.. results.Select(r => r.Bytes)]),
        results[0].Constants,
        results[0].EnumMembers);

    /// <summary>A: what the symbol pass does per C# file (lex, then read the declarations).</summary>
    private static (int, int) Own((string Path, string Text) file)
    {
        var symbols = CSharpDeclarationReader.Read(file.Path, file.Text).Symbols;
        var enumMembers = symbols.Count(s => s.Kind == Analysis.Scanning.Symbols.SymbolKind.EnumMember);
        return (symbols.Count - enumMembers, enumMembers);
    }

    /// <summary>B: Roslyn's full syntax tree, then the same declarations: const / static readonly string fields and enum members.</summary>
    private static (int, int) Roslyn((string Path, string Text) file)
    {
        var root = CSharpSyntaxTree.ParseText(file.Text, CSharpParseOptions.Default, file.Path).GetRoot();
        var (constants, enumMembers) = (0, 0);
        foreach (var node in root.DescendantNodes())
        {
            if (node is EnumMemberDeclarationSyntax)
            {
                enumMembers++;
            }
            else if (node is FieldDeclarationSyntax field && IsStringConstant(field.Modifiers, field.Declaration.Type))
            {
                constants += field.Declaration.Variables.Count(v => v.Initializer is not null);
            }
        }
        return (constants, enumMembers);
    }

    private static bool IsStringConstant(SyntaxTokenList modifiers, TypeSyntax type) =>
        (modifiers.Any(SyntaxKind.ConstKeyword) || (modifiers.Any(SyntaxKind.StaticKeyword) && modifiers.Any(SyntaxKind.ReadOnlyKeyword)))
        && (type is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.StringKeyword }
            || type.ToString() is "String" or "System.String" or "global::System.String");
}
