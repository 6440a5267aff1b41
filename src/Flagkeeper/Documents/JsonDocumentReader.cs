using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Documents;

/// <summary>
/// Reads JSON with <see cref="Utf8JsonReader"/> into the same positioned tree as YAML, so one binder
/// serves both. Comments and trailing commas are accepted (appsettings.json allows them).
/// </summary>
internal sealed partial class JsonDocumentReader
{
    private readonly string _path;
    private readonly byte[] _utf8;
    private readonly DocumentLimits _limits;
    private readonly ErrorDescriptor _syntaxError;
    private readonly LineMap _lines;
    private int _nodes;

    private JsonDocumentReader(string path, string text, DocumentLimits limits, ErrorDescriptor syntaxError)
    {
        _path = path;
        _utf8 = Encoding.UTF8.GetBytes(text);
        _limits = limits;
        _syntaxError = syntaxError;
        _lines = new LineMap(_utf8);
    }

    public static DocNode? Read(string path, string text, DocumentLimits limits, ErrorDescriptor syntaxError)
    {
        if (IsOnlyCommentsAndWhitespace(text))
        {
            return null;
        }

        var reader = new JsonDocumentReader(path, text, limits, syntaxError);
        var json = new Utf8JsonReader(reader._utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            // One more than ours, so our own limit (with its clearer message) fires first.
            MaxDepth = limits.MaxDepth + 1,
        });
        try
        {
            if (!json.Read())
            {
                return null;
            }
            var root = reader.ReadValue(ref json, depth: 1);
            if (json.Read())
            {
                throw reader.Fail(syntaxError, "unexpected content after the end of the JSON value", json.TokenStartIndex);
            }
            return root;
        }
        catch (JsonException ex)
        {
            var (line, column) = reader._lines.Position(reader._utf8, (int)(ex.LineNumber ?? 0), (int)(ex.BytePositionInLine ?? 0));
            var message = JsonPositionSuffix().Replace(ex.Message, "").TrimEnd('.', ' ');
            message = message.Length == 0 ? "invalid JSON" : char.ToLowerInvariant(message[0]) + message[1..];
            throw new DocumentException(syntaxError.Create(message, new SourceLocation(path, line, column)));
        }
    }

    /// <summary>True when the text holds no JSON token: only whitespace and // or /* */ comments.</summary>
    private static bool IsOnlyCommentsAndWhitespace(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (text.AsSpan(i).StartsWith("//"))
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (text.AsSpan(i).StartsWith("/*"))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return false; // an unclosed comment is a syntax error, reported by the reader
                }
                i = end + 2;
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    private DocNode ReadValue(ref Utf8JsonReader json, int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            throw Fail(ErrorCodes.RegistryTooDeep, $"nesting deeper than {_limits.MaxDepth} levels", json.TokenStartIndex);
        }
        Count(json.TokenStartIndex);
        var start = Mark(json.TokenStartIndex);
        switch (json.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var entries = new List<MappingEntry>();
                while (json.Read() && json.TokenType != JsonTokenType.EndObject)
                {
                    var keyStart = Mark(json.TokenStartIndex);
                    var name = json.GetString()!;
                    var key = ScalarNode.Create(name, quoted: true, keyStart, Mark(json.BytesConsumed));
                    json.Read();
                    entries.Add(new MappingEntry(key, ReadValue(ref json, depth + 1)));
                }
                return new MappingNode(entries, flow: true, start, Mark(json.BytesConsumed));
            }
            case JsonTokenType.StartArray:
            {
                var items = new List<DocNode>();
                while (json.Read() && json.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref json, depth + 1));
                }
                return new SequenceNode(items, flow: true, start, Mark(json.BytesConsumed));
            }
            case JsonTokenType.String:
                return ScalarNode.Create(json.GetString()!, quoted: true, start, Mark(json.BytesConsumed));
            case JsonTokenType.Null:
                return ScalarNode.Create("null", quoted: false, start, Mark(json.BytesConsumed));
            default: // numbers and booleans keep their literal text
                return ScalarNode.Create(Encoding.UTF8.GetString(json.ValueSpan), quoted: false, start, Mark(json.BytesConsumed));
        }
    }

    private void Count(long offset)
    {
        if (++_nodes > _limits.MaxNodes)
        {
            throw Fail(ErrorCodes.RegistryTooManyNodes, $"more than {_limits.MaxNodes} values", offset);
        }
    }

    private DocumentException Fail(ErrorDescriptor descriptor, string message, long offset)
    {
        var mark = Mark(offset);
        return new DocumentException(descriptor.Create(message, new SourceLocation(_path, mark.Line, mark.Column)));
    }

    private DocMark Mark(long byteOffset) => _lines.Mark(_utf8, (int)byteOffset);

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex JsonPositionSuffix();

    /// <summary>Turns byte offsets into line, UTF-16 column and character index.</summary>
    private sealed class LineMap
    {
        private readonly List<int> _lineStarts = [0];
        private readonly List<int> _lineCharStarts = [0];

        public LineMap(byte[] utf8)
        {
            var chars = 0;
            var lineStart = 0;
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    chars += Encoding.UTF8.GetCharCount(utf8, lineStart, i + 1 - lineStart);
                    lineStart = i + 1;
                    _lineStarts.Add(lineStart);
                    _lineCharStarts.Add(chars);
                }
            }
        }

        /// <summary>1-based line and UTF-16 column of a 0-based line and byte position in that line.</summary>
        public (int Line, int Column) Position(byte[] utf8, int line, int byteInLine)
        {
            if (line >= _lineStarts.Count)
            {
                return (line + 1, byteInLine + 1);
            }
            var length = Math.Clamp(byteInLine, 0, utf8.Length - _lineStarts[line]);
            return (line + 1, Encoding.UTF8.GetCharCount(utf8, _lineStarts[line], length) + 1);
        }

        public DocMark Mark(byte[] utf8, int offset)
        {
            var line = _lineStarts.BinarySearch(offset);
            if (line < 0)
            {
                line = ~line - 1;
            }
            var column = Encoding.UTF8.GetCharCount(utf8, _lineStarts[line], offset - _lineStarts[line]);
            return new DocMark(_lineCharStarts[line] + column, line + 1, column + 1);
        }
    }
}
