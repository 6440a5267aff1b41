using System.Text.Json;

namespace Flagkeeper.Analysis.Discovery;

/// <summary>
/// Whether a <c>flags.json</c> that discovery met by its name has the registry's shape: a top-level object with a
/// <c>version</c> or a <c>flags</c> member. Other tools keep files of that name too (a runtime <c>flags.json</c> with
/// <c>Features</c> and <c>Flights</c>); such a file is not a registry, so it is skipped with a note instead of
/// failing the run. Text that is not JSON at all is left to the registry reader, which reports it at its line.
/// </summary>
public static class RegistryShape
{
    /// <summary>
    /// True for a file met by its registry name that is another tool's: a <c>flags.json</c> without the registry's shape.
    /// Discovery skips such a file and <c>init</c> does not count it as a registry already there.
    /// </summary>
    public static bool IsForeignRegistryFile(string fullPath) => Path.GetFileName(fullPath) == "flags.json" && IsForeignJson(fullPath);

    /// <summary>True when the JSON file at <paramref name="fullPath"/> parses and has not the registry's shape.</summary>
    private static bool IsForeignJson(string fullPath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // the reader reports the file as unreadable
        }
        try
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0),
                new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read())
            {
                return false; // empty: the reader says so
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return true;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("version"u8) || reader.ValueTextEquals("flags"u8))
                {
                    return false;
                }
                reader.Read();
                reader.Skip(); // past an object or array value; a plain value is already passed
            }
            return true;
        }
        catch (JsonException)
        {
            return false; // not JSON: the reader reports where
        }
    }
}
