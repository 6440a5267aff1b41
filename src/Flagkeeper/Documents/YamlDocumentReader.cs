using System.Text.RegularExpressions;
using Flagkeeper.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Flagkeeper.Documents;

/// <summary>
/// Reads YAML through YamlDotNet's event parser (not its object model, which drops positions
/// and would expand alias bombs). Aliases resolve to the anchored node and count against
/// <see cref="DocumentLimits.MaxNodes"/> as if expanded; nesting is bounded by MaxDepth.
/// </summary>
internal sealed partial class YamlDocumentReader
{
    private readonly string _path;
    private readonly string _text;
    private readonly DocumentLimits _limits;
    private readonly ErrorDescriptor _syntaxError;
    private readonly Dictionary<string, (DocNode Node, int Size)> _anchors = new(StringComparer.Ordinal);
    private int _nodes;
    private YamlDotNet.Core.Mark _lastGood = YamlDotNet.Core.Mark.Empty;

    private YamlDocumentReader(string path, string text, DocumentLimits limits, ErrorDescriptor syntaxError)
    {
        _path = path;
        _text = text;
        _limits = limits;
        _syntaxError = syntaxError;
    }

    /// <summary>
    /// Reads with <see cref="PlainYamlReader"/> when the text is plain registry YAML (the same tree, many
    /// times faster), otherwise with YamlDotNet, which also reports every error.
    /// </summary>
    public static DocNode? Read(string path, string text, DocumentLimits limits, ErrorDescriptor syntaxError) =>
        Read(path, text, limits, syntaxError, out _);

    /// <param name="plainNodes">The nodes when the fast reader read the whole text (a region may then be read again on its own), else 0.</param>
    public static DocNode? Read(string path, string text, DocumentLimits limits, ErrorDescriptor syntaxError, out int plainNodes)
    {
        var plain = PlainYamlReader.TryRead(text, limits, out var root, out plainNodes);
        return plain ? root : ReadWithYamlDotNet(path, text, limits, syntaxError);
    }

    internal static DocNode? ReadWithYamlDotNet(string path, string text, DocumentLimits limits, ErrorDescriptor syntaxError)
    {
        var reader = new YamlDocumentReader(path, text, limits, syntaxError);
        try
        {
            return reader.ReadStream(new Parser(new StringReader(text)));
        }
        catch (YamlException ex)
        {
            var at = ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? TabIndentation(text) ?? ex.Start : ex.Start;
            throw new DocumentException(syntaxError.Create(CleanMessage(ex.Message), reader.Location(at)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed flow collections instead of a YamlException.
            throw new DocumentException(syntaxError.Create("malformed YAML after this point (an unclosed '[' or '{'?)", reader.Location(reader._lastGood)));
        }
    }

    /// <summary>YamlDotNet reports a tab indentation at the start of the enclosing mapping; point at the tab itself.</summary>
    private static YamlDotNet.Core.Mark? TabIndentation(string text)
    {
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                continue;
            }
            var lineStart = i == 0 || text[i - 1] == '\n';
            if (lineStart)
            {
                var j = i;
                while (j < text.Length && text[j] == ' ')
                {
                    j++;
                }
                if (j < text.Length && text[j] == '\t')
                {
                    return new YamlDotNet.Core.Mark(j, line, j - i + 1);
                }
            }
        }
        return null;
    }

    private DocNode? ReadStream(Parser parser)
    {
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        var root = ReadNode(parser, depth: 1).Node;
        parser.Consume<DocumentEnd>();
        if (!parser.Accept<StreamEnd>(out _))
        {
            var extra = parser.Current!;
            throw Fail(_syntaxError, "only one YAML document is allowed here; remove the second '---' document", extra.Start);
        }
        return root;
    }

    private (DocNode Node, int Size) ReadNode(IParser parser, int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            throw Fail(ErrorCodes.RegistryTooDeep, $"nesting deeper than {_limits.MaxDepth} levels", parser.Current!.Start);
        }

