using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Caching;

/// <summary>
/// Where usages' texts are kept as UTF-8, copied into shared blocks (4 KB doubling to 64 KB), a string made only when one is asked for
/// (<see cref="Usage.Text"/>): the scan cache's loader keeps every text so, and a scan's matcher every ASCII line. A
/// scan of the dense benchmark corpus made 123,000 strings of 80 characters for texts that were mostly written
/// straight back out as UTF-8. One instance per thread.
/// </summary>
internal sealed class TextBlocks
{
    private const int FirstBlockSize = 4 << 10;
    // Under the runtime's 85,000-byte large-object threshold: large objects are counted against a budget of their own,
    // and going over it brings on a full collection of the whole heap. With 1 MB blocks, a dense scan's texts (12 MB) made
    // three of its four collections full ones (reason: large allocation).
    private const int MaxBlockSize = 64 << 10;

    private byte[] _block = [];
    private int _used;
    private int _nextSize = FirstBlockSize; // doubling: a small tree's scan does not pay for a megabyte per thread

    /// <summary>Keeps <paramref name="utf8"/>, which the caller has checked is UTF-8 (the cache's reader, the matcher's ASCII test).</summary>
    public CachedUtf8 Add(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _block.Length - _used)
        {
            _block = new byte[Math.Max(_nextSize, utf8.Length)];
            _nextSize = Math.Min(_nextSize * 2, MaxBlockSize);
            _used = 0;
        }
        utf8.CopyTo(_block.AsSpan(_used));
        var text = new CachedUtf8(_block, _used, utf8.Length);
        _used += utf8.Length;
        return text;
    }
}
