using Flagkeeper.Analysis.Adoption;
using Flagkeeper.Analysis.Checks;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.KeySources;
using Flagkeeper.Analysis.Tests.Scanning.Symbols;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Tests.Adoption;

/// <summary>
/// Issue 15's "init followed by check is green on each fixture": each language's symbol fixture (written as real files)
/// adopted the way <c>flagkeeper init</c> does it (scan, key sources found, plan, registry and configuration written),
/// then checked: no resolved key is unregistered, and with today's findings in the baseline the check passes.
/// </summary>
public class AdoptionOnFixturesTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    public static TheoryData<string> Fixtures { get; } = ["csharp", "go", "typescript", "java", "kotlin", "python"];

    private static Dictionary<string, string> FilesOf(string fixture) => fixture switch
    {
        "csharp" => CSharpConstantTests.Files,
        "go" => GoConstantTests.Files,
        "typescript" => TypeScriptConstantTests.Files,
        "java" => JavaConstantTests.Files,
        "kotlin" => KotlinConstantTests.Files,
        _ => PythonConstantTests.Files,
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Adopting_a_fixture_registers_every_resolved_key_and_the_check_then_passes(string fixture)
    {
        using var dir = new TempDirectory();
        foreach (var (path, text) in FilesOf(fixture))
        {
            dir.Write(path, text + "\n");
        }
        using var monitor = new PerformanceMonitor();
        var scan = new ScanRunner(monitor).Run(dir.Path, new ScanOptions());
        var (result, workspace) = (scan.Result!, scan.Workspace!);
        var detected = KeySourceDetector.Detect(dir.Path, result, workspace.Config.MaxFileSize);
        var declared = KeySourceReader.Read(dir.Path, detected, workspace.Config.MaxFileSize);
        var plan = AdoptionPlan.From(result, workspace.Registries, Today, declared);
        dir.Write("flags.yaml", AdoptedRegistryText.Write(plan, "team", Today));
        if (AdoptedConfigText.IsNeeded(false, detected, []))
        {
            dir.Write("flagkeeper.yaml", AdoptedConfigText.Write(false, detected, []));
        }

        var checker = new Checker(monitor);
        var first = checker.Run(dir.Path, new CheckOptions { Today = Today, UseBaseline = false, Gates = ["flag-lint"], UseScanCache = false });

        Assert.DoesNotContain(first.Errors, e => e.Severity >= ErrorSeverity.High);
        // Every resolved key is registered, except those that are not valid registry keys (the fixtures' escapes, emoji):
        // init leaves those out and names each in a note, and their usages go to the baseline.
        var resolved = result.Usages.Where(u => u.Flag is not null).Select(u => u.Flag!).Distinct(StringComparer.Ordinal).ToList();
        var valid = resolved.Where(Registry.FlagKeys.IsValid).ToList();
        Assert.NotEmpty(valid);
        Assert.Equal(resolved.Except(valid).Order(StringComparer.Ordinal), plan.InvalidKeys.Select(k => k.Key).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(first.Findings, f => f.Rule == "unregistered-flag" && valid.Contains(f.Flag!));
        Baseline.Write(Path.Combine(dir.Path, Baseline.DefaultPath), first.Findings, Today);
        var again = checker.Run(dir.Path, new CheckOptions { Today = Today, Gates = ["flag-lint"], UseScanCache = false });
        Assert.True(again.Passed, string.Join("\n", again.Findings.Select(f => $"{f.Rule}: {f.Message}")));
    }
}
