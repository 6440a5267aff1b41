using System.Collections.Concurrent;
using System.Collections.Frozen;
using Flagkeeper.Registry;
using Flagkeeper.Validation;

namespace Flagkeeper.Evaluation;

/// <summary>
/// An immutable, compiled view of loaded registries: every flag resolved once (per-environment values,
/// prerequisites as indices, targeting as sets), so evaluation is lookups and arithmetic only and any
/// number of threads can read it without locks.
/// </summary>
public sealed class FlagSnapshot
{
    /// <summary>The deepest <c>requires:</c> chain evaluation follows; deeper chains are rejected when compiling.</summary>
    public const int MaxPrerequisiteDepth = 64;

    /// <summary>From this many flags on, flags compile in parallel.</summary>
    private const int ParallelCompileFlags = 2048;

    internal CompiledFlag[] Flags { get; }
    internal FrozenDictionary<string, int> Index { get; }

    /// <summary>Percentiles already computed for this snapshot's rollouts (bounded; see <see cref="PercentileCache"/>).</summary>
    internal PercentileCache PercentileCache { get; } = new();

    /// <summary>Environment names the registries know (their <c>environments:</c> lists, else the names flags use).</summary>
    public FrozenSet<string> Environments { get; }

    /// <summary>Problems found while compiling that did not stop it (a bad environment variable value).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public int Count => Flags.Length;

    /// <summary>Every flag's key (not its aliases), in registry order: what an adapter lists as the known flags.</summary>
    public IEnumerable<string> Keys => Flags.Select(f => f.Key);

    /// <summary>True when a flag has <paramref name="keyOrAlias"/> as its key or one of its aliases (ordinal).</summary>
    public bool Contains(string keyOrAlias) => keyOrAlias is not null && Index.ContainsKey(keyOrAlias);

    private FlagSnapshot(CompiledFlag[] flags, FrozenDictionary<string, int> index, FrozenSet<string> environments, IReadOnlyList<string> warnings)
    {
        Flags = flags;
        Index = index;
        Environments = environments;
        Warnings = warnings;
    }

