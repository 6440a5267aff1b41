using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;
using Flagkeeper.Registry;
using Flagkeeper.Validation;

namespace Flagkeeper.Tests;

/// <summary>Runs registry edits the way the CLI does (lock, re-validate, atomic write) for the editing tests.</summary>
internal static class Edits
{
    public static IReadOnlyList<Finding> Validate(FlagRegistry registry) => new RegistryValidator().Validate([registry]);

    public static EditOutcome Edit(string path, params RegistryEdit[] edits) =>
        RegistryFileEditor.Edit(path, Path.GetFileName(path), edits, Validate, TimeSpan.FromSeconds(10));

    /// <summary>The edits are refused with <paramref name="code"/> and the file keeps every byte.</summary>
    public static void AssertRefused(string path, string code, params RegistryEdit[] edits)
    {
        var before = File.ReadAllBytes(path);

        var ex = Assert.Throws<FlagkeeperException>(() => Edit(path, edits));

        Assert.Equal(code, ex.Error.Code);
        Assert.Equal(before, File.ReadAllBytes(path));
    }
}
