using System.Text;
using Flagkeeper.Evaluation;

namespace Flagkeeper.Tests.Evaluation;

/// <summary>
/// The percentile's SHA-256 runs in libcrypto on Linux and in managed code elsewhere: both must give every
/// message the same first word, or users would change buckets with the operating system. Random bytes of every
/// length: <see cref="Sha256BlockTests"/>; here, targeting keys as evaluation encodes them, and the fallback.
/// </summary>
public class NativeSha256Tests
{
    // One to four UTF-8 bytes per character, so keys reach every message length, across the 55-byte block limit.
    private static readonly string[] Characters = ["a", "Z", "7", "-", "@", "é", "ß", "Ж", "ユ", "€", "😀", "𝄞"];

    [Fact]
    public void Is_found_on_Linux()
    {
        if (OperatingSystem.IsLinux())
        {
            Assert.True(NativeSha256.IsAvailable, "libcrypto's SHA256_Transform was not found: the percentile fell back to managed code");
        }
        else
        {
            Assert.False(NativeSha256.IsAvailable);
        }
    }

    [Fact]
    public void Native_managed_and_the_percentile_agree_on_non_ascii_targeting_keys_of_every_length()
    {
        var random = new Random(7);
        var suffixes = new[] { Percentiles.Suffix("f", null), Percentiles.Suffix("new-checkout", null), Percentiles.Suffix("new-checkout", "beta-testers") };
        for (var characters = 0; characters <= 60; characters++)
        {
            for (var sample = 0; sample < 40; sample++)
            {
                var key = new StringBuilder();
                for (var i = 0; i < characters; i++)
                {
                    key.Append(Characters[random.Next(Characters.Length)]);
                }
                foreach (var suffix in suffixes)
                {
                    byte[] message = [.. Encoding.UTF8.GetBytes(key.ToString()), .. suffix];
                    AssertAllAgree(message);
                    // The percentile encodes short keys straight into the block, longer ones through a buffer.
                    Assert.Equal(Sha256BlockTests.Platform(message) / (double)uint.MaxValue * 100, Percentiles.Of(key.ToString(), suffix));
                }
            }
        }
    }

    [Fact]
    public void A_missing_library_or_export_resolves_to_nothing_without_throwing()
    {
        Assert.Equal(0, NativeSha256.Resolve(["libflagkeeper-not-there.so.0"]));
        Assert.Equal(0, NativeSha256.Resolve(["libc.so.6"])); // loads, but has no SHA256_Transform (or is not Linux)
        Assert.Equal(0, NativeSha256.Resolve([]));
    }

    private static void AssertAllAgree(byte[] message)
    {
        var expected = Sha256BlockTests.Platform(message);
        Assert.Equal(expected, Sha256Block.First4BytesLittleEndian(message, native: false));
        Assert.Equal(expected, Sha256Block.First4BytesLittleEndian(message, native: true));
    }
}
