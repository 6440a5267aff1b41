using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Flagkeeper.Evaluation;

/// <summary>
/// SHA-256 (FIPS 180-4) of a message short enough to pad into one 64-byte block (at most 55 bytes), in managed
/// code. Targeting keys plus flag names are that short nearly always, and for them one compression here costs
/// less than the call into the platform's crypto library that <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>
/// makes. Where <see cref="NativeSha256"/> finds OpenSSL's block function (Linux), the compression runs there, on
/// the CPU's SHA instructions, about 4x faster still. Longer messages go to the platform. Tests compare all three on
/// every length from 0 to 200 bytes.
/// </summary>
internal static class Sha256Block
{
    public const int MaxSingleBlockMessage = 55;
    public const int BlockSize = 64;

    // An array, not a span over constants: a Debug build would allocate that span's array on every read.
    private static readonly uint[] H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    /// <summary>H0..H7, the state before the first block.</summary>
    public static ReadOnlySpan<uint> InitialState => H;

    private static readonly uint[] K =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    /// <summary>The first 4 bytes of SHA-256(<paramref name="message"/>) as a little-endian uint: all bucketing needs.</summary>
    public static uint First4BytesLittleEndian(ReadOnlySpan<byte> message) =>
        First4BytesLittleEndian(message, NativeSha256.IsAvailable);

    /// <summary>As above, choosing the compression (native only where available): tests and the benchmark compare them.</summary>
    [SkipLocalsInit] // Pad clears what the message leaves
    internal static uint First4BytesLittleEndian(ReadOnlySpan<byte> message, bool native)
    {
        if (message.Length > MaxSingleBlockMessage)
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(message, hash);
            return BinaryPrimitives.ReadUInt32LittleEndian(hash);
        }
        Span<byte> block = stackalloc byte[BlockSize];
        message.CopyTo(block);
        return First4BytesLittleEndianInPlace(block, message.Length, native);
    }

    /// <summary>As <see cref="First4BytesLittleEndian(ReadOnlySpan{byte})"/> of a message of at most 55 bytes already at the start of <paramref name="block"/>.</summary>
    public static uint First4BytesLittleEndianInPlace(Span<byte> block, int length, bool native = true)
    {
        Pad(block, length);
        // The digest starts with this word big-endian; bucketing reads those 4 bytes little-endian.
        return BinaryPrimitives.ReverseEndianness(native && NativeSha256.IsAvailable ? NativeSha256.FirstWord(block) : FirstWord(block));
    }

    /// <summary>Pads the message of <paramref name="length"/> (at most 55) bytes at the start of <paramref name="block"/>: 0x80, zeros, the length in bits (big-endian).</summary>
    public static void Pad(Span<byte> block, int length)
    {
        block[length] = 0x80;
        block[(length + 1)..56].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(block[56..], (ulong)length * 8);
    }

    /// <summary>H0 after compressing <paramref name="block"/> from the initial state: the digest's first word.</summary>
    [SkipLocalsInit] // the schedule is written before it is read
    public static uint FirstWord(ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (var i = 0; i < 16; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
        }
        for (var i = 16; i < 64; i++)
        {
            var s0 = BitOperations.RotateRight(w[i - 15], 7) ^ BitOperations.RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
            var s1 = BitOperations.RotateRight(w[i - 2], 17) ^ BitOperations.RotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }

        uint a = 0x6a09e667, b = 0xbb67ae85, c = 0x3c6ef372, d = 0xa54ff53a;
        uint e = 0x510e527f, f = 0x9b05688c, g = 0x1f83d9ab, h = 0x5be0cd19;
        var k = K;
        for (var i = 0; i < 64; i++)
        {
            var t1 = h + (BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25))
                + ((e & f) ^ (~e & g)) + k[i] + w[i];
            var t2 = (BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22))
                + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        // Only the first word of the digest is needed.
        return 0x6a09e667 + a;
    }
}
