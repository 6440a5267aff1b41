namespace Flagkeeper.Cli.Tests;

/// <summary>xUnit silently skips a theory row whose arguments repeat another's; every row here must run.</summary>
public class TheoryRowTests
{
    [Fact]
    public void No_theory_has_duplicate_rows() => Assert.Empty(TheoryRows.Duplicates(typeof(TheoryRowTests).Assembly));
}
