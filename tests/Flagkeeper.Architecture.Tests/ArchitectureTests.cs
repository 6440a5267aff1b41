using System.Runtime.InteropServices;

namespace Flagkeeper.Architecture.Tests;

/// <summary>
/// The dependency rules of docs/architecture.md, read from the built assemblies: the runtime package apps
/// reference carries no tooling, each tooling assembly references only what it may, and no two namespaces
/// use each other (directly or round a longer cycle).
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>
    /// Besides the .NET shared framework, what each assembly may reference. The CLI may reference anything.
    /// </summary>
    private static readonly Dictionary<string, string[]> AllowedReferences = new()
    {
        ["Flagkeeper"] = ["YamlDotNet"],
        ["Flagkeeper.Editing"] = ["Flagkeeper", "Polly.Core"],
        ["Flagkeeper.Analysis"] = ["Flagkeeper", "Flagkeeper.Editing", "System.IO.Hashing"],
    };

    /// <summary>
    /// Namespace cycles that existed when this test was written, each as the one edge that closes it. When a
    /// cycle is gone, delete its line: an edge listed here that no longer exists fails
    /// <see cref="Known_cycle_edges_still_exist"/>, so this list only shrinks. None is left: the namespace graph
    /// is acyclic, and a new cycle fails the test (docs/architecture.md shows the graph).
    /// </summary>
    private static readonly (string From, string To)[] KnownCycleEdges = [];

    [Fact]
    public void The_runtime_package_references_no_tooling_and_no_console_or_cli_package()
    {
        using var runtime = AssemblyMetadata.Open("Flagkeeper");
        var references = runtime.References;

        Assert.Contains("YamlDotNet", references); // the references are really read
        foreach (var forbidden in new[] { "Flagkeeper.Editing", "Flagkeeper.Analysis", "Flagkeeper.Cli", "Polly.Core", "Polly", "Spectre.Console", "System.CommandLine" })
        {
            Assert.DoesNotContain(forbidden, references);
        }
    }

    [Theory]
    [InlineData("Flagkeeper")]
    [InlineData("Flagkeeper.Editing")]
    [InlineData("Flagkeeper.Analysis")]
    public void Each_assembly_references_only_the_framework_and_what_it_may(string name)
    {
        using var assembly = AssemblyMetadata.Open(name);
        var framework = RuntimeEnvironment.GetRuntimeDirectory();

        var notAllowed = assembly.References
            .Where(r => !AllowedReferences[name].Contains(r) && !File.Exists(Path.Combine(framework, r + ".dll")) && r != "netstandard")
            .ToList();

        Assert.True(notAllowed.Count == 0,
            $"{name} references {string.Join(", ", notAllowed)}; it may reference only the .NET framework and {string.Join(", ", AllowedReferences[name])} (docs/architecture.md)");
    }

    [Fact]
    public void The_tooling_assemblies_are_built_on_the_runtime_package()
    {
        using var editing = AssemblyMetadata.Open("Flagkeeper.Editing");
        using var analysis = AssemblyMetadata.Open("Flagkeeper.Analysis");

        Assert.Contains("Flagkeeper", editing.References);
        Assert.Contains("Flagkeeper", analysis.References);
    }

    [Fact]
    public void No_namespace_cycle_remains()
    {
        var edges = ProductEdges();
        var graph = edges.Keys.Where(e => !KnownCycleEdges.Contains(e)).ToLookup(e => e.From, e => e.To);

        var cycles = StronglyConnected(edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct(), graph)
            .Where(component => component.Count > 1)
            .Select(component => string.Join("; ", edges.Where(e => component.Contains(e.Key.From) && component.Contains(e.Key.To) && !KnownCycleEdges.Contains(e.Key))
                .Select(e => $"{e.Key.From} -> {e.Key.To} (in {e.Value})")))
            .ToList();

        Assert.True(cycles.Count == 0, "namespaces that use each other:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Known_cycle_edges_still_exist()
    {
        var edges = ProductEdges();

        var gone = KnownCycleEdges.Where(e => !edges.ContainsKey(e)).ToList();

        Assert.True(gone.Count == 0, $"no longer used, delete from KnownCycleEdges: {string.Join(", ", gone)}");
    }

    [Fact]
    public void The_namespace_graph_sees_uses_in_signatures_and_in_method_bodies()
    {
        var edges = ProductEdges();

        // Loading's signatures return registries; the editor's bodies create FlagkeeperErrors; the CLI's commands
        // load RegistrySets; and the runtime's lookup (Registry) must not lean on the analysis.
        Assert.Contains(("Flagkeeper.Loading", "Flagkeeper.Registry"), edges.Keys);
        Assert.Contains(("Flagkeeper.Editing", "Flagkeeper.Diagnostics"), edges.Keys);
        Assert.Contains(("Flagkeeper.Cli.Commands", "Flagkeeper.Analysis.Discovery"), edges.Keys);
        Assert.DoesNotContain(edges.Keys, e => e.From.StartsWith("Flagkeeper.Registry", StringComparison.Ordinal) && e.To.StartsWith("Flagkeeper.Analysis", StringComparison.Ordinal));
    }

    private static SortedDictionary<(string From, string To), string> ProductEdges()
    {
        var assemblies = AssemblyMetadata.ProductAssemblies.Select(AssemblyMetadata.Open).ToList();
        try
        {
            return NamespaceGraph.Edges(assemblies);
        }
        finally
        {
            assemblies.ForEach(a => a.Dispose());
        }
    }

    /// <summary>Tarjan's strongly connected components: a component of two or more namespaces is a cycle.</summary>
    private static List<HashSet<string>> StronglyConnected(IEnumerable<string> nodes, ILookup<string, string> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<HashSet<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph[node])
            {
                if (!index.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }
            if (low[node] == index[node])
            {
                var component = new HashSet<string>(StringComparer.Ordinal);
                string member;
                do
                {
                    member = stack.Pop();
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }
        return components;
    }
}
