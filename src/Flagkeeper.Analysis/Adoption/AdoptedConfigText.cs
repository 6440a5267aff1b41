using System.Text;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Editing;

namespace Flagkeeper.Analysis.Adoption;

/// <summary>
/// The <c>flagkeeper.yaml</c> that <c>flagkeeper init</c> writes when the repository has none and init found something to
/// say in it: the appsettings registries to read, the key sources it found, and the wrapper methods whose calls it counted.
/// </summary>
public static class AdoptedConfigText
{
    public static bool IsNeeded(bool appSettings, IReadOnlyList<KeySource> keySources, IReadOnlyList<string> wrappers) =>
        appSettings || keySources.Count > 0 || wrappers.Count > 0;

    public static string Write(bool appSettings, IReadOnlyList<KeySource> keySources, IReadOnlyList<string> wrappers)
    {
        var text = new StringBuilder("# Flagkeeper's configuration: see docs/configuration.md. Written by `flagkeeper init`.\nversion: 1\n");
        if (appSettings)
        {
            text.Append("# The flags Microsoft.FeatureManagement declares in appsettings*.json are registered there (read-only).\nappsettings: true\n");
        }
        if (keySources.Count > 0)
        {
            text.Append("# Code that declares flags: its keys count as declared, like the registry's (docs/patterns.md#declared-key-sources).\nkeySources:\n");
            foreach (var source in keySources)
            {
                text.Append("  - { file: ").Append(YamlScalars.FormatFlowString(source.File)).Append(", name: ").Append(YamlScalars.FormatFlowString(source.Name)).Append(" }\n");
            }
        }
        if (wrappers.Count > 0)
        {
            text.Append("# Methods whose calls are usages of the one key they check, as init found them (docs/patterns.md#wrapper-methods).\nwrappers:\n  include: [")
                .AppendJoin(", ", wrappers.Select(YamlScalars.FormatFlowString)).Append("]\n");
        }
        return text.ToString();
    }
}
