using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Flagkeeper.Cli.Rendering;

/// <summary>
/// A table of plain cells that renders itself, byte for byte as Spectre's <see cref="Table"/> does, when the
/// output has no colour and every cell is printable ASCII that fits the width; otherwise it hands the same
/// cells (with their markup) to Spectre. Spectre lays out every cell of a table before printing the first
/// row, which for 10,000 flags costs more than reading the registry; this writes a row at a time.
/// </summary>
internal sealed class PlainTable(params string[] headers)
{
    private readonly List<(string[] Text, string?[]? Colours)> _rows = [];

    public IReadOnlyList<string> Headers { get; } = headers;

    /// <param name="text">The cells as printed without colour.</param>
    /// <param name="colours">A Spectre colour for each cell, or null, used when the output has colour.</param>
    public void AddRow(string[] text, string?[]? colours = null) => _rows.Add((text, colours));

    public void Write(IAnsiConsole console, TextWriter consoleOutput)
    {
        var capabilities = console.Profile.Capabilities;
        var widths = Headers.Select(h => h.Length).ToArray();
        var plain = !capabilities.Ansi && capabilities.ColorSystem == ColorSystem.NoColors && Headers.All(IsPlainAscii);
        foreach (var (text, _) in _rows)
        {
            for (var i = 0; i < text.Length && plain; i++)
            {
                plain = IsPlainAscii(text[i]);
                widths[i] = Math.Max(widths[i], text[i].Length);
            }
        }
        if (!plain || widths.Sum() + (3 * widths.Length) + 1 > console.Profile.Width)
        {
            WriteWithSpectre(console);
            return;
        }

        var border = TableBorder.Rounded.GetSafeBorder(safe: !capabilities.Unicode);
        using var output = BlockWriter.For(consoleOutput); // the console's writer flushes every write: a system call per row
        var line = new StringBuilder(console.Profile.Width + 2);
        Rule(output, line, widths, border, TableBorderPart.HeaderTopLeft, TableBorderPart.HeaderTop, TableBorderPart.HeaderTopSeparator, TableBorderPart.HeaderTopRight);
        Row(output, line, widths, Headers, border, TableBorderPart.HeaderLeft, TableBorderPart.HeaderSeparator, TableBorderPart.HeaderRight);
        Rule(output, line, widths, border, TableBorderPart.HeaderBottomLeft, TableBorderPart.HeaderBottom, TableBorderPart.HeaderBottomSeparator, TableBorderPart.HeaderBottomRight);
        foreach (var (text, _) in _rows)
        {
            Row(output, line, widths, text, border, TableBorderPart.CellLeft, TableBorderPart.CellSeparator, TableBorderPart.CellRight);
        }
        Rule(output, line, widths, border, TableBorderPart.FooterBottomLeft, TableBorderPart.FooterBottom, TableBorderPart.FooterBottomSeparator, TableBorderPart.FooterBottomRight);
    }

    internal void WriteWithSpectre(IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns([.. Headers]);
        foreach (var (text, colours) in _rows)
        {
            table.AddRow([.. text.Select((cell, i) => colours?[i] is { } colour ? $"[{colour}]{Markup.Escape(cell)}[/]" : Markup.Escape(cell))]);
        }
        console.Write(table);
    }

    private static void Rule(TextWriter output, StringBuilder line, int[] widths, TableBorder border,
        TableBorderPart left, TableBorderPart fill, TableBorderPart separator, TableBorderPart right)
    {
        line.Clear().Append(border.GetPart(left));
        var dash = border.GetPart(fill);
        for (var i = 0; i < widths.Length; i++)
        {
            if (i > 0)
            {
                line.Append(border.GetPart(separator));
            }
            for (var j = 0; j < widths[i] + 2; j++)
            {
                line.Append(dash);
            }
        }
        output.Write(line.Append(border.GetPart(right)).Append(Environment.NewLine));
    }

    private static void Row(TextWriter output, StringBuilder line, int[] widths, IReadOnlyList<string> cells, TableBorder border,
        TableBorderPart left, TableBorderPart separator, TableBorderPart right)
    {
        line.Clear().Append(border.GetPart(left));
        for (var i = 0; i < widths.Length; i++)
        {
            if (i > 0)
            {
                line.Append(border.GetPart(separator));
            }
            line.Append(' ').Append(cells[i]).Append(' ', widths[i] - cells[i].Length + 1);
        }
        output.Write(line.Append(border.GetPart(right)).Append(Environment.NewLine));
    }

    /// <summary>Printable ASCII only: one character is one column, as Spectre measures it.</summary>
    private static bool IsPlainAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }
        return true;
    }
}
