using System.CommandLine;
using System.Text;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Validation;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// The docs that are generated from code stay in step with it. Set FLAGKEEPER_UPDATE_DOCS=1 to rewrite
/// a generated file instead of comparing.
/// </summary>
public class DocsTests
{
    [Fact]
    public void Rules_md_is_generated_from_the_rule_catalog()
    {
        var expected = new StringBuilder()
            .Append("# Rules\n\n")
            .Append("Generated from the rule catalog (`src/Flagkeeper/Validation/Rules.cs`) by `DocsTests`; do not edit by hand.\n")
            .Append("Rule ids are stable. Change a rule's severity with `rules:` in `flagkeeper.yaml` (`error | warning | off`).\n\n")
            .Append("| rule | gate | default severity | what triggers it | how to fix it |\n")
            .Append("| --- | --- | --- | --- | --- |\n");
        foreach (var rule in RegistryRules.All)
        {
            expected.Append($"| `{rule.Id}` | {rule.Gate} | {rule.DefaultSeverity.ToString().ToLowerInvariant()} | {rule.Summary} | {rule.Fix} |\n");
        }
        AssertGenerated("rules.md", expected.ToString());
    }

    [Fact]
    public void Cli_md_documents_every_command_and_option()
    {
        using var monitor = new PerformanceMonitor();
        var tree = CliApplication.BuildCommandTree(new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System, monitor));
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "cli.md"));

        foreach (var (path, command) in Walk(tree, "flagkeeper"))
        {
            Assert.True(doc.Contains(path.Replace("flagkeeper ", ""), StringComparison.Ordinal), $"docs/cli.md does not mention `{path}`");
            foreach (var option in command.Options.Where(o => !o.Name.StartsWith("-h", StringComparison.Ordinal) && o.Name != "--help" && o.Name != "--version"))
            {
                Assert.True(doc.Contains(option.Name, StringComparison.Ordinal), $"docs/cli.md does not mention {option.Name} of `{path}`");
            }
        }
    }

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var item in Walk(sub, $"{path} {sub.Name}"))
            {
                yield return item;
            }
        }
    }

    private static void AssertGenerated(string name, string expected)
    {
        var path = Path.Combine(RepositoryPaths.Docs, name);
        if (Environment.GetEnvironmentVariable("FLAGKEEPER_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }
        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }
}
