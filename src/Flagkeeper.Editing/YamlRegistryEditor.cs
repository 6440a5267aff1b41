using System.Text;
using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;

namespace Flagkeeper.Editing;

/// <summary>
/// Applies <see cref="RegistryEdit"/>s to YAML text at the positions the parser reports. Only the
/// touched value (or the inserted or removed lines) change: comments, order, quoting and blank
/// lines elsewhere stay byte for byte. The text is parsed once; every edit is planned as splices of
/// that original text and the splices are applied together, so killing 20,000 flags costs one parse.
/// </summary>
internal sealed partial class YamlRegistryEditor
{
    private readonly string _text;
    private readonly string _displayPath;
    private readonly string _newline;
    private readonly List<TextSplice> _splices = [];
    private MappingNode? _root;

    /// <summary>The <c>flags:</c> entries by key (the first of a repeated key), built on a second lookup: <c>kill --all</c>
    /// looks up every flag, and a scan per lookup made that quadratic (10,000 flags: 50 million key compares).</summary>
    private Dictionary<string, MappingEntry>? _flagsByKey;
    private MappingNode? _indexedFlags;
    private int _flagLookups;

    /// <summary>Replace <c>[Start, End)</c> of the original text with <c>Text</c>.</summary>
    private readonly record struct TextSplice(int Start, int End, string Text, int Order);

    /// <param name="root">The text already parsed, if the caller has it.</param>
    public YamlRegistryEditor(string text, string displayPath, MappingNode? root = null)
    {
        _text = text;
        _root = root;
        _displayPath = displayPath;
        _newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
    }

    /// <summary>The original text with every planned splice applied; FK3015 when two splices overlap.</summary>
    public Result<string> Edited()
    {
        var planned = Planned();
        return planned.Failed ? Result<string>.Failure(planned.Errors) : planned.Value.Text;
    }

    /// <summary>As <see cref="Edited"/>, the whole text left unbuilt until asked for.</summary>
    public Result<EditedText> Planned()
    {
        var ordered = _splices.OrderBy(x => x.Start).ThenBy(x => x.End).ThenBy(x => x.Order).ToList();
        var at = 0;
        foreach (var splice in ordered)
        {
            if (splice.Start < at)
            {
                return Unsupported("two edits change the same lines; apply them one at a time");
            }
            at = splice.End;
        }
        return new EditedText(_text, ordered.Select(x => new EditedText.Replacement(x.Start, x.End, x.Text)));
    }

    /// <summary>Plans one edit; the reason when the text cannot take it (the flag is missing, written in a shape we do not edit).</summary>
    public FlagkeeperError? Apply(RegistryEdit edit)
    {
        if (_root is null)
        {
            var parsed = Parse();
            if (parsed.Failed)
            {
                return parsed.Errors[0];
            }
            _root = parsed.Value;
        }
        var root = _root;
        return edit switch
        {
            SetFlagValue set => FirstError(FlagMap(root, set.Key).Then(map => Done(SetValue(map, set)))),
            SetTargeting targeting => FirstError(FlagMap(root, targeting.Key).Then(map => Done(SetTargeting(map, targeting)))),
            AddFlag add => Add(root, add),
            RemoveFlag remove => FirstError(FlagEntry(root, remove.Key).Then(entry => Done(Remove(root, entry)))),
            _ => throw new ArgumentException($"unknown edit {edit.GetType().Name}", nameof(edit)),
        };
    }

    private static Result<bool> Done(FlagkeeperError? error) => error is null ? true : error;

    private static FlagkeeperError? FirstError<T>(Result<T> result) => result.Failed ? result.Errors[0] : null;

    private Result<MappingNode> Parse()
    {
        var read = DocumentReader.Read(_displayPath, _text, DocumentFormat.Yaml, DocumentLimits.Default, ErrorCodes.RegistrySyntax);
        if (read.Error is not null)
        {
            return read.Error;
        }
        return read.Root is MappingNode map ? map : Unsupported("the registry is not a mapping");
    }

    private Result<MappingEntry> FlagEntry(MappingNode root, string key) =>
        root.Find("flags")?.Value is MappingNode flags && FindFlag(flags, key) is { } entry
            ? entry
            : ErrorCodes.FlagNotFound.Create($"flag '{key}' is not in {_displayPath}");

