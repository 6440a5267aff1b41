using Flagkeeper.Diagnostics;

namespace Flagkeeper.Documents;

public enum DocumentFormat
{
    Yaml,
    Json,
}

/// <summary>The outcome of reading a document: its root (null when the document is empty) or one error.</summary>
public sealed record DocumentReadResult(DocNode? Root, FlagkeeperError? Error);

/// <summary>Reads YAML or JSON text into a positioned <see cref="DocNode"/> tree within <see cref="DocumentLimits"/>.</summary>
public static class DocumentReader
{
    public static DocumentFormat FormatOf(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? DocumentFormat.Json : DocumentFormat.Yaml;

    /// <param name="displayPath">The path printed in error locations.</param>
    /// <param name="syntaxError">The descriptor to use for syntax errors (registry or configuration).</param>
    public static DocumentReadResult Read(string displayPath, string text, DocumentFormat format, DocumentLimits limits, ErrorDescriptor syntaxError)
    {
        try
        {
            var root = format == DocumentFormat.Json
                ? JsonDocumentReader.Read(displayPath, text, limits, syntaxError)
                : YamlDocumentReader.Read(displayPath, text, limits, syntaxError);
            return new DocumentReadResult(root, null);
        }
        catch (DocumentException ex)
        {
            return new DocumentReadResult(null, ex.Error);
        }
    }

    /// <summary>
    /// Reads a file's text within the size limit. The size is checked before any byte is read,
    /// so a 50 MB file fails at once with bounded memory.
    /// </summary>
    public static (string? Text, FlagkeeperError? Error) ReadFileText(string path, string displayPath, DocumentLimits limits)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return (null, ErrorCodes.FileNotFound.Create($"{displayPath} does not exist", new SourceLocation(displayPath, 0, 0)));
            }
            if (info.Length > limits.MaxBytes)
            {
                return (null, ErrorCodes.FileTooLarge.Create(
                    $"{displayPath} is {info.Length:N0} bytes; the limit is {limits.MaxBytes:N0}", new SourceLocation(displayPath, 0, 0)));
            }
            return (File.ReadAllText(path), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, ErrorCodes.FileUnreadable.Create($"cannot read {displayPath}: {ex.Message}", new SourceLocation(displayPath, 0, 0)));
        }
    }
}
