using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// A YAML document as the JSON tree an editor's schema validator sees: plain scalars resolved by the
/// YAML 1.2 core schema (<c>true</c> is a boolean, <c>50</c> a number, <c>2027-06-30</c> text), quoted
/// scalars always text. This is what the yaml-language-server in VS Code and Rider does.
/// </summary>
internal static partial class YamlJson
{
    /// <summary>The first document's tree; null for an empty document (or one that is only comments).</summary>
    public static JsonNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    /// <summary>The tree as JSON text (<c>null</c> for an empty document), ready for a schema validator.</summary>
    public static string ToJson(string yaml) => Parse(yaml)?.ToJsonString() ?? "null";

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(entry =>
            KeyValuePair.Create(((YamlScalarNode)entry.Key).Value ?? "", Convert(entry.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (CoreInteger().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonValue.Create(whole);
        }
        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }
        if (CoreFloat().IsMatch(text))
        {
            return JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        // .inf and .nan have no JSON spelling: they stay text, which no number field accepts.
        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex CoreInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex CoreFloat();
}
