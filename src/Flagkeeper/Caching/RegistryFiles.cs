using System.Security.Cryptography;
using System.Text;
using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using Flagkeeper.Evaluation;
using Flagkeeper.Loading;
using Flagkeeper.Registry;
using Flagkeeper.Validation;

namespace Flagkeeper.Caching;

/// <summary>One read of the configured files: their bytes and content hashes, read once so the hash and the parse see the same bytes.</summary>
internal sealed class RegistryFiles
{
    private const string MissingHash = "missing";

    private readonly (string Path, string FullPath, byte[]? Bytes, FlagkeeperError? Problem)[] _files;

    private RegistryFiles((string, string, byte[]?, FlagkeeperError?)[] files, string version)
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
        var limits = DocumentLimits.Default;
        var files = new (string, string, byte[]?, FlagkeeperError?)[paths.Count];
        var hashes = new string[paths.Count];
        for (var i = 0; i < paths.Count; i++)
        {
            var fullPath = System.IO.Path.GetFullPath(paths[i]);
            try
            {
                var info = new FileInfo(fullPath);
                if (info.Exists && info.Length > limits.MaxBytes)
                {
                    // Never read into memory: the size (and write time) stand in for the hash, so a changed file is noticed.
                    files[i] = (paths[i], fullPath, null, ErrorCodes.FileTooLarge.Create(
                        $"{paths[i]} is {info.Length:N0} bytes; the limit is {limits.MaxBytes:N0}", new SourceLocation(paths[i], 0, 0)));
                    hashes[i] = $"too-large:{info.Length}:{info.LastWriteTimeUtc.Ticks}";
                    continue;
                }
                var bytes = info.Exists ? File.ReadAllBytes(fullPath) : null;
                files[i] = (paths[i], fullPath, bytes, null);
                hashes[i] = bytes is null ? MissingHash : Convert.ToHexStringLower(SHA256.HashData(bytes));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Unreadable now (a writer holds it): a version of its own, so the next check tries again.
                files[i] = (paths[i], fullPath, null, ErrorCodes.FileUnreadable.Create(
                    $"{paths[i]}: cannot read it: {ex.Message}", new SourceLocation(paths[i], 0, 0)));
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
                errors.Add(problem is not null
                    ? (problem.ToString(), problem.Location)
                    : ($"{path}: the registry file does not exist", new SourceLocation(path, 0, 0)));
                continue;
            }
            // The shared decoder: strict UTF-8, UTF-16 named, a bad byte reported at its line and column.
            var (text, decodeError) = DocumentReader.Decode(bytes, path);
            if (decodeError is not null)
            {
                errors.Add((decodeError.ToString(), decodeError.Location));
                continue;
            }
            var result = AppSettingsRegistryReader.IsAppSettingsFile(System.IO.Path.GetFileName(fullPath))
                ? AppSettingsRegistryReader.Read(fullPath, path, text!, DocumentLimits.Default)
                : RegistryReader.Read(fullPath, path, text!);
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
}
