using Flagkeeper.Cli.Rendering;

namespace Flagkeeper.Cli.Tests;

public sealed class BlockWriterTests
{
    /// <summary>A writer that counts the writes that reach it, like the console's (one system call each).</summary>
    private sealed class CountingWriter : StringWriter
    {
        public int Writes { get; private set; }
        public bool Disposed { get; private set; }

        // The block writer hands on spans only (StringWriter's own span write goes on to its char[] one when subclassed).
        public override void Write(ReadOnlySpan<char> buffer) { Writes++; base.Write(buffer); }
        protected override void Dispose(bool disposing) { Disposed = true; base.Dispose(disposing); }
    }

    [Fact]
    public void Many_lines_reach_the_writer_whole_and_in_order_in_a_few_blocks()
    {
        var inner = new CountingWriter();
        var expected = new System.Text.StringBuilder();
        using (var output = new BlockWriter(inner))
        {
            for (var i = 0; i < 20_000; i++)
            {
                output.WriteLine($"src/file{i}.cs:{i}:1  flag-{i}  (is-enabled)");
                expected.Append($"src/file{i}.cs:{i}:1  flag-{i}  (is-enabled)").Append(inner.NewLine);
                output.Write('x');
                expected.Append('x');
            }
        }

        Assert.Equal(expected.ToString(), inner.ToString());
        Assert.InRange(inner.Writes, 1, (expected.Length / (32 * 1024)) + 2);
        Assert.False(inner.Disposed);
    }

    [Fact]
    public void A_text_larger_than_a_block_is_written_as_it_is_after_what_came_before()
    {
        var inner = new CountingWriter();
        var big = new string('y', 100_000);
        using (var output = new BlockWriter(inner))
        {
            output.Write("before ");
            output.Write(big);
            output.Write(" after");
        }
        Assert.Equal("before " + big + " after", inner.ToString());
        Assert.Equal(3, inner.Writes);
    }

    [Fact]
    public void Nothing_is_written_before_a_block_fills_or_the_writer_is_flushed()
    {
        var inner = new CountingWriter();
        using var output = new BlockWriter(inner);
        output.WriteLine("one line");
        Assert.Equal("", inner.ToString());
        output.Flush();
        Assert.Equal("one line" + inner.NewLine, inner.ToString());
    }

    /// <summary>A stream that counts the writes that reach it (each one a system call on the real standard output).</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }
        public bool Closed { get; private set; }

        public override void Write(byte[] buffer, int offset, int count) { Writes++; base.Write(buffer, offset, count); }
        protected override void Dispose(bool disposing) { Closed = true; base.Dispose(disposing); }
    }

    [Fact]
    public void To_a_stream_the_text_is_encoded_whole_even_where_a_block_cuts_a_character_in_two()
    {
        var inner = new StreamWriter(Stream.Null, new System.Text.UTF8Encoding(false)) { NewLine = "\n" }; // the console's: UTF-8
        var stream = new CountingStream();
        var expected = new System.Text.StringBuilder();
        using (var output = new BlockWriter(inner, stream))
        {
            // 32,767 characters, then a surrogate pair: the block ends between its two halves.
            output.Write(new string('a', (32 * 1024) - 1));
            expected.Append('a', (32 * 1024) - 1);
            for (var i = 0; i < 20_000; i++)
            {
                output.WriteLine($"src/caf\u00e9{i}.cs:{i}:1  \U0001F680-{i}");
                expected.Append($"src/caf\u00e9{i}.cs:{i}:1  \U0001F680-{i}").Append('\n');
            }
            output.Write(new string('z', 100_000)); // larger than a block
            expected.Append('z', 100_000);
        }

        Assert.True(stream.Closed);
        Assert.Equal(expected.ToString(), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        Assert.DoesNotContain("\uFFFD", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        Assert.InRange(stream.Writes, 1, (expected.Length / (32 * 1024)) + 6);
    }

    [Fact]
    public void To_a_stream_what_the_text_writer_held_goes_out_first()
    {
        var stream = new MemoryStream();
        var inner = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1024, leaveOpen: true) { AutoFlush = false };
        inner.Write("held ");
        using (var output = new BlockWriter(inner, stream))
        {
            output.Write("then this");
        }
        Assert.Equal("held then this", System.Text.Encoding.UTF8.GetString(stream.ToArray())); // ToArray reads a closed MemoryStream too
    }
}
