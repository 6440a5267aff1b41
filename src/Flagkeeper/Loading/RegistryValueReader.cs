using Flagkeeper.Documents;
using Flagkeeper.Registry;

namespace Flagkeeper.Loading;

/// <summary>
/// Reads an edited registry back when every change of the edit is one value written over another on its own line: what
/// <c>kill --all</c> does to 10,000 flags (<c>enabled: true</c> to <c>enabled: false</c>). A region read cannot help
/// there (the region is the whole registry) and a whole read parsed and bound every flag a second time. Here each
/// changed line is read again on its own, as the edit left it, and bound into its flag as a whole read binds it.
/// <para>
/// Exact because the rest of the text is the same text with the same meaning: the fast reader read the text whole
/// (<see cref="RegistryLoadResult.Plain"/>), and each replaced range is a whole single-line plain value, written over by
/// another, both of only letters, digits and <c>. _ + - %</c> (characters that cannot start a quote, a flow, a block, an
/// anchor or a comment, so the lines around mean what they meant). The line, read alone as the edit left it, is one entry
/// with the same key at the same column and nodes of the same kinds as inside the document. The values are <c>enabled</c>,
/// <c>default</c> or <c>rollout</c> of a flag written as a block mapping, or an environment's values (the environment
/// in block style, or whole on one line in flow style). Anything else returns null, and the caller reads more.
/// </para>
/// </summary>
internal static class RegistryValueReader
{
    private static readonly string[] FlagValues = ["enabled", "default", "rollout"];

