using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;
using Flagkeeper.Registry;
using Flagkeeper.Validation;

namespace Flagkeeper.Tests;

/// <summary>Runs registry edits the way the CLI does (lock, re-validate, atomic write) for the editing tests.</summary>
internal static class Edits
{
    public static IReadOnlyList<Finding> Validate(FlagRegistry registry) => new RegistryValidator().Validate([registry]);

    /// <summary>The outcome of edits expected to succeed (a refusal fails the test with its errors).</summary>
    public static EditOutcome Edit(string path, params RegistryEdit[] edits) => TryEdit(path, edits).Value;

    public static Result<EditOutcome> TryEdit(string path, params RegistryEdit[] edits) =>
        RegistryFileEditor.Edit(path, Path.GetFileName(path), edits, Validate, TimeSpan.FromSeconds(10));

    /// <summary>The edits are refused with <paramref name="code"/> and the file keeps every byte.</summary>
    public static void AssertRefused(string path, string code, params RegistryEdit[] edits)
    {
        var before = File.ReadAllBytes(path);
        var folder = Path.GetDirectoryName(path)!;
        var filesBefore = FilesIn(folder);

        var refused = TryEdit(path, edits);

        Assert.True(refused.Failed, "the edit went through");
        Assert.Equal(code, refused.Errors[0].Code);
        Assert.Equal(before, File.ReadAllBytes(path));
        // The new text may already be in a temporary file when the edit is refused: that file must be gone.
        Assert.Equal(filesBefore, FilesIn(folder));
    }

    private static string[] FilesIn(string folder) =>
        [.. Directory.GetFiles(folder).Select(Path.GetFileName).Where(name => !name!.EndsWith(".lock", StringComparison.Ordinal)).Order(StringComparer.Ordinal)!];
}
