namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>Line starts of a source text, built on first use: offsets to 1-based lines and UTF-16 columns and back.</summary>
internal sealed class LineIndex(string text)
{
    private int[]? _starts;

    /// <summary>1-based line and UTF-16 column of an offset.</summary>
    public (int Line, int Column) Position(int offset)
    {
        var starts = Starts();
        var line = Array.BinarySearch(starts, offset);
        line = line < 0 ? ~line - 1 : line;
        return (line + 1, offset - starts[line] + 1);
    }

    /// <summary>The offset of a 1-based line and column (clamped to the text).</summary>
    public int OffsetOf(int line, int column)
    {
        var starts = Starts();
        return line < 1 || line > starts.Length ? text.Length : Math.Min(text.Length, starts[line - 1] + column - 1);
    }

    private int[] Starts()
    {
        if (_starts is null)
        {
            var starts = new List<int> { 0 };
            for (var at = text.IndexOf('\n'); at >= 0; at = text.IndexOf('\n', at + 1))
            {
                starts.Add(at + 1);
            }
            _starts = [.. starts];
        }
        return _starts;
    }
}