    /// <summary>
    /// Compiles <paramref name="registries"/>; when two declare a key, the first in the sequence wins.
    /// <paramref name="environmentVariable"/> reads <c>FLAGKEEPER__KEY</c> overrides (null: none are read).
    /// </summary>
    /// <exception cref="FlagSnapshotException">A prerequisite cycle or a chain deeper than <see cref="MaxPrerequisiteDepth"/>.</exception>
    public static FlagSnapshot Compile(IEnumerable<FlagRegistry> registries, Func<string, string?>? environmentVariable = null)
    {
        ArgumentNullException.ThrowIfNull(registries);
        environmentVariable = EnvironmentOverrides.ForCompiling(environmentVariable);
        var list = registries.ToList();
        var definitions = new Dictionary<string, FlagDefinition>(StringComparer.Ordinal);
        foreach (var flag in list.SelectMany(r => r.Flags))
        {
            definitions.TryAdd(flag.Key, flag);
        }
        RejectCycles(definitions);

        var warnings = new List<string>();
        var ordered = definitions.Values.ToArray();
        var flags = new CompiledFlag[ordered.Length];
        if (environmentVariable is null && ordered.Length >= ParallelCompileFlags)
        {
            // Each flag compiles on its own: a large registry's reload uses both cores (no variable to warn about).
            Parallel.ForEach(Partitioner.Create(0, ordered.Length), range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    flags[i] = Compile(ordered[i], null, warnings);
                }
            });
        }
        else
        {
            for (var i = 0; i < ordered.Length; i++)
            {
                flags[i] = Compile(ordered[i], environmentVariable, warnings);
            }
        }
        var index = new Dictionary<string, int>(ordered.Length, StringComparer.Ordinal);
        for (var i = 0; i < ordered.Length; i++)
        {
            index[ordered[i].Key] = i;
        }
        for (var i = 0; i < ordered.Length; i++)
        {
            // An undeclared prerequisite (a validation error) can never be on: -1 evaluates as off.
            var requires = ordered[i].Requires;
            if (requires.Count > 0)
            {
                flags[i].Prerequisites = requires.Select(r => index.TryGetValue(r.Key, out var at) ? at : -1).ToArray();
            }
            foreach (var alias in ordered[i].Aliases)
            {
                index.TryAdd(alias, i);
            }
        }
        CheckDepth(flags);

        var listed = list.Where(r => r.Environments is not null).SelectMany(r => r.Environments!).ToList();
        var environments = listed.Count > 0 ? listed : ordered.SelectMany(f => f.Environments.Select(e => e.Name)).ToList();
        return new FlagSnapshot(flags, index.ToFrozenDictionary(StringComparer.Ordinal), environments.ToFrozenSet(StringComparer.Ordinal), warnings);
    }

    private static CompiledFlag Compile(FlagDefinition flag, Func<string, string?>? environmentVariable, List<string> warnings)
    {
        var suffix = Percentiles.Suffix(flag.Key, null);
        var baseTargeting = CompiledTargeting.From(flag.Targeting, flag.Key);
        var baseRule = new CompiledRule(flag.Enabled, flag.Rollout ?? 100, baseTargeting, suffix);
        (string, CompiledRule)[]? byEnvironment = null;
        if (flag.Environments.Count > 0)
        {
            byEnvironment = new (string, CompiledRule)[flag.Environments.Count];
            var count = 0;
            foreach (var environment in flag.Environments)
            {
                if (CompiledFlag.Named(byEnvironment.AsSpan(0, count), environment.Name) is not null)
                {
                    continue; // a repeated name (a validation error): the first entry wins
                }
                // The master switch wins: an environment can narrow a flag, never revive a killed one.
                var targeting = environment.Targeting is null ? baseTargeting : CompiledTargeting.From(environment.Targeting, flag.Key);
                byEnvironment[count++] = (environment.Name, new CompiledRule(
                    flag.Enabled && (environment.Enabled ?? true), environment.Rollout ?? flag.Rollout ?? 100, targeting, suffix));
            }
            byEnvironment = count == byEnvironment.Length ? byEnvironment : byEnvironment[..count];
        }
        return new CompiledFlag
        {
            Key = flag.Key,
            Default = flag.Default,
            Base = baseRule,
            ByEnvironment = byEnvironment,
            EnvironmentVariable = environmentVariable is null ? null : EnvironmentOverrides.Read(flag.Key, environmentVariable, warnings),
        };
    }

    private static void RejectCycles(Dictionary<string, FlagDefinition> definitions)
    {
        var cycles = PrerequisiteGraph.Cycles(definitions);
        if (cycles.Count > 0)
        {
            var first = cycles[0].Order(StringComparer.Ordinal).First();
            var path = PrerequisiteGraph.PathBack(first, cycles[0], definitions);
            throw new FlagSnapshotException($"prerequisite cycle: {string.Join(" -> ", path)}; remove one `requires:` entry");
        }
    }

    /// <summary>Longest chain below each flag, computed bottom-up without recursion (the graph is acyclic here).</summary>
    private static void CheckDepth(CompiledFlag[] flags)
    {
        var depth = new int[flags.Length];
        var state = new byte[flags.Length]; // 0 new, 1 on the stack, 2 done
        var stack = new Stack<int>();
        for (var root = 0; root < flags.Length; root++)
        {
            stack.Push(root);
            while (stack.Count > 0)
            {
                var at = stack.Peek();
                if (state[at] == 2)
                {
                    stack.Pop();
                    continue;
                }
                state[at] = 1;
                var pending = false;
                foreach (var p in flags[at].Prerequisites)
                {
                    if (p >= 0 && state[p] == 0)
                    {
                        stack.Push(p);
                        pending = true;
                    }
                }
                if (pending)
                {
                    continue;
                }
                stack.Pop();
                state[at] = 2;
                foreach (var p in flags[at].Prerequisites)
                {
                    if (p >= 0)
                    {
                        depth[at] = Math.Max(depth[at], depth[p] + 1);
                    }
                }
                if (depth[at] > MaxPrerequisiteDepth)
                {
                    throw new FlagSnapshotException(
                        $"flag '{flags[at].Key}' has a `requires:` chain deeper than {MaxPrerequisiteDepth} flags; flatten it");
                }
            }
        }
    }
}

/// <summary>The registries cannot be evaluated (a prerequisite cycle); the message says what to change.</summary>
public sealed class FlagSnapshotException : Exception
{
    public FlagSnapshotException()
    {
    }

    public FlagSnapshotException(string message) : base(message)
    {
    }

    public FlagSnapshotException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
