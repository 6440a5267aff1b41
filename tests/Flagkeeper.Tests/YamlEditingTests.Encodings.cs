using System.Text;
using Flagkeeper.Editing;

using static Flagkeeper.Tests.Edits;

namespace Flagkeeper.Tests;

public partial class YamlEditingTests
{
    [Fact]
    public void Crlf_file_stays_crlf_after_a_value_edit()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented.Replace("\n", "\r\n", StringComparison.Ordinal));

        Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0));

        var expected = Commented.Replace("    rollout: 10 # percent", "    rollout: 30 # percent", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        Assert.Equal(expected, dir.Read("flags.yaml"));
    }

    public static TheoryData<string> LineAddingEdits => new() { "new environment", "new environments block", "add flag", "new field" };

    [Theory]
    [MemberData(nameof(LineAddingEdits))]
    public void Crlf_file_stays_crlf_everywhere_after_an_edit_that_adds_lines(string edit)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented.Replace("\n", "\r\n", StringComparison.Ordinal));
        RegistryEdit change = edit switch
        {
            "new environment" => new SetFlagValue("checkout-v2", "staging", "rollout", 50.0),
            "new environments block" => new SetFlagValue("kill-payments", "production", "enabled", true),
            "add flag" => new AddFlag("ops", [new("description", "d"), new("owner", "o"), new("type", "operational")]),
            _ => new SetFlagValue("kill-payments", null, "rollout", 40.0),
        };

        Edit(path, change);

        var text = dir.Read("flags.yaml");
        for (var i = 0; i < text.Length; i++)
        {
            var ok = text[i] switch
            {
                '\n' => i > 0 && text[i - 1] == '\r',
                '\r' => i + 1 < text.Length && text[i + 1] == '\n',
                _ => true,
            };
            Assert.True(ok, $"{edit}: lone line-break character at line {text[..i].Count(c => c == '\n') + 1}:\n{text.Replace("\r", "\\r", StringComparison.Ordinal)}");
        }
        Assert.Equal(OriginalLines.Length + (edit switch { "add flag" => 4, "new environments block" => 2, _ => 1 }), text.Split("\r\n").Length);
    }

    [Fact]
    public void Crlf_file_stays_crlf_after_removing_a_flag()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented.Replace("\n", "\r\n", StringComparison.Ordinal));

        Edit(path, new RemoveFlag("kill-payments"));

        var text = dir.Read("flags.yaml");
        Assert.DoesNotContain("kill-payments", text, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').Length, text.Split("\r\n").Length);
    }

    [Fact]
    public void Byte_order_mark_is_kept()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteBytes("flags.yaml", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Commented)]);

        Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0));

        var bytes = File.ReadAllBytes(path);
        var expected = Commented.Replace("    rollout: 10 # percent", "    rollout: 30 # percent", StringComparison.Ordinal);
        Assert.Equal([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(expected)], bytes);
    }

    [Fact]
    public void File_without_a_byte_order_mark_does_not_get_one()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0));

        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void Non_ascii_text_elsewhere_is_kept_byte_for_byte()
    {
        using var dir = new TempDirectory();
        var text = Commented.Replace("# Owned by the platform team", "# Gepflegt von José & Zoë ✓ 🚀", StringComparison.Ordinal);
        var path = dir.Write("flags.yaml", text);

        Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0));

        Assert.Equal(text.Replace("rollout: 10 #", "rollout: 30 #", StringComparison.Ordinal), dir.Read("flags.yaml"));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_on_other_lines_are_kept_or_the_edit_is_refused()
    {
        // A comment saved in Latin-1 ("José" with a single 0xE9 byte). Either the edit is refused or the
        // byte must survive: rewriting it as U+FFFD would change a line nobody asked to change.
        using var dir = new TempDirectory();
        var latin1Line = Encoding.Latin1.GetBytes("# maintained by Jos\u00e9\n");
        var original = latin1Line.Concat(Encoding.UTF8.GetBytes(Commented)).ToArray();
        var path = dir.WriteBytes("flags.yaml", original);

        if (TryEdit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0)).Failed)
        {
            Assert.Equal(original, File.ReadAllBytes(path));
            return;
        }
        var expected = latin1Line.Concat(Encoding.UTF8.GetBytes(Commented.Replace("rollout: 10 #", "rollout: 30 #", StringComparison.Ordinal))).ToArray();
        Assert.Equal(expected, File.ReadAllBytes(path));
    }
}
