using System.Text;

namespace Flagkeeper.TestUtils;

/// <summary>Valid flags.yaml text for runtime tests, and writes the way the CLI writes (a temp file renamed over).</summary>
public static class FlagsYaml
{
    /// <summary>A registry whose flags pass validation; <c>fields</c> is extra YAML for the flag, one field a line ("enabled: true\nrollout: 50").</summary>
    public static string Of(params (string Key, string Fields)[] flags)
    {
        var text = new StringBuilder("version: 1\nflags:\n");
        foreach (var (key, fields) in flags)
        {
            text.Append($"  {key}:\n    description: d\n    owner: team\n    type: operational\n");
            foreach (var field in fields.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                text.Append($"    {field}\n");
            }
        }
        return text.ToString();
    }

    /// <summary>Replaces <paramref name="path"/> by renaming a finished temp file over it, as the CLI's atomic writes do.</summary>
    public static void WriteAtomically(string path, string content)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(temp, content, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
