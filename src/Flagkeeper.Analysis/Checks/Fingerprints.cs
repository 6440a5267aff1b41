using System.Buffers;
using System.IO.Hashing;
using System.Text;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Checks;

/// <summary>
/// A finding's identity across runs: rule, file, flag, commit and the text of its line with the
/// whitespace squeezed out, but not the line number, so a finding keeps its fingerprint when code
/// above it moves. The baseline and SARIF's <c>partialFingerprints</c> both use it.
/// </summary>
public static class Fingerprints
{
    public static string Of(Finding finding, string? lineText)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var tail = lineText ?? finding.Message;
        var length = finding.Rule.Length + (finding.Location?.File.Length ?? 0) + (finding.Flag?.Length ?? 0) + (finding.Commit?.Length ?? 0) + tail.Length + 4;
        var rented = length > 512 ? ArrayPool<char>.Shared.Rent(length) : null;
        var chars = rented is null ? stackalloc char[512] : rented.AsSpan();
        var at = 0;
        foreach (var part in (ReadOnlySpan<string?>)[finding.Rule, finding.Location?.File, finding.Flag, finding.Commit])
        {
            part.AsSpan().CopyTo(chars[at..]);
            at += part?.Length ?? 0;
            chars[at++] = '\0';
        }
        foreach (var c in tail)
        {
            if (lineText is null || !char.IsWhiteSpace(c))
            {
                chars[at++] = c;
            }
        }
        var hash = Hash(chars[..at]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ulong Hash(ReadOnlySpan<char> text)
    {
        var size = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = size > 1024 ? ArrayPool<byte>.Shared.Rent(size) : null;
        var bytes = rented is null ? stackalloc byte[1024] : rented.AsSpan();
        var hash = XxHash64.HashToUInt64(bytes[..Encoding.UTF8.GetBytes(text, bytes)]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        return hash;
    }
}
