using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Flagkeeper.Evaluation;

/// <summary>
/// One SHA-256 compression through OpenSSL's <c>SHA256_Transform</c>, which uses the CPU's SHA instructions
/// (SHA-NI, ARMv8 SHA2) where .NET has no intrinsics for them. Calling the block function directly skips the EVP
/// layer (an algorithm fetch per call in OpenSSL 3) that makes <c>SHA256.HashData</c> slower than managed code on
/// a short message. Linux only: there .NET itself uses libcrypto; elsewhere (and when libcrypto or the export is
/// missing, or a self-check fails) <see cref="IsAvailable"/> is false and <see cref="Sha256Block"/> stays managed.
/// </summary>
internal static unsafe class NativeSha256
{
    // Versioned names first: a bare libcrypto.so is a development symlink that may point anywhere.
    private static readonly string[] LibraryNames = ["libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so"];

    // void SHA256_Transform(SHA256_CTX *c, const unsigned char *data): updates c->h[0..7], the context's first field.
    private static readonly delegate* unmanaged<uint*, byte*, void> Transform = (delegate* unmanaged<uint*, byte*, void>)Resolve(LibraryNames);

    /// <summary>True when the native block function was found and agreed with the managed one.</summary>
    public static bool IsAvailable => Transform != null;

    /// <summary>The first digest word (as <see cref="Sha256Block.FirstWord"/>) of one padded 64-byte block; only when <see cref="IsAvailable"/>.</summary>
    public static uint FirstWord(ReadOnlySpan<byte> block) => FirstWord(Transform, block);

    /// <summary>The block function's address from the first library that has it, or 0; never throws.</summary>
    internal static nint Resolve(IEnumerable<string> libraryNames)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0; // macOS's /usr/lib/libcrypto aborts the process when loaded; Windows uses CNG
        }
        foreach (var name in libraryNames)
        {
            if (NativeLibrary.TryLoad(name, out var library)
                && NativeLibrary.TryGetExport(library, "SHA256_Transform", out var export))
            {
                return AgreesWithManaged((delegate* unmanaged<uint*, byte*, void>)export) ? export : 0;
            }
        }
        return 0;
    }

    [SkipLocalsInit] // SHA256_Transform reads and writes h only, which is set first
    private static uint FirstWord(delegate* unmanaged<uint*, byte*, void> transform, ReadOnlySpan<byte> block)
    {
        // A whole SHA256_CTX (h[8], Nl, Nh, data[16], num, md_len: 112 bytes), though only h is touched.
        var context = stackalloc uint[28];
        Sha256Block.InitialState.CopyTo(new Span<uint>(context, 8));
        fixed (byte* data = block)
        {
            transform(context, data);
        }
        return context[0];
    }

    // Guards the percentile against a libcrypto whose block function is not the one the layout above assumes.
    private static bool AgreesWithManaged(delegate* unmanaged<uint*, byte*, void> transform) =>
        Agrees(transform, ""u8) && Agrees(transform, "abc"u8) && Agrees(transform, "user-123\nrollout-25"u8);

    private static bool Agrees(delegate* unmanaged<uint*, byte*, void> transform, ReadOnlySpan<byte> message)
    {
        Span<byte> block = stackalloc byte[Sha256Block.BlockSize];
        message.CopyTo(block);
        Sha256Block.Pad(block, message.Length);
        return FirstWord(transform, block) == Sha256Block.FirstWord(block);
    }
}
