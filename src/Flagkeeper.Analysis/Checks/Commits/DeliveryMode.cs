using System.Text.RegularExpressions;

namespace Flagkeeper.Analysis.Checks.Commits;

/// <summary>F: the change adds behaviour (it needs a flag or a kill switch). NF: it adds none.</summary>
public enum DeliveryMode
{
    F,
    NF,
}

/// <summary>Where a commit's delivery mode came from, in the order they win.</summary>
public enum ModeSource
{
    /// <summary><c>--mode</c> on the command line.</summary>
    Option,
    /// <summary>The <c>FLAGKEEPER_MODE</c> environment variable.</summary>
    Environment,
    /// <summary>The commit subject's <c>[MODE:F|NF]</c> tag.</summary>
    Tag,
    /// <summary>No tag: F.</summary>
    Default,
}

/// <summary>A mode forced on every commit, and by what.</summary>
public sealed record ForcedMode(DeliveryMode Mode, ModeSource Source);

/// <summary>Reads delivery modes from text: a <c>[MODE:F|NF]</c> tag, or an option / environment value.</summary>
public static partial class DeliveryModes
{
    /// <summary>The environment variable that sets the mode of every commit (below <c>--mode</c>, above the tags).</summary>
    public const string EnvironmentVariable = "FLAGKEEPER_MODE";

    public static bool TryParse(string? text, out DeliveryMode mode)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "F": mode = DeliveryMode.F; return true;
            case "NF": mode = DeliveryMode.NF; return true;
            default: mode = DeliveryMode.F; return false;
        }
    }

    /// <summary>
    /// The mode of a commit: the forced one (--mode, FLAGKEEPER_MODE), else its tag (only where the convention
    /// has mode tags: <paramref name="readTags"/>), else F.
    /// </summary>
    public static (DeliveryMode Mode, ModeSource Source) Resolve(string subject, ForcedMode? forced, bool readTags = true) =>
        forced is not null ? (forced.Mode, forced.Source)
        : readTags && FromTag(subject) is { } tagged ? (tagged, ModeSource.Tag)
        : (DeliveryMode.F, ModeSource.Default);

    /// <summary>The mode a subject's <c>[MODE:F]</c> / <c>[MODE:NF]</c> tag gives, or null without a valid tag.</summary>
    public static DeliveryMode? FromTag(string subject)
    {
        var match = ModeTag().Match(subject);
        return match.Success ? (match.Groups["mode"].Value == "NF" ? DeliveryMode.NF : DeliveryMode.F) : null;
    }

    [GeneratedRegex(@"\[MODE:(?<mode>F|NF)\]", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ModeTag();
}
