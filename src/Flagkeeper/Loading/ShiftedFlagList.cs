using Flagkeeper.Registry;

namespace Flagkeeper.Loading;

/// <summary>
/// The flags of an edited registry whose later flags moved by a number of lines, moved only when first read: an edit
/// that is checked and written without anyone reading the later flags' positions (a single <c>rollout</c>) never pays
/// for new records for every one of them (<see cref="ShiftedFlags"/>).
/// </summary>
internal sealed class ShiftedFlagList : IReadOnlyList<FlagDefinition>
{
    private readonly IReadOnlyList<FlagDefinition> _unmoved;
    private readonly int _from;
    private readonly int _lines;
    private FlagDefinition[]? _moved;

    /// <param name="unmoved">The flags, those from <paramref name="from"/> on still at their old lines; each must be movable (<see cref="ShiftedFlags.CanShift"/>).</param>
    public ShiftedFlagList(IReadOnlyList<FlagDefinition> unmoved, int from, int lines)
    {
        _unmoved = unmoved;
        _from = from;
        _lines = lines;
    }

    public int Count => _unmoved.Count;

    public FlagDefinition this[int index] => Moved[index];

    public IEnumerator<FlagDefinition> GetEnumerator() => ((IEnumerable<FlagDefinition>)Moved).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    // A benign race: every thread builds the same flags.
    private FlagDefinition[] Moved => _moved ??= Move();

    private FlagDefinition[] Move()
    {
        var moved = new FlagDefinition[_unmoved.Count];
        for (var i = 0; i < moved.Length; i++)
        {
            moved[i] = i < _from ? _unmoved[i] : ShiftedFlags.Shift(_unmoved[i], _lines)!;
        }
        return moved;
    }
}
