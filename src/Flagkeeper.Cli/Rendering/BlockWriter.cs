using System.Text;

namespace Flagkeeper.Cli.Rendering;

/// <summary>
/// Gathers many small writes into blocks for a writer that flushes every write: the console's standard output
/// makes a system call per <c>WriteLine</c>, 118,000 of them for a dense tree's text report. On the real standard
/// output (<see cref="For"/>) the blocks are encoded here and written to the stream itself: the console's writer
/// would cut each block again into 256-byte writes (10,000 system calls for a 10,000-flag table). Disposing (or
/// <see cref="Flush"/>) writes what is left; the inner writer stays open.
/// </summary>
internal sealed class BlockWriter : TextWriter
{
    private const int BlockChars = 32 * 1024;

    private readonly TextWriter _inner;
    private readonly Stream? _stream;
    private readonly Encoder? _encoder;
    private readonly byte[] _bytes = [];
    private readonly char[] _block = new char[BlockChars];
    private int _used;

    /// <summary>Blocks handed to <paramref name="inner"/> as text.</summary>
    public BlockWriter(TextWriter inner)
        : this(inner, null)
    {
    }

    /// <summary>Blocks encoded with <paramref name="inner"/>'s encoding and written to <paramref name="stream"/>, which this writer owns.</summary>
    internal BlockWriter(TextWriter inner, Stream? stream)
    {
        _inner = inner;
        NewLine = inner.NewLine; // every WriteLine overload ends its line as the inner writer would
        if (stream is not null)
        {
            inner.Flush(); // what was written before goes out first
            _stream = stream;
            _encoder = inner.Encoding.GetEncoder(); // keeps a surrogate pair split across two blocks whole
            _bytes = new byte[inner.Encoding.GetMaxByteCount(BlockChars)];
        }
    }

    /// <summary>A block writer for <paramref name="output"/>: straight to the stream when it is the process's standard output.</summary>
    public static BlockWriter For(TextWriter output) =>
        ReferenceEquals(output, Console.Out) ? new BlockWriter(output, Console.OpenStandardOutput()) : new BlockWriter(output);

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
                Emit(buffer); // larger than a block: as it is
                return;
            }
        }
        buffer.CopyTo(_block.AsSpan(_used));
        _used += buffer.Length;
    }

    public override void Flush()
    {
        WriteBlock();
        if (_stream is null)
        {
            _inner.Flush();
            return;
        }
        _encoder!.Convert([], _bytes, flush: true, out _, out var produced, out _); // a dangling high surrogate, as the writer would
        _stream.Write(_bytes, 0, produced);
        _stream.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
            _stream?.Dispose();
        }
        base.Dispose(disposing);
    }

    private void WriteBlock()
    {
        if (_used > 0)
        {
            Emit(_block.AsSpan(0, _used));
            _used = 0;
        }
    }

    private void Emit(ReadOnlySpan<char> chars)
    {
        if (_stream is null)
        {
            _inner.Write(chars);
            return;
        }
        while (!chars.IsEmpty)
        {
            _encoder!.Convert(chars, _bytes, flush: false, out var used, out var produced, out _);
            _stream.Write(_bytes, 0, produced);
            chars = chars[used..];
        }
    }
}
