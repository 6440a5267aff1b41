using System.IO.Hashing;
using System.Text;

namespace Flagkeeper.Analysis.Checks;

/// <summary>
/// A finding's identity across runs: rule, file, flag, commit and the text of its line with the
/// whitespace squeezed out, but not the line number, so a finding keeps its fingerprint when code
/// above it moves. The baseline and SARIF's <c>partialFingerprints</c> both use it.
/// </summary>
public static class Fingerprints
{
    public static string Of(CheckFinding finding, string? lineText)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var text = new StringBuilder();
        text.Append(finding.Rule).Append('\0')
            .Append(finding.Location?.File).Append('\0')
            .Append(finding.Flag).Append('\0')
            .Append(finding.Commit).Append('\0');
        if (lineText is not null)
        {
            foreach (var c in lineText)
            {
                if (!char.IsWhiteSpace(c))
                {
                    text.Append(c);
                }
            }
        }
        else
        {
            text.Append(finding.Message);
        }
        return Convert.ToHexStringLower(BitConverter.GetBytes(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text.ToString()))));
    }
}
