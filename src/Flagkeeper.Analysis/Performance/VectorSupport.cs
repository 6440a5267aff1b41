using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics.Arm;

namespace Flagkeeper.Analysis.Performance;

/// <summary>
/// Whether the scanner's vector paths (SearchValues, IndexOf, the prefilter) run on hardware vectors in this
/// process. A Native AOT build compiled for the baseline x64 instruction set answers "no" for Vector256 and
/// AVX2 even on a CPU that has them, and then searches several times slower; <c>--version --verbose</c> and
/// <c>--stats</c> print this line so a build can be checked.
/// </summary>
public static class VectorSupport
{
    /// <summary>True when 256-bit vectors (AVX2 on x64) or 128-bit vectors on Arm64 are hardware-accelerated.</summary>
    public static bool FullSpeed => RuntimeInformationArchitecture() switch
    {
        System.Runtime.InteropServices.Architecture.X64 or System.Runtime.InteropServices.Architecture.X86 => Vector256.IsHardwareAccelerated && Avx2.IsSupported,
        System.Runtime.InteropServices.Architecture.Arm64 => Vector128.IsHardwareAccelerated && AdvSimd.IsSupported,
        _ => Vector128.IsHardwareAccelerated,
    };

    /// <summary>One line, e.g. <c>vectors: accelerated (Vector128 yes, Vector256 yes, Vector512 no, AVX2 yes, …)</c>.</summary>
    public static string Describe() =>
        $"vectors: {(FullSpeed ? "accelerated" : "NOT accelerated")} ({RuntimeInformationArchitecture().ToString().ToLowerInvariant()}; "
        + $"Vector128 {YesNo(Vector128.IsHardwareAccelerated)}, Vector256 {YesNo(Vector256.IsHardwareAccelerated)}, "
        + $"Vector512 {YesNo(Vector512.IsHardwareAccelerated)}, SSE4.2 {YesNo(Sse42.IsSupported)}, AVX2 {YesNo(Avx2.IsSupported)}, "
        + $"BMI1 {YesNo(Bmi1.IsSupported)}, PopCnt {YesNo(Popcnt.IsSupported)}, AdvSimd {YesNo(AdvSimd.IsSupported)})";

    private static System.Runtime.InteropServices.Architecture RuntimeInformationArchitecture() =>
        System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture;

    private static string YesNo(bool value) => value ? "yes" : "no";
}
