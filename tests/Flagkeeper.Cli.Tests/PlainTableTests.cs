using Flagkeeper.Cli.Rendering;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `flags list` writes its table itself when the output is redirected; it must be byte for byte the table
/// Spectre draws, and Spectre must still draw it whenever the plain path cannot promise that.
/// </summary>
public class PlainTableTests
{
    [Fact]
    public void A_redirected_table_is_exactly_the_one_spectre_draws()
    {
        var table = Table(("new-checkout", "on"), ("x", "off"), ("a-much-longer-flag-key.with:all_the-characters", "on"));

        Assert.Equal(Spectre(table), Plain(table));
    }

    [Fact]
    public void A_table_of_ten_thousand_rows_is_exactly_the_one_spectre_draws()
    {
        var table = Table([.. Enumerable.Range(0, 10_000).Select(i => ($"flag-{i}", i % 3 == 0 ? "off" : "on"))]);

        Assert.Equal(Spectre(table), Plain(table));
    }

    [Theory]
    [InlineData("cafe\u0301")] // Spectre measures wide and combining characters; the plain path would not
    [InlineData("日本語")]
    [InlineData("tab\there")]
    public void Cells_that_are_not_printable_ascii_go_to_spectre(string owner)
    {
        var table = Table(("flag", owner));

        var plain = Plain(table);

        Assert.Equal(Spectre(table), plain);
    }

    [Fact]
    public void A_table_wider_than_the_output_goes_to_spectre()
    {
        var table = Table(("flag", new string('x', 300)));

        Assert.Equal(Spectre(table, width: 80), Plain(table, width: 80));
    }

    private static PlainTable Table(params (string Key, string State)[] rows)
    {
        var table = new PlainTable("key", "owner", "enabled");
        foreach (var (key, state) in rows)
        {
            table.AddRow([key, state, state], [null, null, state == "on" ? "green" : "grey"]);
        }
        return table;
    }

    private static string Plain(PlainTable table, int width = 240)
    {
        using var output = new StringWriter();
        table.Write(Terminal.For(output, redirected: true, width), output);
        return output.ToString();
    }

    private static string Spectre(PlainTable table, int width = 240)
    {
        using var output = new StringWriter();
        table.WriteWithSpectre(Terminal.For(output, redirected: true, width));
        return output.ToString();
    }
}
