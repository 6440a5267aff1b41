using System.Runtime;

namespace Flagkeeper.Cli.Invocation;

/// <summary>
/// No garbage collection while a <c>flags</c> command or a scan with a cache to reload runs, up to <see cref="Budget"/>
/// bytes allocated. A warm scan keeps what it reloads until it writes it out, like a <c>flags</c> command its registry:
/// a warm scan of the sparse corpus went 317 -> 243 ms (pairwise median 0.78) and 72 -> 66 MB. A <c>flags</c> command
/// reads the registry, edits or prints it and exits; nearly all it allocates (the registry's tree and flags) lives until
/// then, so a collection frees little, copies what lives and then touches fresh memory anyway. On a 10,000-flag
/// registry <c>kill --all</c> collected twice, 30 to 50 ms of its 145; without it took 128 ms and its peak fell from 91
/// to 72 MB. Past the budget the runtime collects as usual, so a larger registry costs what it cost before.
/// </summary>
internal sealed class CollectionPause : IDisposable
{
    /// <summary>Under the 100 MB a <c>flags</c> command may hold on a 10,000-flag registry (issue "Trust under pressure").</summary>
    internal const long Budget = 96L * 1024 * 1024;

    private CollectionPause(bool paused, int collectionsBefore) => (Paused, CollectionsBefore) = (paused, collectionsBefore);

    /// <summary>False when the runtime refused (already paused, or a budget it cannot give).</summary>
    public bool Paused { get; }

    private int CollectionsBefore { get; }

    /// <summary>How many collections ran since the pause began (none while it holds).</summary>
    public int Collections => GC.CollectionCount(0) - CollectionsBefore;

    /// <summary>Pauses collection for a command of <paramref name="commandPath"/> ("flagkeeper flags kill"); other commands run as usual.</summary>
    public static CollectionPause? For(IReadOnlyList<string> commandPath) =>
        commandPath is [_, "flags", ..] ? Start() : null;

    /// <summary>
    /// For a scan's <c>BeforeCacheLoad</c>: a run with a scan cache to reload keeps most of what it allocates until it
    /// ends, so it takes a pause (kept in <paramref name="context"/>, ended with the command) unless it holds one.
    /// </summary>
    public static Action<bool> WhenCacheFound(CliContext context) => cached => context.Pause ??= cached ? Start() : null;

    /// <remarks>Starting a pause collects once (the heap is still small then): counted before the pause, not in it.</remarks>
    public static CollectionPause Start()
    {
        bool paused;
        try
        {
            paused = GC.TryStartNoGCRegion(Budget);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentOutOfRangeException)
        {
            paused = false; // already in a pause, or more than this runtime's segment allows
        }
        return new CollectionPause(paused, GC.CollectionCount(0));
    }

    public void Dispose()
    {
        if (!Paused || GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
        {
            return; // never paused, or the budget was spent and the runtime resumed collecting
        }
        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The budget was spent at the very end: collection has resumed either way.
        }
    }
}
