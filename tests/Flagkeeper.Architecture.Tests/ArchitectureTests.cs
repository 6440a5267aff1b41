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
        // DI integration: the runtime package and Microsoft.Extensions abstractions (no tooling, no ASP.NET Core).
        ["Flagkeeper.Extensions"] =
        [
            "Flagkeeper", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Options",
            "Microsoft.Extensions.Configuration", "Microsoft.Extensions.Configuration.Abstractions", "Microsoft.Extensions.Configuration.Binder",
            "Microsoft.Extensions.Options.ConfigurationExtensions", "Microsoft.Extensions.Primitives",
            "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Diagnostics.HealthChecks",
            "Microsoft.Extensions.Diagnostics.HealthChecks.Abstractions", "Microsoft.Extensions.Hosting.Abstractions",
        ],
        // The adapter: Microsoft.FeatureManagement and the Microsoft.Extensions abstractions its API is made of.
        ["Flagkeeper.FeatureManagement"] =
        [
            "Flagkeeper", "Microsoft.FeatureManagement", "Microsoft.Extensions.DependencyInjection.Abstractions",
            "Microsoft.Extensions.Options",
        ],
        // Live overrides: the runtime, the DI package, StackExchange.Redis (and its RESPite and hashing) and the
        // Microsoft.Extensions abstractions the subscriber is hosted, logged and health-checked with.
        ["Flagkeeper.Redis"] =
        [
            "Flagkeeper", "Flagkeeper.Extensions", "StackExchange.Redis", "RESPite", "System.IO.Hashing",
            "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Options",
            "Microsoft.Extensions.Configuration", "Microsoft.Extensions.Configuration.Abstractions", "Microsoft.Extensions.Configuration.Binder",
            "Microsoft.Extensions.Options.ConfigurationExtensions", "Microsoft.Extensions.Primitives",
            "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Diagnostics.HealthChecks",
            "Microsoft.Extensions.Diagnostics.HealthChecks.Abstractions", "Microsoft.Extensions.Hosting.Abstractions",
        ],
        // ASP.NET Core targeting: the ASP.NET Core shared framework (AspNetCoreFramework), never Microsoft.FeatureManagement.
        ["Flagkeeper.AspNetCore"] = ["Flagkeeper"],
    };

    /// <summary>Assemblies that may also reference the ASP.NET Core shared framework.</summary>
    private static readonly string[] OnAspNetCore = ["Flagkeeper.AspNetCore"];

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
        foreach (var forbidden in new[]
        {
            "Flagkeeper.Editing", "Flagkeeper.Analysis", "Flagkeeper.Cli", "Polly.Core", "Polly", "Spectre.Console", "System.CommandLine",
            "Flagkeeper.FeatureManagement", "Flagkeeper.AspNetCore", "Microsoft.FeatureManagement", "Microsoft.AspNetCore.Http.Abstractions",
            "Flagkeeper.Redis", "StackExchange.Redis",
        })
        {
            Assert.DoesNotContain(forbidden, references);
        }
    }

    [Theory]
    [InlineData("Flagkeeper")]
    [InlineData("Flagkeeper.Editing")]
    [InlineData("Flagkeeper.Analysis")]
    [InlineData("Flagkeeper.Extensions")]
    [InlineData("Flagkeeper.FeatureManagement")]
    [InlineData("Flagkeeper.AspNetCore")]
    [InlineData("Flagkeeper.Redis")]
    public void Each_assembly_references_only_the_framework_and_what_it_may(string name)
    {
        using var assembly = AssemblyMetadata.Open(name);
        string[] frameworks = OnAspNetCore.Contains(name) ? [RuntimeEnvironment.GetRuntimeDirectory(), AspNetCoreFramework()] : [RuntimeEnvironment.GetRuntimeDirectory()];

        var notAllowed = assembly.References
            .Where(r => !AllowedReferences[name].Contains(r) && !frameworks.Any(f => File.Exists(Path.Combine(f, r + ".dll"))) && r != "netstandard")
            .ToList();

        Assert.True(notAllowed.Count == 0,
            $"{name} references {string.Join(", ", notAllowed)}; it may reference only the .NET framework and {string.Join(", ", AllowedReferences[name])} (docs/architecture.md)");
    }

    [Theory]
    [InlineData("Flagkeeper.Editing")]
    [InlineData("Flagkeeper.Analysis")]
    [InlineData("Flagkeeper.FeatureManagement")]
    [InlineData("Flagkeeper.AspNetCore")]
    public void The_tooling_and_the_adapters_are_built_on_the_runtime_package(string name)
    {
        using var assembly = AssemblyMetadata.Open(name);

        Assert.Contains("Flagkeeper", assembly.References);
    }

    [Fact]
    public void The_cli_writes_live_overrides_through_the_store_client_the_instances_read()
    {
        using var cli = AssemblyMetadata.Open("Flagkeeper.Cli");
        using var analysis = AssemblyMetadata.Open("Flagkeeper.Analysis");

        // Cli -> Flagkeeper.Redis (docs/architecture.md): one Redis layout, written and read by the same code.
        Assert.Contains("Flagkeeper.Redis", cli.References);
        Assert.Contains("StackExchange.Redis", cli.References);
        Assert.DoesNotContain("Flagkeeper.Redis", analysis.References);
    }

    [Fact]
    public void Claims_targeting_does_not_need_FeatureManagement_and_the_adapter_does()
    {
        using var adapter = AssemblyMetadata.Open("Flagkeeper.FeatureManagement");
        using var aspNetCore = AssemblyMetadata.Open("Flagkeeper.AspNetCore");

        Assert.Contains("Microsoft.FeatureManagement", adapter.References); // the references are really read
        Assert.Contains("Microsoft.AspNetCore.Http.Abstractions", aspNetCore.References);
        Assert.DoesNotContain(aspNetCore.References, r => r.StartsWith("Microsoft.FeatureManagement", StringComparison.Ordinal) || r == "Flagkeeper.FeatureManagement");
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

    /// <summary>The ASP.NET Core shared framework folder of the same major version as the running runtime.</summary>
    private static string AspNetCoreFramework()
    {
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar));
        var shared = Path.Combine(runtime.Parent!.Parent!.FullName, "Microsoft.AspNetCore.App");
        var major = runtime.Name.Split('.')[0] + ".";
        var folder = Directory.GetDirectories(shared).Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal)).Order(StringComparer.Ordinal).LastOrDefault();
        Assert.True(folder is not null, $"no ASP.NET Core {major}x shared framework under {shared}");
        return folder!;
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
