using System.Globalization;
using System.Text;
using Flagkeeper.Editing;
using Flagkeeper.Registry;

namespace Flagkeeper.Analysis.Adoption;

/// <summary>
/// The <c>flags.yaml</c> that <c>flagkeeper init</c> writes: every adopted flag with its owner, type and expiry, and a
/// comment saying where the code uses it. Values go through the editor's scalar writer, so they read back as written.
/// </summary>
public static class AdoptedRegistryText
{
    public static string Write(AdoptionPlan plan, string owner, DateOnly today)
    {
        var text = new StringBuilder();
        text.Append("# Feature flag registry: see docs/registry.md\n");
        text.Append(CultureInfo.InvariantCulture, $"# Written by `flagkeeper init` on {Date(today)} from the flag checks found in the code.\n");
        text.Append("# Review each flag: its description, owner, type and expiry are first guesses.\n");
        text.Append("version: 1\n");
        if (plan.Flags.Count == 0)
        {
            return text.Append("flags: {}\n").ToString();
        }
        text.Append("flags:\n");
        foreach (var flag in plan.Flags)
        {
            var more = flag.Uses > flag.Places.Count ? $" and {flag.Uses - flag.Places.Count} more" : "";
            text.Append(flag.Uses == 0 && flag.DeclaredBy is { } declaredBy
                ? $"  # declared by {declaredBy}; no code uses it yet\n"
                : string.Create(CultureInfo.InvariantCulture, $"  # used in {flag.Uses} place{(flag.Uses == 1 ? "" : "s")}: {string.Join(", ", flag.Places)}{more}\n"));
            text.Append("  ").Append(YamlScalars.FormatString(flag.Key)).Append(":\n");
            Field(text, "description", $"Adopted by flagkeeper init from the code; say what {flag.Key} gates");
            Field(text, "owner", owner);
            Field(text, "type", flag.Type.ToName());
            if (flag.Expires is { } expires)
            {
                text.Append("    expires: ").Append(Date(expires)).Append('\n');
            }
            if (flag.Enabled is { } enabled)
            {
                text.Append("    enabled: ").Append(enabled ? "true" : "false").Append('\n'); // as where it was imported from
            }
            if (flag.Rollout is { } rollout)
            {
                text.Append("    rollout: ").Append(rollout.ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        return text.ToString();
    }

    private static void Field(StringBuilder text, string name, string value) =>
        text.Append("    ").Append(name).Append(": ").Append(YamlScalars.FormatString(value)).Append('\n');

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
