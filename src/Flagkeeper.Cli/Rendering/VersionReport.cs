using System.Reflection;
using System.Runtime.InteropServices;
using Flagkeeper.Analysis.Performance;

namespace Flagkeeper.Cli.Rendering;

/// <summary>
/// <c>flagkeeper --version --verbose</c>: the version, then how this build runs (Native AOT or JIT, runtime,
/// platform) and whether its vector paths are hardware-accelerated. System.CommandLine's own --version
/// refuses any other argument, so this one combination is answered before parsing.
/// </summary>
internal static class VersionReport
{
    public static bool Matches(string[] args) => args is ["--version", "--verbose"] or ["--verbose", "--version"];

    public static void Write(TextWriter output)
    {
        var version = typeof(VersionReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        output.WriteLine(version);
        // PublishAot turns IsDynamicCodeSupported off for the JIT build too; a Native AOT process compiles nothing.
        var build = System.Runtime.JitInfo.GetCompiledMethodCount() > 0 ? "JIT" : "Native AOT";
        output.WriteLine($"build: {build}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier}");
        output.WriteLine(VectorSupport.Describe());
    }
}