        _lastGood = parser.Current?.End ?? _lastGood;
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
            {
                throw Fail(_syntaxError, $"alias '*{alias.Value.Value}' refers to no anchor", alias.Start);
            }
            Count(anchored.Size, alias.Start);
            return anchored;
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            Count(1, scalar.Start);
            var end = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded ? ContentEnd(scalar.Start, scalar.End) : Mark(scalar.End);
            var node = ScalarNode.Create(scalar.Value, scalar.Style is not ScalarStyle.Plain, Mark(scalar.Start), end);
            return Remember(scalar.Anchor, node, 1);
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            Count(1, sequenceStart.Start);
            var items = new List<DocNode>();
            var size = 1;
            SequenceEnd? sequenceEnd;
            while (!parser.TryConsume<SequenceEnd>(out sequenceEnd))
            {
                var (item, itemSize) = ReadNode(parser, depth + 1);
                items.Add(item);
                size += itemSize;
            }
            var flow = sequenceStart.Style == SequenceStyle.Flow;
            // A flow list ends at its ']'; a block list at the end of its last item.
            var endMark = flow ? AfterBracket(sequenceEnd.Start, ']') : EndOf(items, sequenceStart.End);
            var sequence = new SequenceNode(items, flow, Mark(sequenceStart.Start), endMark);
            return Remember(sequenceStart.Anchor, sequence, size);
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            Count(1, mappingStart.Start);
            var entries = new List<MappingEntry>();
            var size = 1;
            MappingEnd? mappingEnd;
            while (!parser.TryConsume<MappingEnd>(out mappingEnd))
            {
                var keyEvent = parser.Current!;
                var (key, keySize) = ReadNode(parser, depth + 1);
                if (key is not ScalarNode scalarKey)
                {
                    throw Fail(_syntaxError, "a mapping key must be a plain value, not a list or mapping", keyEvent.Start);
                }
                var (value, valueSize) = ReadNode(parser, depth + 1);
                entries.Add(new MappingEntry(scalarKey, value));
                size += keySize + valueSize;
            }
            var flow = mappingStart.Style == MappingStyle.Flow;
            // A flow mapping ends at its '}'; a block mapping at the end of its last value.
            var endMark = flow ? AfterBracket(mappingEnd.Start, '}') : EndOf(entries.Select(e => e.Value).ToList(), mappingStart.End);
            var mapping = new MappingNode(entries, flow, Mark(mappingStart.Start), endMark);
            return Remember(mappingStart.Anchor, mapping, size);
        }

        var unexpected = parser.Current!;
        throw Fail(_syntaxError, $"unexpected {unexpected.GetType().Name}", unexpected.Start);
    }

    /// <summary>
    /// A '|' or '>' block ends, for YamlDotNet, at the start of the next line; for the editor it ends after
    /// its last non-blank character, so inserted lines go right after it.
    /// </summary>
    private DocMark ContentEnd(YamlDotNet.Core.Mark start, YamlDotNet.Core.Mark end)
    {
        var index = (int)Math.Min(end.Index, _text.Length);
        while (index > start.Index && char.IsWhiteSpace(_text[index - 1]))
        {
            index--;
        }
        return MarkAt(index, end);
    }

    /// <summary>The position just after the closing bracket of a flow collection.</summary>
    private DocMark AfterBracket(YamlDotNet.Core.Mark endEvent, char bracket)
    {
        var index = (int)Math.Min(endEvent.Index, _text.Length);
        if (index < _text.Length && _text[index] == bracket)
        {
            index++;
        }
        return MarkAt(index, endEvent);
    }

    /// <summary>The mark of <paramref name="index"/>, counting lines only between it and a nearby known mark.</summary>
    private DocMark MarkAt(int index, YamlDotNet.Core.Mark near)
    {
        var line = (int)near.Line;
        var from = (int)Math.Min(near.Index, _text.Length);
        for (var i = Math.Min(index, from); i < Math.Max(index, from); i++)
        {
            if (_text[i] == '\n')
            {
                line += index < from ? -1 : 1;
            }
        }
        var lineStart = index == 0 ? 0 : _text.LastIndexOf('\n', index - 1) + 1;
        return new DocMark(index, line, index - lineStart + 1);
    }

    private static DocMark EndOf(List<DocNode> children, YamlDotNet.Core.Mark fallback) =>
        children.Count > 0 ? children[^1].End : Mark(fallback);

    private (DocNode, int) Remember(AnchorName anchor, DocNode node, int size)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, size);
        }
        return (node, size);
    }

    private void Count(int nodes, YamlDotNet.Core.Mark at)
    {
        _nodes += nodes;
        if (_nodes > _limits.MaxNodes)
        {
            throw Fail(ErrorCodes.RegistryTooManyNodes, $"more than {_limits.MaxNodes:N0} values, counting each alias use as a copy", at);
        }
    }

    private DocumentException Fail(ErrorDescriptor descriptor, string message, YamlDotNet.Core.Mark at) =>
        new(descriptor.Create(message, Location(at)));

    private SourceLocation Location(YamlDotNet.Core.Mark mark) => new(_path, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static DocMark Mark(YamlDotNet.Core.Mark mark) => new((int)mark.Index, (int)mark.Line, (int)mark.Column);

    // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 3) - (Line: …): "; we print our own location.
    private static string CleanMessage(string message)
    {
        var cleaned = PositionPrefix().Replace(message, "");
        return cleaned.Length == 0 ? "invalid YAML" : char.ToLowerInvariant(cleaned[0]) + cleaned[1..];
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