    /// <summary>As <see cref="MappingNode.Find"/> (the tree is never changed: edits are splices of the text).</summary>
    private MappingEntry? FindFlag(MappingNode flags, string key)
    {
        if (++_flagLookups < 2)
        {
            return flags.Find(key);
        }
        if (!ReferenceEquals(_indexedFlags, flags))
        {
            _flagsByKey = new Dictionary<string, MappingEntry>(flags.Entries.Count, StringComparer.Ordinal);
            foreach (var entry in flags.Entries)
            {
                _flagsByKey.TryAdd(entry.KeyText, entry);
            }
            _indexedFlags = flags;
        }
        return _flagsByKey!.GetValueOrDefault(key);
    }

    /// <summary>The flag's own mapping, written out where it stands (not an alias), with fields to edit.</summary>
    private Result<MappingNode> FlagMap(MappingNode root, string key) =>
        FlagEntry(root, key).Then(Owned).Then(flag => flag.Value is MappingNode map
            ? Result<MappingNode>.Success(map)
            : Unsupported($"flag '{key}' has no fields to edit"));

    private FlagkeeperError? SetValue(MappingNode flagMap, SetFlagValue set)
    {
        var text = YamlScalars.Format(set.Value);
        return set.Environment is null
            ? SetInMapping(flagMap, set.Field, text)
            : InEnvironment(flagMap, set.Key, set.Environment, set.Field, text, envValues => SetInMapping(envValues, set.Field, text));
    }

    /// <summary>
    /// Sets <paramref name="field"/> in <paramref name="environment"/>'s override: written as <c>{ field: text }</c> where the
    /// environment (or <c>environments:</c>) is missing or empty, else by <paramref name="inExisting"/> on its mapping.
    /// </summary>
    private FlagkeeperError? InEnvironment(MappingNode flagMap, string key, string environment, string field, string text, Func<MappingNode, FlagkeeperError?> inExisting)
    {
        var environments = flagMap.Find("environments");
        var overrideText = $"{{ {field}: {text} }}";
        if (environments is null && flagMap.Flow)
        {
            InsertEntry(flagMap, "environments", $"{{ {environment}: {overrideText} }}");
            return null;
        }
        if (environments is null)
        {
            InsertBlockEntry(flagMap, "environments", null, [$"{environment}: {overrideText}"]);
            return null;
        }
        if (AliasError(environments) is { } aliased)
        {
            return aliased;
        }
        if (environments.Value is ScalarNode { IsNull: true } nullEnvironments)
        {
            if (flagMap.Flow)
            {
                Replace(nullEnvironments.Start.Index, nullEnvironments.End.Index, $"{{ {environment}: {overrideText} }}", leadingSpace: nullEnvironments.Start.Index == nullEnvironments.End.Index);
            }
            else
            {
                ReplaceNull(environments, [$"{environment}: {overrideText}"], IndentOf(flagMap) + IndentUnit(flagMap));
            }
            return null;
        }
        if (environments.Value is not MappingNode envMap)
        {
            return Unsupported($"flag '{key}': environments is not a mapping");
        }
        var env = envMap.Find(environment);
        if (env is null)
        {
            InsertEntry(envMap, environment, overrideText);
            return null;
        }
        if (AliasError(env) is { } aliasedEnv)
        {
            return aliasedEnv;
        }
        if (env.Value is MappingNode envValues)
        {
            return inExisting(envValues);
        }
        if (env.Value is ScalarNode { IsNull: true } nullEnv)
        {
            Replace(nullEnv.Start.Index, nullEnv.End.Index, overrideText, leadingSpace: nullEnv.Start.Index == nullEnv.End.Index);
            return null;
        }
        return Unsupported($"flag '{key}': environment '{environment}' is not a mapping");
    }