    /// <param name="before">The registry as read from the original of <paramref name="edited"/>, its source and the tree of the edited flags kept.</param>
    /// <returns>The registry of <paramref name="edited"/>, as a whole read would bind it; null to read more of it.</returns>
    public static RegistryLoadResult? TryReadEdited(RegistryLoadResult before, EditedText edited, string displayPath, DocumentLimits limits)
    {
        if (!before.Plain || before.Registry is not { Kind: RegistrySourceKind.Yaml, DuplicateKeys.Count: 0 } registry
            || registry.Source?.Lines is not { } lines || FlagsMapping(before.Document) is not { } flagsMap)
        {
            return null;
        }
        var flags = registry.Flags;
        var replacements = edited.Replacements;
        if (flags.Count == 0 || flags.Count != lines.KeyStarts.Length || flags[0].Location.File != displayPath || replacements.Count == 0)
        {
            return null;
        }

        var line = new LineReader(edited, RegistryReader.CreateBinder(displayPath), limits);
        var changed = new Dictionary<int, FlagDefinition>();
        for (var r = 0; r < replacements.Count;)
        {
            if (!line.Take(replacements, ref r))
            {
                return null;
            }
            var index = RegistryRegionReader.LastStartingAtOrBefore(lines, line.Start);
            if (index < 0 || line.Start == lines.LineStart(index) || line.End > lines.LineEnd(index)
                || FlagNode(flagsMap, lines.KeyStarts[index].Index, flags[index].Key) is not { } node)
            {
                return null; // before the first flag, on a flag's key line, or a flag not kept as a block mapping
            }
            if (line.Rebind(changed.GetValueOrDefault(index) ?? flags[index], node) is not { } rebound)
            {
                return null;
            }
            changed[index] = rebound;
        }
        if (line.Binder.Errors.Count > 0)
        {
            return null; // a value that does not bind: the whole read reports it where it is
        }

        var edits = new FlagDefinition[flags.Count];
        var byKey = registry.CopyOfIndex();
        var changedKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < edits.Length; i++)
        {
            edits[i] = flags[i];
            if (changed.TryGetValue(i, out var flag))
            {
                edits[i] = flag;
                byKey[flag.Key] = flag;
                changedKeys.Add(flag.Key);
            }
        }
        var source = new RegistrySource(edited, null, before.PlainNodes) { Lines = Shifted(lines, replacements) };
        var after = (registry with { Flags = edits, Source = source }).WithIndex(byKey);
        return new RegistryLoadResult(after, []) { PlainNodes = before.PlainNodes, Region = new EditedRegion(changedKeys, after) };
    }

    /// <summary>The block mapping under <c>flags:</c> of a kept tree (whole, or the edited flags' part of it).</summary>
    private static MappingNode? FlagsMapping(DocNode? document) =>
        document is MappingNode { Flow: false } root && root.Find("flags")?.Value is MappingNode { Flow: false } flags ? flags : null;

    /// <summary>The kept block mapping of the flag whose key starts at <paramref name="keyIndex"/>, or null.</summary>
    private static MappingNode? FlagNode(MappingNode flagsMap, int keyIndex, string key)
    {
        var entries = flagsMap.Entries;
        var (low, high) = (0, entries.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var at = entries[middle].KeyStart.Index;
            if (at == keyIndex)
            {
                return entries[middle].KeyText == key && entries[middle].Value is MappingNode { Flow: false } map ? map : null;
            }
            (low, high) = at < keyIndex ? (middle + 1, high) : (low, middle - 1);
        }
        return null;
    }

    /// <summary>A plain value that no character of can turn into more than a value: letters, digits, <c>. _ + - %</c>.</summary>
    internal static bool IsPlainValue(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '+' or '-' or '%'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The flags' key starts after the edit: same lines, indices moved by the replacements before each.</summary>
    private static EntryLines Shifted(EntryLines lines, IReadOnlyList<EditedText.Replacement> replacements)
    {
        var starts = new DocMark[lines.KeyStarts.Length];
        var (r, delta) = (0, 0);
        for (var i = 0; i < starts.Length; i++)
        {
            var start = lines.KeyStarts[i];
            while (r < replacements.Count && replacements[r].End <= start.Index)
            {
                delta += replacements[r].Text.Length - (replacements[r].End - replacements[r].Start);
                r++;
            }
            starts[i] = start with { Index = start.Index + delta };
        }
        while (r < replacements.Count)
        {
            delta += replacements[r].Text.Length - (replacements[r].End - replacements[r].Start);
            r++;
        }
        return new EntryLines(starts, lines.End + delta);
    }

    /// <summary>One changed line: its replacements, and the line read again as they left it.</summary>
    private sealed class LineReader(EditedText edited, NodeBinder binder, DocumentLimits limits)
    {
        private readonly string?[] _shared = PlainYamlReader.NewSharedStrings();
        private readonly string _original = edited.Original;
        private IReadOnlyList<EditedText.Replacement> _replacements = [];
        private (int First, int End) _range;
        private string _edited = "";

        public NodeBinder Binder => binder;

        /// <summary>Where the line starts and ends (after its newline) in the original.</summary>
        public int Start { get; private set; }

        public int End { get; private set; }

        /// <summary>The line's length after the edit less before.</summary>
        public int Delta { get; private set; }

        /// <summary>Takes the replacements on the line of replacement <paramref name="r"/>; false when one is not a plain value written over another.</summary>
        public bool Take(IReadOnlyList<EditedText.Replacement> replacements, ref int r)
        {
            var original = _original;
            var first = replacements[r];
            Start = first.Start == 0 ? 0 : original.LastIndexOf('\n', first.Start - 1) + 1;
            var newline = original.IndexOf('\n', first.Start);
            var contentEnd = newline < 0 ? original.Length : newline;
            End = newline < 0 ? original.Length : newline + 1;
            _replacements = replacements;
            _range = (r, r);
            Delta = 0;
            for (; r < replacements.Count && replacements[r].Start < End; r++)
            {
                var replacement = replacements[r];
                if (replacement.End > contentEnd || !IsPlainValue(original.AsSpan(replacement.Start, replacement.End - replacement.Start))
                    || !IsPlainValue(replacement.Text))
                {
                    return false;
                }
                Delta += replacement.Text.Length - (replacement.End - replacement.Start);
            }
            _range = (_range.First, r);
            _edited = EditedLine();
            return true;
        }

        /// <summary>The line as the edit left it, from its own replacements (the edited text is not built whole).</summary>
        private string EditedLine() => string.Create(End - Start + Delta, this, static (line, reader) =>
        {
            var original = reader._original.AsSpan();
            var from = reader.Start;
            for (var i = reader._range.First; i < reader._range.End; i++)
            {
                var replacement = reader._replacements[i];
                original[from..replacement.Start].CopyTo(line);
                line = line[(replacement.Start - from)..];
                replacement.Text.CopyTo(line);
                line = line[replacement.Text.Length..];
                from = replacement.End;
            }
            original[from..reader.End].CopyTo(line);
        });

        /// <summary>The flag with this line's values as the edit wrote them, or null when the line is not one this reader can read exactly.</summary>
        public FlagDefinition? Rebind(FlagDefinition flag, MappingNode node)
        {
            foreach (var field in node.Entries)
            {
                if (OnLine(field.KeyStart))
                {
                    return FlagValues.Contains(field.KeyText) && OneValue(field) is { } value
                        ? BindFlagValue(flag, field.KeyText, value)
                        : null;
                }
                if (field.KeyText == "environments" && field.Value is MappingNode { Flow: false } environments && Overlaps(environments))
                {
                    return RebindEnvironment(flag, environments);
                }
            }
            return null;
        }

        private FlagDefinition? RebindEnvironment(FlagDefinition flag, MappingNode environments)
        {
            foreach (var entry in environments.Entries)
            {
                var at = IndexOf(flag.Environments, entry);
                if (at < 0 || !OnLine(entry.KeyStart) && !Overlaps(entry.Value))
                {
                    continue;
                }
                if (OnLine(entry.KeyStart))
                {
                    // `production: { enabled: false, rollout: 4 }`, whole on this line: bound again from it.
                    return entry.Value is MappingNode { Flow: true } flow && flow.End.Index <= End && ReadAgain(entry) is { } read
                        && RegistryReader.BindOverride(binder, read, flag.Key) is { } bound
                            ? WithEnvironment(flag, at, bound)
                            : null;
                }
                if (entry.Value is not MappingNode { Flow: false } values)
                {
                    return null;
                }
                foreach (var field in values.Entries)
                {
                    if (OnLine(field.KeyStart))
                    {
                        if (field.KeyText is not ("enabled" or "rollout") || OneValue(field) is not { } value)
                        {
                            return null;
                        }
                        var where = new Place("flag '", flag.Key, "': environment '", entry.KeyText, "'");
                        var environment = flag.Environments[at];
                        return WithEnvironment(flag, at, field.KeyText == "enabled"
                            ? environment with { Enabled = binder.Boolean(value, where, "enabled") }
                            : environment with { Rollout = binder.Number(value, where, "rollout", allowPercent: true) });
                    }
                }
                return null;
            }
            return null;
        }

        /// <summary>The bound environment of <paramref name="entry"/>: same name, bound at its key.</summary>
        private static int IndexOf(IReadOnlyList<EnvironmentOverride> environments, MappingEntry entry)
        {
            for (var i = 0; i < environments.Count; i++)
            {
                if (environments[i].Name == entry.KeyText && environments[i].Location.Line == entry.KeyStart.Line)
                {
                    return i;
                }
            }
            return -1;
        }

        private static FlagDefinition WithEnvironment(FlagDefinition flag, int at, EnvironmentOverride environment)
        {
            var environments = flag.Environments.ToArray();
            environments[at] = environment;
            return flag with { Environments = environments };
        }

        private FlagDefinition BindFlagValue(FlagDefinition flag, string field, ScalarNode value)
        {
            var where = new Place("flag '", flag.Key, "'");
            return field switch
            {
                "enabled" => flag with { Enabled = binder.Boolean(value, where, "enabled") is true },
                "default" => flag with { Default = binder.Boolean(value, where, "default") is true },
                _ => flag with { Rollout = binder.Number(value, where, "rollout", allowPercent: true) },
            };
        }

        /// <summary>
        /// The value of a single-line <c>field: value</c> whose value is exactly this line's one replacement, as read
        /// again from the edited line; null otherwise.
        /// </summary>
        private ScalarNode? OneValue(MappingEntry field)
        {
            if (_range.End - _range.First != 1 || field.Value is not ScalarNode { Quoted: false } scalar)
            {
                return null;
            }
            var replacement = _replacements[_range.First];
            if (scalar.Start.Index != replacement.Start || scalar.End.Index != replacement.End)
            {
                return null;
            }
            var at = replacement.Start - Start; // where the value starts in the line
            return ReadAgain(field)?.Value is ScalarNode { Quoted: false } read
                && read.Start.Index == at && read.End.Index == at + replacement.Text.Length
                ? read
                : null;
        }

        /// <summary>
        /// The line's entry as the edit left it, read alone (marks count from the line's start; lines and columns are the
        /// document's): null unless it is one entry with the key of <paramref name="entry"/> at its column, its value as
        /// many nodes of the same kinds as before. Block lines are read line by line, and this one held a whole entry, so
        /// read alone it means what it means inside the document.
        /// </summary>
        private MappingEntry? ReadAgain(MappingEntry entry)
        {
            var indent = entry.KeyStart.Column - 1;
            return PlainYamlReader.TryReadEntries(_edited, 0, _edited.Length, entry.KeyStart.Line, indent, depth: 3, limits, out var now, out _, _shared)
                && now is [{ } after] && after.KeyText == entry.KeyText && after.KeyStart.Column == entry.KeyStart.Column
                && SameShape(entry.Value, after.Value)
                ? after
                : null;
        }

        /// <summary>True when both are the same kinds of node in the same order (values may differ).</summary>
        private static bool SameShape(DocNode before, DocNode after)
        {
            switch (before, after)
            {
                case (ScalarNode a, ScalarNode b):
                    return a.Quoted == b.Quoted;
                case (MappingNode a, MappingNode b) when a.Flow == b.Flow && a.Entries.Count == b.Entries.Count:
                    for (var i = 0; i < a.Entries.Count; i++)
                    {
                        if (!SameShape(a.Entries[i].Value, b.Entries[i].Value))
                        {
                            return false;
                        }
                    }
                    return true;
                case (SequenceNode a, SequenceNode b) when a.Flow == b.Flow && a.Items.Count == b.Items.Count:
                    for (var i = 0; i < a.Items.Count; i++)
                    {
                        if (!SameShape(a.Items[i], b.Items[i]))
                        {
                            return false;
                        }
                    }
                    return true;
                default:
                    return false;
            }
        }

        private bool OnLine(DocMark mark) => mark.Index >= Start && mark.Index < End;

        /// <summary>True when <paramref name="node"/> has text on the line (in the original).</summary>
        private bool Overlaps(DocNode node) => node.Start.Index < End && node.End.Index > Start;
    }
}
