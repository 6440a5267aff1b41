using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Checks.Sources;

/// <summary>
/// Which files are production code for the kill-switch gate: the <c>production</c> globs of
/// flagkeeper.yaml, or by default every file the scanner reads that is not a test.
/// </summary>
public sealed class ProductionCode
{
    private static readonly string[] TestFolders = ["test", "tests", "__tests__", "__mocks__", "spec", "specs", "testdata", "e2e"];
    private static readonly string[] TestFolderSuffixes = [".tests", ".test", ".unittests", ".integrationtests", ".specs"];
    private static readonly string[] TestFileMarkers = [".test.", ".spec.", "_test.", "_spec."];
    private static readonly string[] TestClassSuffixes = ["Test", "Tests", "Spec"];

    private readonly GlobSet _globs;
    private readonly Func<string, bool> _isScanned;

    /// <param name="isScanned">Whether the scanner reads a root-relative path (its language is scanned).</param>
    public ProductionCode(FlagkeeperConfig config, Func<string, bool> isScanned)
    {
        ArgumentNullException.ThrowIfNull(config);
        _globs = new GlobSet(config.Production);
        _isScanned = isScanned;
    }

    public bool Contains(string relativePath) =>
        _globs.IsEmpty ? _isScanned(relativePath) && !IsTest(relativePath) : _globs.IsMatch(relativePath);

    /// <summary>
    /// Test code by the common conventions: a folder test/, tests/, __tests__/, spec/, *.Tests/ ...; a file
    /// *.test.*, *.spec.*, *_test.*, test_*.py, or a class file named *Test/*Tests/*Spec (C#, Java, Kotlin, Scala).
    /// </summary>
    public static bool IsTest(string relativePath)
    {
        var segments = relativePath.Split('/');
        foreach (var folder in segments.AsSpan(0, segments.Length - 1))
        {
            if (TestFolders.Contains(folder, StringComparer.OrdinalIgnoreCase)
                || TestFolderSuffixes.Any(s => folder.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }
        var file = segments[^1];
        if (TestFileMarkers.Any(m => file.Contains(m, StringComparison.OrdinalIgnoreCase))
            || (file.StartsWith("test_", StringComparison.OrdinalIgnoreCase) && file.EndsWith(".py", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        var dot = file.LastIndexOf('.');
        var stem = dot > 0 ? file[..dot] : file;
        var extension = dot > 0 ? file[dot..] : "";
        return extension is ".cs" or ".java" or ".kt" or ".scala" or ".groovy"
            && TestClassSuffixes.Any(s => stem.EndsWith(s, StringComparison.Ordinal) && stem.Length > s.Length);
    }
}
