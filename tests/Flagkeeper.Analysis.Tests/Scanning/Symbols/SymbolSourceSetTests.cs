using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>The set the walk's threads fill and the passes enumerate: every file added is there, enumerated as often as asked.</summary>
public class SymbolSourceSetTests
{
    private static SymbolSource File(int i) => new($"src/f{i}.cs", i, (ulong)i, null, HasReturnedCheck: false);

    [Fact]
    public void Files_added_from_many_threads_are_all_enumerated_every_time()
    {
        var set = new SymbolSourceSet(_ => false);

        Parallel.For(0, 5_000, i => set.Add(File(i)));

        Assert.Equal(5_000, set.Count);
        Assert.Equal(Enumerable.Range(0, 5_000), set.Select(f => (int)f.Length).Order());
        Assert.Equal(set.Select(f => f.Path).Order(StringComparer.Ordinal), set.Select(f => f.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_file_added_after_an_enumeration_is_in_the_next()
    {
        var set = new SymbolSourceSet(_ => false);
        set.Add(File(1));
        Assert.Single(set);

        set.Add(File(2));

        Assert.Equal([1L, 2L], set.Select(f => f.Length).Order());
    }
}
