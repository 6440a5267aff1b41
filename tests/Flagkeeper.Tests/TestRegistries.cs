using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using Flagkeeper.Loading;
using Flagkeeper.Registry;

namespace Flagkeeper.Tests;

/// <summary>Small helpers shared by the test classes: read text as a document or a registry.</summary>
internal static class TestRegistries
{
    /// <summary>A flag with every field the validator requires, plus <paramref name="extra"/> lines (already indented 4).</summary>
    public static string Flag(string key, string extra = "") =>
        $"  {key}:\n    description: d\n    owner: team\n    type: operational\n{extra}";

    /// <summary>A schema-1 registry made of the given flag blocks.</summary>
    public static string RegistryText(params string[] flags) => "version: 1\nflags:\n" + string.Concat(flags);

    public static DocumentReadResult ReadYaml(string text) =>
        DocumentReader.Read("doc.yaml", text, DocumentFormat.Yaml, DocumentLimits.Default, ErrorCodes.RegistrySyntax);

    public static DocumentReadResult ReadJson(string text) =>
        DocumentReader.Read("doc.json", text, DocumentFormat.Json, DocumentLimits.Default, ErrorCodes.RegistrySyntax);

    /// <summary>Reads <paramref name="text"/> as the registry <paramref name="relative"/> inside <paramref name="dir"/> (the file is not written).</summary>
    public static RegistryLoadResult Load(TempDirectory dir, string relative, string text) =>
        RegistryReader.Read(dir[relative], relative, text);

    /// <summary>Reads a registry that must load without errors.</summary>
    public static FlagRegistry LoadOk(TempDirectory dir, string relative, string text)
    {
        var result = Load(dir, relative, text);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Registry!;
    }

    /// <summary>The single error of a failed load.</summary>
    public static FlagkeeperError SingleError(RegistryLoadResult result)
    {
        Assert.Null(result.Registry);
        return Assert.Single(result.Errors);
    }
}
