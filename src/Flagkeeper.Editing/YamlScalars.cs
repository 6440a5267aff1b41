using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flagkeeper.Editing;

/// <summary>Writes values as YAML scalars that read back as the same value.</summary>
internal static partial class YamlScalars
{
    private static readonly JavaScriptEncoder Escaping = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => RegistryNumbers.Format(d),
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IEnumerable<string> list => "[" + string.Join(", ", list.Select(FormatFlowString)) + "]",
        string s => FormatString(s),
        _ => throw new ArgumentException($"cannot write {value.GetType().Name} as YAML", nameof(value)),
    };

    /// <summary>Plain when that is unambiguous, otherwise double-quoted (JSON escapes are valid YAML).</summary>
    public static string FormatString(string text) =>
        SafePlain().IsMatch(text) && !LooksLikeOtherType().IsMatch(text) ? text : "\"" + JsonEncodedText.Encode(text, Escaping) + "\"";

    /// <summary>As <see cref="FormatString"/>, for inside <c>[...]</c> or <c>{...}</c>, where a comma ends a plain value.</summary>
    public static string FormatFlowString(string text) =>
        text.Contains(',', StringComparison.Ordinal) ? "\"" + JsonEncodedText.Encode(text, Escaping) + "\"" : FormatString(text);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9 _.,/()+\-]*(?<! )$")]
    private static partial Regex SafePlain();

    [GeneratedRegex(@"^(true|false|yes|no|on|off|null|y|n)$", RegexOptions.IgnoreCase)]
    private static partial Regex LooksLikeOtherType();
}
