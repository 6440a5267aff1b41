using System.Text;

namespace Flagkeeper.Cli.Rendering;

/// <summary>
/// Gathers many small writes into blocks for a writer that flushes every write: the console's standard output
/// makes a system call per <c>WriteLine</c>, 118,000 of them for a dense tree's text report. Disposing (or
/// <see cref="Flush"/>) writes what is left; the inner writer stays open.
/// </summary>
internal sealed class BlockWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly char[] _block = new char[32 * 1024];
    private int _used;

    public BlockWriter(TextWriter inner)
    {
        _inner = inner;
        NewLine = inner.NewLine; // every WriteLine overload ends its line as the inner writer would
    }

    public override Encoding Encoding => _inner.Encoding;

    public override IFormatProvider FormatProvider => _inner.FormatProvider;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (_used + buffer.Length > _block.Length)
        {
            WriteBlock();
            if (buffer.Length > _block.Length)
            {
                _inner.Write(buffer); // larger than a block: as it is
                return;
            }
        }
        buffer.CopyTo(_block.AsSpan(_used));
        _used += buffer.Length;
    }

    public override void Flush()
    {
        WriteBlock();
        _inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }
        base.Dispose(disposing);
    }

    private void WriteBlock()
    {
        if (_used > 0)
        {
            _inner.Write(_block.AsSpan(0, _used));
            _used = 0;
        }
    }
}
