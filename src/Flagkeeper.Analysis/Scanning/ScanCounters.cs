using System.Collections.Concurrent;

namespace Flagkeeper.Analysis.Scanning;

/// <summary>What one scan counted, added to by the walk's threads (<see cref="Interlocked"/>); read once the walk is done.</summary>
internal sealed class ScanCounters
{
    public readonly ConcurrentBag<string> MarkerFiles = [];
    public int Scanned;
    public int Binary;
    public int Large;
    public int Unreadable;
    public long BytesScanned;
    public long BytesRead;
    public long CacheHits;
    public long CacheMisses;
    public int ReadRetries;
    public int ReadRetriesRecovered;
}
