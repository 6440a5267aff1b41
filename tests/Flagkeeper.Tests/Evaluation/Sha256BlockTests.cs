using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Flagkeeper.Evaluation;

namespace Flagkeeper.Tests.Evaluation;

/// <summary>
/// The one-block SHA-256, managed and through libcrypto's block function (NativeSha256Tests), must agree with the
/// platform's on every message, short or long.
/// </summary>
public class Sha256BlockTests
{
    [Fact]
    public void Native_and_managed_agree_with_the_platform_on_every_length_from_0_to_200_bytes()
    {
        var random = new Random(20261205);
        for (var length = 0; length <= 200; length++)
        {
            for (var sample = 0; sample < 50; sample++)
            {
                var message = new byte[length];
                random.NextBytes(message);
                Assert.Equal(Platform(message), Sha256Block.First4BytesLittleEndian(message, native: false));
                Assert.Equal(Platform(message), Sha256Block.First4BytesLittleEndian(message, native: true));
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("user-123\nnew-checkout")]
    [InlineData("ünïcödé-ユーザー\nflag\ngroup")]
    public void Native_and_managed_agree_on_known_texts(string text)
    {
        var message = Encoding.UTF8.GetBytes(text);
        Assert.Equal(Platform(message), Sha256Block.First4BytesLittleEndian(message, native: false));
        Assert.Equal(Platform(message), Sha256Block.First4BytesLittleEndian(message, native: true));
    }

    [Fact]
    public void Known_answer_for_abc() =>
        // FIPS 180-4 example: SHA-256("abc") = ba7816bf...; its first 4 bytes read little-endian.
        Assert.Equal(0xbf1678bau, Sha256Block.First4BytesLittleEndian("abc"u8));

    internal static uint Platform(byte[] message) => BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(message));

    [Fact]
    public void Allocates_nothing()
    {
        var message = "user-123\nnew-checkout"u8.ToArray();
        Sha256Block.First4BytesLittleEndian(message);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Sha256Block.First4BytesLittleEndian(message);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
