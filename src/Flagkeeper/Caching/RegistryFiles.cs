using System.Security.Cryptography;
using System.Text;
using Flagkeeper.Diagnostics;
using Flagkeeper.Evaluation;
using Flagkeeper.Loading;
using Flagkeeper.Registry;
using Flagkeeper.Validation;

namespace Flagkeeper.Caching;

/// <summary>One read of the configured files: their bytes and content hashes, read once so the hash and the parse see the same bytes.</summary>
internal sealed class RegistryFiles
{
    private const string MissingHash = "missing";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly (string Path, string FullPath, byte[]? Bytes, string? Problem)[] _files;

    private RegistryFiles((string, string, byte[]?, string?)[] files, string version)
    {
        _files = files;
        Version = version;
    }

    /// <summary>SHA-256 of the file's bytes in lower-case hex; with several files, the SHA-256 of their hashes in order.</summary>
    public string Version { get; }

    /// <summary>A configured file that does not exist.</summary>
    public string? FirstMissing => _files.FirstOrDefault(f => f.Bytes is null && f.Problem is null).Path;

    public static RegistryFiles Read(IReadOnlyList<string> paths)
    {
        var files = new (string, string, byte[]?, string?)[paths.Count];
        var hashes = new string[paths.Count];
        for (var i = 0; i < paths.Count; i++)
        {
            var fullPath = System.IO.Path.GetFullPath(paths[i]);
            try
            {
                var bytes = File.Exists(fullPath) ? File.ReadAllBytes(fullPath) : null;
                files[i] = (paths[i], fullPath, bytes, null);
                hashes[i] = bytes is null ? MissingHash : Convert.ToHexStringLower(SHA256.HashData(bytes));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Unreadable now (a writer holds it): a version of its own, so the next check tries again.
                files[i] = (paths[i], fullPath, null, $"{paths[i]}: cannot read it: {ex.Message}");
                hashes[i] = "unreadable:" + ex.GetType().Name;
            }
        }
        var version = hashes.Length == 1
            ? hashes[0]
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', hashes))));
        return new RegistryFiles(files, version);
    }

    /// <summary>Reads, validates and compiles the files: a snapshot, or every error with its location.</summary>
    public (FlagSnapshot? Snapshot, List<(string Line, SourceLocation? Location)> Errors) Load(RuleSeverities? severities, Func<string, string?>? environmentVariables)
    {
        var errors = new List<(string, SourceLocation?)>();
        var registries = new List<FlagRegistry>();
        foreach (var (path, fullPath, bytes, problem) in _files)
        {
            if (problem is not null || bytes is null)
            {
                errors.Add((problem ?? $"{path}: the registry file does not exist", new SourceLocation(path, 0, 0)));
                continue;
            }
            var result = AppSettingsRegistryReader.IsAppSettingsFile(System.IO.Path.GetFileName(fullPath))
                ? AppSettingsRegistryReader.ReadFile(fullPath, path)
                : Decode(bytes) is { } text ? RegistryReader.Read(fullPath, path, text) : null;
            if (result is null)
            {
                errors.Add(($"{path}:1:1: the file is not UTF-8 text; save it as UTF-8", new SourceLocation(path, 1, 1)));
                continue;
            }
            errors.AddRange(result.Errors.Select(e => (e.ToString(), e.Location)));
            if (result.Succeeded)
            {
                registries.Add(result.Registry!);
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        foreach (var finding in new RegistryValidator(severities).Validate(registries).Where(f => f.Severity == RuleSeverity.Error))
        {
            var where = finding.Location is { } at ? $"{at}: " : "";
            errors.Add(($"{where}{finding.Message} ({finding.Rule})", finding.Location));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        try
        {
            return (FlagSnapshot.Compile(registries, environmentVariables), errors);
        }
        catch (FlagSnapshotException ex)
        {
            errors.Add(($"{_files[0].Path}: {ex.Message}", null));
            return (null, errors);
        }
    }

    private static string? Decode(byte[] bytes)
    {
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
