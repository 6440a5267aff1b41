using System.Text;
using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;

namespace Flagkeeper.Analysis.Tests.Scanning.Matching;

/// <summary>
/// A file with few calls far apart is matched a window of text at a time, each written over the last in one reused
/// string: every call must come out with its own key and place, whatever the window before it held.
/// </summary>
public class ShapeWindowTests
{
    [Fact]
    public void Calls_far_apart_in_a_large_file_each_read_their_own_window()
    {
        var text = new StringBuilder();
        var expected = new List<(int Line, string Key)>();
        var line = 1;
        for (var call = 0; call < 40; call++)
        {
            // Filler of varying length between calls: windows of full length, and calls at the very start and end.
            var filler = call == 0 ? 0 : 40 + (call * 7 % 45);
            for (var i = 0; i < filler; i++, line++)
            {
                text.Append("const filler").Append(i).Append(" = computeSomething(").Append(call).Append(");\n");
            }
            // Calls of different lengths, one spread over lines, so what one window held differs from the next.
            var key = $"flag-{call}-" + new string('x', call % 9);
            text.Append(call % 5 == 3 ? $"if (client.isEnabled(\n  \"{key}\",\n  ctx)) {{}}\n" : $"if (isEnabled(\"{key}\")) {{}}\n");
            expected.Add((call % 5 == 3 ? line + 1 : line, key));
            line += call % 5 == 3 ? 3 : 1;
        }

        var result = ScanText("src/app.ts", text.ToString().TrimEnd('\n'));

        Assert.Equal(expected, result.Usages.Select(u => (u.Line, u.Flag!)).ToList());
        Assert.True(text.Length > 2 * 40 * (128 + 768), "the file must be matched in windows, not whole");
    }
}
