using Flagkeeper.Diagnostics;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// Where a matcher reports what it finds in one file: usages (in the order found, not file order), and the
/// facts about the file that decide how its result may be used later.
/// </summary>
internal interface IUsageSink
{
    void Add(Usage usage);

    /// <summary>The file contains <c>flagkeeper-ignore</c> (found by the prefilter, no extra pass).</summary>
    void SuppressionMarker();

    /// <summary>The file's result lacks a custom pattern that was stopped: it must not be cached as complete.</summary>
    void Incomplete();

    /// <summary>A usage may sit in a returned expression (<see cref="ReturnedExpression"/>): the file may declare a wrapper.</summary>
    void ReturnedCheck();

    void Error(FlagkeeperError error);
}

/// <summary>One file's usages, sorted by line and column when taken, plus what the matcher said about the file.</summary>
internal sealed class FileUsages : IUsageSink
{
    private readonly List<Usage> _usages = [];

    public List<FlagkeeperError> Errors { get; } = [];

    public bool HasSuppressionMarker { get; private set; }

    public bool IsIncomplete { get; private set; }

    public bool HasReturnedCheck { get; private set; }

    public void Add(Usage usage) => _usages.Add(usage);

    public void SuppressionMarker() => HasSuppressionMarker = true;

    public void Incomplete() => IsIncomplete = true;

    public void ReturnedCheck() => HasReturnedCheck = true;

    public void Error(FlagkeeperError error) => Errors.Add(error);

    /// <summary>Forgets the last file, keeping the buffers.</summary>
    public void Clear()
    {
        _usages.Clear();
        Errors.Clear();
        HasSuppressionMarker = false;
        IsIncomplete = false;
        HasReturnedCheck = false;
    }

    /// <summary>The usages in file order (a usage's key offset is unique, so line and column never tie).</summary>
    public Usage[] ToSortedArray()
    {
        if (_usages.Count > 1)
        {
            _usages.Sort(static (a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        }
        return [.. _usages];
    }
}
