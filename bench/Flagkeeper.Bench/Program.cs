using System.Globalization;
using Flagkeeper.Bench;
using Flagkeeper.Bench.Corpus;

// flagkeeper-bench: generate | evaluate | rg-args | registry | registry-load | csharp-parse | custom-patterns (see bench/README.md).
const string Usage = """
    usage:
      Flagkeeper.Bench generate --out DIR [--seed N] [--files N] [--mb N] [--dense true]   seeded corpus in DIR, ground truth in DIR.truth.json
                                                                          (--dense: every file planted, >= 5 usages per file)
      Flagkeeper.Bench evaluate --truth FILE --scan FILE [--samples N]     precision / recall of a scan JSON against the truth
      Flagkeeper.Bench rg-args                                             ripgrep arguments for the equivalent pattern set, one per line
      Flagkeeper.Bench registry --out FILE [--seed N] [--flags N] [--compact true]  seeded large flags.yaml (bench/registry.sh)
      Flagkeeper.Bench registry-load --file FILE [--rounds N] [--warmup N] [--profile true]  in-process load / validate time and allocation, by phase (and by type)
      Flagkeeper.Bench csharp-parse --corpus DIR [--runs N]              the C# declaration reader against Roslyn's parser on every *.cs under DIR (issue 15)
      Flagkeeper.Bench custom-patterns --corpus DIR [--seed N] [--share F]  ten custom patterns in DIR/flagkeeper.yaml, calls planted in a share of the files (issue 14)
    """;

if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"unexpected argument '{args[i]}'\n{Usage}");
        return 2;
    }
    options[args[i][2..]] = args[++i];
}
string Option(string name, string? fallback = null) =>
    options.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required");
int Number(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

try
{
    return args[0] switch
    {
        "generate" => Generator.Run(Option("out"), Number("seed", 42), Number("files", 20_000),
            double.Parse(Option("mb", "210"), CultureInfo.InvariantCulture), bool.Parse(Option("dense", "false"))),
        "evaluate" => Evaluator.Run(Option("truth"), Option("scan"), Number("samples", 20)),
        "rg-args" => RgArgs.Run(),
        "registry" => RegistryGenerator.Run(Option("out"), Number("seed", 42), Number("flags", 10_000),
            bool.Parse(Option("compact", "false"))),
        "registry-load" => RegistryLoadBench.Run(Option("file"), Number("rounds", 9), Number("warmup", 3),
            bool.Parse(Option("profile", "false"))),
        "csharp-parse" => CSharpParseBench.Run(Option("corpus"), Number("runs", 5)),
        "custom-patterns" => CustomPatternCorpus.Run(Option("corpus"), Number("seed", 42),
            double.Parse(Option("share", "0.1"), CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"unknown command '{args[0]}'"),
    };
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"{ex.Message}\n{Usage}");
    return 2;
}
