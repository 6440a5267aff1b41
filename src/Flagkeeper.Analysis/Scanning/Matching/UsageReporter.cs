using Flagkeeper.Analysis.Scanning.Usages;
namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// Turns a key's byte offset into a <see cref="Usage"/> for the sink, once per offset: a second shape or a
/// custom pattern finding the same key does not report it twice.
/// </summary>
internal sealed class UsageReporter
{
    private readonly HashSet<int> _reported = [];
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
        _sink!.Add(new Usage(_file, line, column, UsageKind.Usage, _text.Decode(start, length), patternId, _text.LineText(start)));
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
        _sink!.Add(new Usage(_file, line, column, UsageKind.Dynamic, null, patternId, _text.LineText(start),
            argument.Length > FileText.MaxTextLength ? argument[..FileText.MaxTextLength] : argument));
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
