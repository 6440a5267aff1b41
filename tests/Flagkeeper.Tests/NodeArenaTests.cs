using Flagkeeper.Documents;

namespace Flagkeeper.Tests;

/// <summary>The arena hands the same nodes out again after a reset, filled with the new values, and never two live ones at once.</summary>
public class NodeArenaTests
{
    [Fact]
    public void After_a_reset_the_same_nodes_are_filled_again_with_new_values_and_marks()
    {
        var arena = new NodeArena();
        var first = arena.Scalar("one", quoted: false, new DocMark(10, 2, 3), new DocMark(13, 2, 6));
        var second = arena.Scalar("two", quoted: true, new DocMark(20, 3, 3), new DocMark(25, 3, 8));
        Assert.NotSame(first, second);

        arena.Reset();
        var again = arena.Scalar("three", quoted: true, new DocMark(40, 7, 5), new DocMark(47, 7, 12));

        Assert.Same(first, again);
        Assert.Equal("three", again.Value);
        Assert.True(again.Quoted);
        Assert.Equal(new DocMark(40, 7, 5), again.Start);
        Assert.Equal(new DocMark(47, 7, 12), again.End);
    }

    [Fact]
    public void A_scalar_over_several_lines_is_a_new_node_with_its_whole_end()
    {
        var arena = new NodeArena();
        var spanning = arena.Scalar("a b", quoted: true, new DocMark(0, 1, 1), new DocMark(9, 2, 4));

        Assert.Equal(new DocMark(9, 2, 4), spanning.End);
        arena.Reset();
        Assert.NotSame(spanning, arena.Scalar("x", false, new DocMark(0, 1, 1), new DocMark(1, 1, 2)));
    }

    [Fact]
    public void Entries_mappings_and_arrays_are_reused_with_exact_lengths()
    {
        var arena = new NodeArena();
        var value = arena.Scalar("v", false, new DocMark(3, 1, 4), new DocMark(4, 1, 5));
        var entries = arena.Entries(2);
        entries[0] = arena.Entry("a", new DocMark(0, 1, 1), value);
        entries[1] = arena.Entry("b", new DocMark(6, 2, 1), value);
        var mapping = arena.Mapping(entries, flow: false, new DocMark(0, 1, 1), new DocMark(10, 2, 5));
        Assert.Equal(2, mapping.Entries.Count);
        Assert.Same(entries[1], mapping.Find("b"));

        arena.Reset();
        var reused = arena.Entries(2);
        var entry = arena.Entry("c", new DocMark(30, 4, 3), value);

        Assert.Same(entries, reused);
        Assert.Equal(2, reused.Length);
        Assert.Equal("c", entry.KeyText);
        Assert.Equal(new DocMark(30, 4, 3), entry.KeyStart);
        Assert.Equal(new DocMark(31, 4, 4), entry.Key.End);
        Assert.Equal(40, arena.Entries(40).Length);
        Assert.Same(mapping, arena.Mapping([], flow: true, default, default));
        Assert.True(mapping.Flow);
        Assert.Empty(mapping.Entries);
    }
}
