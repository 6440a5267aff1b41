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
}