    private FlagkeeperError? SetInMapping(MappingNode map, string field, string valueText)
    {
        if (map.Find(field) is not { } found)
        {
            InsertEntry(map, field, valueText);
            return null;
        }
        if (AliasError(found) is { } aliased)
        {
            return aliased;
        }
        if (found.Value is not ScalarNode scalar)
        {
            return Unsupported($"'{field}' is not a single value");
        }
        Replace(scalar.Start.Index, scalar.End.Index, valueText, leadingSpace: scalar.Start.Index == scalar.End.Index);
        return null;
    }

    /// <summary>Adds <c>field: value</c> to a mapping in its own style (flow or block).</summary>
    private void InsertEntry(MappingNode map, string field, string valueText)
    {
        if (map.Flow)
        {
            if (map.Entries.Count == 0)
            {
                var brace = _text.LastIndexOf('}', map.End.Index - 1);
                Insert(brace, $"{field}: {valueText}");
            }
            else
            {
                Insert(map.Entries[^1].Value.End.Index, $", {field}: {valueText}");
            }
            return;
        }
        InsertBlockEntry(map, field, valueText, []);
    }

    /// <summary>Inserts a block entry after the mapping's last line, at the mapping's indentation.</summary>
    private void InsertBlockEntry(MappingNode map, string field, string? valueText, IReadOnlyList<string> children)
    {
        var indent = IndentOf(map);
        var childIndent = indent + IndentUnit(map);
        var lines = new StringBuilder();
        lines.Append(' ', indent).Append(field).Append(':');
        if (valueText is not null)
        {
            lines.Append(' ').Append(valueText);
        }
        lines.Append(_newline);
        foreach (var child in children)
        {
            lines.Append(' ', childIndent).Append(child).Append(_newline);
        }
        InsertLinesAfter(map.End.Index, lines.ToString());
    }

    private void ReplaceNull(MappingEntry entry, IReadOnlyList<string> children, int childIndent)
    {
        var lineEnd = LineEnd(entry.Key.End.Index);
        var colon = _text.IndexOf(':', entry.Key.End.Index);
        var rest = _text[(colon + 1)..lineEnd];
        var comment = rest.Contains('#', StringComparison.Ordinal) ? " " + rest[rest.IndexOf('#', StringComparison.Ordinal)..].Trim() : "";
        var block = new StringBuilder(":").Append(comment);
        foreach (var child in children)
        {
            block.Append(_newline).Append(' ', childIndent).Append(child);
        }
        Splice(colon, lineEnd, block.ToString());
    }

    private FlagkeeperError? Add(MappingNode root, AddFlag add)
    {
        var flagsEntry = root.Find("flags");
        var fieldLines = add.Fields.Select(f => $"{f.Key}: {YamlScalars.Format(f.Value)}").ToList();
        if (flagsEntry is null)
        {
            var block = new StringBuilder();
            if (_text.Length > 0 && !_text.EndsWith('\n'))
            {
                block.Append(_newline);
            }
            block.Append("flags:").Append(_newline).Append("  ").Append(add.Key).Append(':').Append(_newline);
            foreach (var line in fieldLines)
            {
                block.Append("    ").Append(line).Append(_newline);
            }
            Splice(_text.Length, _text.Length, block.ToString());
            return null;
        }
        if (flagsEntry.Value is ScalarNode { IsNull: true } || flagsEntry.Value is MappingNode { Flow: true, Entries.Count: 0 })
        {
            var children = new List<string> { $"{add.Key}:" };
            children.AddRange(fieldLines.Select(l => "  " + l));
            // `flags:`, `flags: ~` and `flags: {}` alike: everything after the colon but a comment is replaced.
            ReplaceNull(flagsEntry, children, IndentOf(root) + 2);
            return null;
        }
        if (flagsEntry.Value is not MappingNode { Flow: false } flags)
        {
            return Unsupported("`flags:` is written in flow style; add the flag by hand");
        }
        var first = flags.Entries[0];
        var indent = first.Key.Start.Column - 1;
        var unit = first.Value is MappingNode { Flow: false, Entries.Count: > 0 } firstMap
            ? firstMap.Entries[0].Key.Start.Column - first.Key.Start.Column
            : 2;
        var text = new StringBuilder();
        if (flags.Entries.Count > 1 && IsBlankLineBefore(flags.Entries[1].Key.Start.Index))
        {
            text.Append(_newline); // the file separates flags with a blank line; so do we
        }
        text.Append(' ', indent).Append(add.Key).Append(':').Append(_newline);
        foreach (var line in fieldLines)
        {
            text.Append(' ', indent + unit).Append(line).Append(_newline);
        }
        InsertLinesAfter(flags.End.Index, text.ToString());
        return null;
    }

