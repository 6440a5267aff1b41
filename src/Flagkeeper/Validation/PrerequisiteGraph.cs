using Flagkeeper.Registry;

namespace Flagkeeper.Validation;

/// <summary>Cycle finding over the <c>requires</c> edges between flags.</summary>
internal static class PrerequisiteGraph
{
    /// <summary>
    /// The strongly connected components that are cycles (two or more flags, or a flag requiring itself).
    /// Iterative Tarjan: no recursion, so a 100,000-flag chain cannot overflow the stack.
    /// </summary>
    public static List<HashSet<string>> Cycles(IReadOnlyDictionary<string, FlagDefinition> graph)
    {
        // One number per visited flag; lowlinks and stack membership by that number (lists, not a dictionary each).
        // Sized for every flag at once: growing them step by step rehashes and copies onto fresh memory each time.
        var index = new Dictionary<string, int>(graph.Count, StringComparer.Ordinal);
        var low = new List<int>(graph.Count);
        var onStack = new List<bool>(graph.Count);
        var stack = new Stack<string>();
        var cycles = new List<HashSet<string>>();
        var work = new Stack<(string Key, int Edge)>();
        var members = new List<string>();

        int Visit(string key)
        {
            var number = low.Count;
            index[key] = number;
            low.Add(number);
            onStack.Add(true);
            stack.Push(key);
            work.Push((key, 0));
            return number;
        }

        foreach (var (root, flag) in graph)
        {
            // A flag that requires nothing is never in a cycle; if another flag requires it, that walk visits it.
            if (flag.Requires.Count == 0 || index.ContainsKey(root))
            {
                continue;
            }
            Visit(root);

            while (work.Count > 0)
            {
                var (key, edge) = work.Pop();
                var requires = graph[key].Requires;
                var keyNumber = index[key];
                if (edge < requires.Count)
                {
                    work.Push((key, edge + 1));
                    var target = requires[edge].Key;
                    if (!graph.ContainsKey(target))
                    {
                        continue; // unknown prerequisites are another rule's business
                    }
                    if (!index.TryGetValue(target, out var targetNumber))
                    {
                        Visit(target);
                    }
                    else if (onStack[targetNumber])
                    {
                        low[keyNumber] = Math.Min(low[keyNumber], targetNumber);
                    }
                    continue;
                }

                // All edges of `key` done: close its component if it is a root, then update its parent.
                if (low[keyNumber] == keyNumber)
                {
                    // Most components are one flag and no cycle: only a cycle gets its own set.
                    members.Clear();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack[index[member]] = false;
                        members.Add(member);
                    }
                    while (member != key);
                    if (members.Count > 1 || RequiresItself(graph[key]))
                    {
                        cycles.Add(new HashSet<string>(members, StringComparer.Ordinal));
                    }
                }
                if (work.Count > 0)
                {
                    var parent = index[work.Peek().Key];
                    low[parent] = Math.Min(low[parent], low[keyNumber]);
                }
            }
        }
        return cycles;
    }

    private static bool RequiresItself(FlagDefinition flag)
    {
        var requires = flag.Requires;
        for (var i = 0; i < requires.Count; i++)
        {
            if (requires[i].Key == flag.Key)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A shortest path of keys from <paramref name="start"/> back to itself inside its component.</summary>
    public static List<string> PathBack(string start, HashSet<string> component, IReadOnlyDictionary<string, FlagDefinition> graph)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var key = queue.Dequeue();
            foreach (var target in graph[key].Requires.Select(r => r.Key))
            {
                if (target == start)
                {
                    var path = new List<string> { start };
                    for (var at = key; at != start; at = previous[at])
                    {
                        path.Insert(1, at);
                    }
                    path.Add(start);
                    return path;
                }
                if (component.Contains(target) && previous.TryAdd(target, key))
                {
                    queue.Enqueue(target);
                }
            }
        }
        return [start, start];
    }
}
