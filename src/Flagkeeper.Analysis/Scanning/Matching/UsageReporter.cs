using System.Text;
using Flagkeeper.Analysis.Scanning.Usages;
namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// Turns a key's byte offset into a <see cref="Usage"/> for the sink, once per offset: a second shape or a
/// custom pattern finding the same key does not report it twice.
/// </summary>
internal sealed class UsageReporter
{
    /// <summary>More distinct keys than this per worker and the rest get a string each, so hostile input cannot grow the table.</summary>
    internal const int MaxSharedKeys = 4096;

    private readonly HashSet<int> _reported = [];

    // One string per distinct ASCII key for the worker's whole scan: a dense tree names the same few hundred flags
    // thousands of times, and each usage lives until the scan's output is written.
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private FileText _text = new();
    private string _file = "";
    private IUsageSink? _sink;
    private bool _returnedCheck;

    /// <summary>How many usages were reported for this file so far.</summary>
    public int Count { get; private set; }

    public void Begin(FileText text, string file, IUsageSink sink)
    {
        _text = text;
        _file = file;
        _sink = sink;
        _reported.Clear();
        Count = 0;
        _returnedCheck = false;
    }

    /// <summary>A literal usage whose key is at file offset <paramref name="start"/>.</summary>
    public void Literal(string patternId, int start, int length)
    {
        if (length <= 0 || !_reported.Add(start))
        {
            return;
        }
        var (line, column) = _text.Position(start);
        Count++;
        NoteReturned(start);
        _sink!.Add(NewUsage(line, column, UsageKind.Usage, Key(start, length), patternId, start, argument: null));
    }

    /// <summary>A dynamic usage whose argument is at file offset <paramref name="start"/>.</summary>
    public void Dynamic(string patternId, int start, int length)
    {
        if (!_reported.Add(start))
        {
            return;
        }
        var (line, column) = _text.Position(start);
        var argument = _text.Decode(start, length);
        Count++;
        NoteReturned(start);
        _sink!.Add(NewUsage(line, column, UsageKind.Dynamic, null, patternId, start,
            argument.Length > FileText.MaxTextLength ? argument[..FileText.MaxTextLength] : argument));
    }

    private Usage NewUsage(int line, int column, UsageKind kind, string? flag, string patternId, int offset, string? argument)
    {
        var text = _text.LineText(offset);
        return text.Text is { } decoded
            ? new Usage(_file, line, column, kind, flag, patternId, decoded, argument)
            : new Usage(_file, line, column, kind, flag, patternId, text.Ascii, argument);
    }

    /// <summary>The key at <paramref name="start"/>, decoded as UTF-8; an ASCII key is the string this worker already holds for it, if any.</summary>
    private string Key(int start, int length)
    {
        if (!Ascii.IsValid(_text.Bytes.Slice(start, length)))
        {
            return _text.Decode(start, length);
        }
        // ASCII: the widened chars are the decoded key, looked up without a string.
        var chars = _text.Chars.Slice(start, length);
        if (_keys.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var shared))
        {
            return shared;
        }
        var key = new string(chars);
        if (_keys.Count < MaxSharedKeys)
        {
            _keys.Add(key, key);
        }
        return key;
    }

    private void NoteReturned(int start)
    {
        if (!_returnedCheck && ReturnedExpression.MayHold(_text.Bytes, start))
        {
            _returnedCheck = true;
            _sink!.ReturnedCheck();
        }
    }
}
