using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Caching;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Cli.Rendering.Reports;

/// <summary>
/// Keeps a copy of the report's usages, as they are written out, for the next scan of the same tree
/// (<see cref="RenderedUsages"/>). A copy that cannot be written stops, with a warning: the report itself goes on.
/// </summary>
internal sealed class RenderedCopy : IDisposable
{
    private readonly string _directory;
    private RenderedUsages.Writer? _writer;

    private RenderedCopy(string directory, RenderedUsages.Writer? writer)
    {
        _directory = directory;
        _writer = writer;
    }

    /// <summary>Why the copy was not kept, or null.</summary>
    public FlagkeeperError? Problem { get; private set; }

    /// <summary>A copy into <paramref name="slot"/>; one that keeps nothing when the scan gave none.</summary>
    public static RenderedCopy Start(RenderedSlot? slot)
    {
        if (slot is null)
        {
            return new RenderedCopy("", null);
        }
        var copy = new RenderedCopy(slot.Directory, null);
        try
        {
            copy._writer = slot.Begin();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            copy.Fail(ex);
        }
        return copy;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_writer is null)
        {
            return;
        }
        try
        {
            _writer.Body.Write(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail(ex);
        }
    }

    /// <summary>Puts the copy in place once the whole report's usages went through <see cref="Write"/>.</summary>
    public void Commit()
    {
        try
        {
            _writer?.Commit();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail(ex);
        }
    }

    public void Dispose()
    {
        try
        {
            _writer?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Problem ??= Warning(ex);
        }
        _writer = null;
    }

    private void Fail(Exception ex)
    {
        Problem ??= Warning(ex);
        Dispose();
    }

    private FlagkeeperError Warning(Exception ex) =>
        ErrorCodes.CacheWriteFailed.Create($"the report's usages could not be kept in {_directory} for the next scan: {ex.Message}");
}