    private FlagkeeperError? Remove(MappingNode root, MappingEntry flag)
    {
        var flags = (MappingNode)root.Find("flags")!.Value;
        if (flags.Flow)
        {
            return Unsupported("`flags:` is written in flow style; remove the flag by hand");
        }
        RemoveEntryLines(flag);
        return null;
    }

    /// <summary>Removes a block entry's lines, and the blank line before it when one follows too.</summary>
    private void RemoveEntryLines(MappingEntry flag)
    {
        var start = LineStart(flag.Key.Start.Index);
        var end = LineEnd(Math.Max(flag.Value.End.Index, flag.Key.End.Index));
        if (end < _text.Length)
        {
            end += _text[end] == '\r' && end + 1 < _text.Length ? 2 : 1;
        }
        // Drop the blank separator line too, so removing a flag does not leave two blank lines.
        if (IsBlankLineBefore(start) && (end >= _text.Length || IsBlankLine(end)))
        {
            start = LineStart(start - 1);
        }
        Splice(start, end, "");
    }

    /// <summary>
    /// Refuses to edit through a YAML alias (<c>b: *base</c>): the text of the value belongs to another entry,
    /// and changing it would silently change that one too.
    /// </summary>
    private Result<MappingEntry> Owned(MappingEntry entry) => AliasError(entry) is { } error ? error : entry;

    private FlagkeeperError? AliasError(MappingEntry entry) =>
        entry.Value.Start.Index >= entry.Key.End.Index
            ? null
            : Unsupported($"'{entry.Key.Value}' (line {entry.Key.Start.Line}) is a YAML alias of values written elsewhere; edit the anchored original or write the values out");

    private static int IndentOf(MappingNode map) => map.Entries.Count > 0 ? map.Entries[0].Key.Start.Column - 1 : map.Start.Column - 1;

    private static int IndentUnit(MappingNode map) =>
        map.Entries.Select(e => e.Value).OfType<MappingNode>().FirstOrDefault(m => !m.Flow && m.Entries.Count > 0) is { } child
            ? Math.Max(1, child.Entries[0].Key.Start.Column - map.Entries[0].Key.Start.Column)
            : 2;

    private void InsertLinesAfter(int index, string lines)
    {
        var newline = _text.IndexOf('\n', Math.Min(index, _text.Length));
        if (newline < 0)
        {
            Splice(_text.Length, _text.Length, _newline + lines);
            return;
        }
        Splice(newline + 1, newline + 1, lines);
    }

    private void Insert(int index, string text) => Splice(index, index, text);

    private void Replace(int start, int end, string text, bool leadingSpace) => Splice(start, end, (leadingSpace ? " " : "") + text);

    private void Splice(int start, int end, string text) => _splices.Add(new TextSplice(start, end, text, _splices.Count));

    private int LineStart(int index) => index <= 0 ? 0 : _text.LastIndexOf('\n', index - 1) + 1;

    /// <summary>Index of the '\n' (or '\r' of "\r\n") ending the line that holds <paramref name="index"/>, or the text length.</summary>
    private int LineEnd(int index)
    {
        var newline = _text.IndexOf('\n', Math.Min(index, _text.Length));
        if (newline < 0)
        {
            return _text.Length;
        }
        return newline > 0 && _text[newline - 1] == '\r' ? newline - 1 : newline;
    }

    private bool IsBlankLine(int lineStart)
    {
        var end = LineEnd(lineStart);
        return string.IsNullOrWhiteSpace(_text[lineStart..end]);
    }

    private bool IsBlankLineBefore(int index)
    {
        var start = LineStart(index);
        return start > 0 && IsBlankLine(LineStart(start - 1));
    }

    private FlagkeeperError Unsupported(string why) => ErrorCodes.UnsupportedEdit.Create($"{_displayPath}: {why}");
}
