using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using Flagkeeper.Loading;
using Flagkeeper.Registry;

namespace Flagkeeper.Editing;

/// <summary>What an edit did.</summary>
public sealed record EditOutcome(bool Changed, IReadOnlyList<string> Changes)
{
    /// <summary>The registry as written, read back from the edited text (null when nothing changed): a next edit can pass it as the loaded registry.</summary>
    public FlagRegistry? Registry { get; init; }
}

/// <summary>Findings for a registry as an edit would leave it (every registry in view, this one standing in for its file).</summary>
/// <param name="changedKeys">
/// Null: every check. Else the keys of the flags the edit read again; the checks that look at one flag alone may then
/// skip every other flag (such a flag reads the same before and after the edit, so it has the same such findings in
/// both), while the checks across flags run for all.
/// </param>
public delegate IReadOnlyList<Finding> EditValidation(FlagRegistry registry, IReadOnlySet<string>? changedKeys);

/// <summary>
/// Edits a registry file safely: lock, read, apply the edits to the text, re-read and check that
/// every edit took effect, re-validate, then write atomically. Any failure leaves the file byte for
/// byte as it was. Edits of one call are planned against one parse of the file, so they must touch
/// different flags (as <c>kill --all</c> does). An edit that adds a new error-severity finding (say, a release flag without
/// an expiry) is refused. A registry that is a symbolic link is edited through the link (the link stays,
/// its target is replaced atomically in the target's folder); a registry without write permission is refused.
/// </summary>
public static class RegistryFileEditor
{
    public static TimeSpan DefaultLockTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The text of a new, empty registry.</summary>
    public const string NewRegistryText = "# Feature flag registry: see docs/registry.md\nversion: 1\nflags:\n";

    /// <param name="validate">Findings for the registry as it would be; compared before and after.</param>
    /// <returns>What changed, or why nothing was written (unreadable file, missing flag, a refused edit, a lock that stayed taken).</returns>
    public static Result<EditOutcome> Edit(
        string fullPath,
        string displayPath,
        IReadOnlyList<RegistryEdit> edits,
        Func<FlagRegistry, IReadOnlyList<Finding>> validate,
        TimeSpan? lockTimeout = null) => Edit(fullPath, displayPath, edits, validate, lockTimeout, loaded: null);

    /// <inheritdoc cref="Edit(string, string, IReadOnlyList{RegistryEdit}, EditValidation, TimeSpan?, FlagRegistry?)"/>
    public static Result<EditOutcome> Edit(
        string fullPath,
        string displayPath,
        IReadOnlyList<RegistryEdit> edits,
        Func<FlagRegistry, IReadOnlyList<Finding>> validate,
        TimeSpan? lockTimeout,
        FlagRegistry? loaded) => Edit(fullPath, displayPath, edits, (registry, _) => validate(registry), lockTimeout, loaded);

    /// <param name="validate">Findings for the registry as it would be; compared before and after.</param>
    /// <param name="loaded">
    /// The registry as the caller loaded it (a workspace's, or a previous edit's <see cref="EditOutcome.Registry"/>).
    /// When it kept its text and that is still exactly the file's text under the lock, its parse is reused;
    /// otherwise (the file changed since, or no text was kept) the file is parsed again.
    /// </param>
    public static Result<EditOutcome> Edit(
        string fullPath,
        string displayPath,
        IReadOnlyList<RegistryEdit> edits,
        EditValidation validate,
        TimeSpan? lockTimeout,
        FlagRegistry? loaded)
    {
        // Everything below works on the file itself: replacing a link would cut a shared registry loose.
        fullPath = LinkTarget(fullPath) ?? fullPath;
        var acquired = RegistryLock.Acquire(fullPath, lockTimeout ?? DefaultLockTimeout);
        if (acquired.Failed)
        {
            return Result<EditOutcome>.Failure(acquired.Errors);
        }
        using var registryLock = acquired.Value;
        if (!File.Exists(fullPath) && Write(fullPath, displayPath, NewRegistryText, byteOrderMark: false) is { } createError)
        {
            return createError;
        }
        if (RefuseReadOnly(fullPath, displayPath) is { } readOnly)
        {
            return readOnly;
        }

        var byteOrderMark = AtomicFile.HasByteOrderMark(fullPath);
        // The text the caller loaded, when the file still holds exactly it (compared without a second copy of it).
        var (original, readError) = loaded?.Source is { } kept && DocumentReader.FileHoldsText(fullPath, kept.Text, DocumentLimits.Default)
            ? (kept.Text, null)
            : DocumentReader.ReadFileText(fullPath, displayPath, DocumentLimits.Default);
        if (readError is not null)
        {
            return readError;
        }
        var before = loaded?.Source is { } source && string.Equals(source.Text, original, StringComparison.Ordinal)
            // As if read here: under the path and name given (through a link, the target's path), like the read-back.
            ? new RegistryLoadResult(loaded with { FullPath = fullPath, DisplayPath = displayPath }, []) { Document = source.Document, PlainNodes = source.PlainNodes }
            : RegistryReader.Read(fullPath, displayPath, original!, null, keepSource: true);
        if (!before.Succeeded)
        {
            return before.Errors[0];
        }
        if (before.Document is null && before.Registry!.Kind == RegistrySourceKind.Yaml
            && EditTree.TryPartial(before, original!, edits) is { } partial)
        {
            // Read in chunks or back from an edited region, the registry kept no tree: read the flags the edits name.
            before = before with { Document = partial };
        }
        else if (before.Document is null && before.Registry!.Kind == RegistrySourceKind.Yaml)
        {
            // Not laid out for that: parse it whole, without binding.
            var tree = DocumentReader.Read(displayPath, original!, DocumentFormat.Yaml, DocumentLimits.Default, ErrorCodes.RegistrySyntax);
            if (tree.Error is not null)
            {
                return tree.Error;
            }
            before = before with { Document = tree.Root, PlainNodes = tree.PlainNodes };
        }

        var text = Apply(original!, displayPath, before, edits);
        if (text.Failed)
        {
            return Result<EditOutcome>.Failure(text.Errors);
        }
        var edited = text.Value;
        if (edited.SameAsOriginal)
        {
            return new EditOutcome(false, []);
        }

        // Read back: only the changed lines, or the changed flags' lines, when that is exact; else the whole text.
        var after = RegistryValueReader.TryReadEdited(before, edited, displayPath, DocumentLimits.Default)
            ?? RegistryRegionReader.TryReadEdited(before, edited, displayPath, DocumentLimits.Default)
            ?? RegistryReader.Read(fullPath, displayPath, edited.Text, null, keepSource: true);
        if (!after.Succeeded)
        {
            return Rejected($"the edited registry would not read back ({after.Errors[0]})");
        }
        // The values the edit wrote; later flags not moved yet hold the same ones (moving them waits for a reader of their lines).
        var written = after.Region?.Unmoved ?? after.Registry!;
        foreach (var edit in edits)
        {
            if (!TookEffect(edit, written))
            {
                return Rejected($"the edit '{edit.Describe()}' did not take effect as written; edit the file by hand");
            }
        }

        // The new file is written and flushed while the edited registry is validated (both take a while on a large
        // registry); only a valid edit then replaces the registry, a refused one deletes the temporary file.
        var prepared = Task.Run(() => Prepare(fullPath, displayPath, edited, byteOrderMark));
        List<Finding> introduced;
        try
        {
            introduced = IntroducedErrors(validate, before.Registry!, after);
        }
        catch
        {
            prepared.GetAwaiter().GetResult().Replacement?.Dispose();
            throw;
        }
        var (replacement, writeError) = prepared.GetAwaiter().GetResult();
        using (replacement)
        {
            if (introduced.Count > 0)
            {
                return Rejected(string.Join("; ", introduced.Select(f => $"{f.Rule}: {f.Message}")));
            }
            if ((writeError ?? Commit(replacement!, displayPath)) is { } failed)
            {
                return failed;
            }
        }
        return new EditOutcome(true, edits.Select(e => e.Describe()).ToList()) { Registry = after.Registry };
    }

    /// <summary>The text with every edit planned against one parse, or the first edit the text cannot take.</summary>
    private static Result<EditedText> Apply(string original, string displayPath, RegistryLoadResult before, IReadOnlyList<RegistryEdit> edits)
    {
        if (before.Registry!.Kind == RegistrySourceKind.Json)
        {
            var json = JsonRegistryEditor.For(original, displayPath);
            if (json.Failed)
            {
                return Result<EditedText>.Failure(json.Errors);
            }
            foreach (var edit in edits)
            {
                if (json.Value.Apply(edit) is { } error)
                {
                    return error;
                }
            }
            return EditedText.Whole(original, json.Value.Text);
        }
        var yaml = new YamlRegistryEditor(original, displayPath, before.Document as MappingNode);
        foreach (var edit in edits)
        {
            if (yaml.Apply(edit) is { } error)
            {
                return error;
            }
        }
        return yaml.Planned();
    }

    /// <summary>The final target of <paramref name="path"/> when it is a symbolic link, else null.</summary>
    public static string? LinkTarget(string path) =>
        new FileInfo(path).LinkTarget is not null && File.ResolveLinkTarget(path, returnFinalTarget: true) is { } target
            ? Path.GetFullPath(target.FullName)
            : null;

    /// <summary>
    /// A file nobody may write (0444) is read-only on purpose: an atomic replace would get past that (it needs
    /// only the folder), and root passes every access check, so the mode bits decide as well as access.
    /// </summary>
    private static FlagkeeperError? RefuseReadOnly(string fullPath, string displayPath)
    {
        const UnixFileMode anyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        var readOnly = OperatingSystem.IsWindows()
            ? File.GetAttributes(fullPath).HasFlag(FileAttributes.ReadOnly)
            : (File.GetUnixFileMode(fullPath) & anyWrite) == 0 || !CanOpenForWriting(fullPath);
        return readOnly
            ? ErrorCodes.UnsupportedEdit.Create(
                $"{displayPath} is read-only (no write permission), so it was not edited; make it writable (chmod u+w) if the edit is meant",
                new SourceLocation(displayPath, 0, 0))
            : null;
    }

    private static bool CanOpenForWriting(string fullPath)
    {
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Error findings of the edited registry that the registry as it was did not have.</summary>
    /// <remarks>
    /// After a region read, a flag outside the region is the same flag before and after (at most moved by lines), so
    /// only the region's flags get the checks of one flag alone; and the edited registry is first checked with its later
    /// flags not moved yet: the same values, so errors there exactly when there are errors once moved. Only then are the
    /// later flags moved, for the errors' exact positions and messages.
    /// </remarks>
    private static List<Finding> IntroducedErrors(EditValidation validate, FlagRegistry before, RegistryLoadResult after)
    {
        var changed = after.Region?.ChangedKeys;
        if (after.Region is { } region && !ReferenceEquals(region.Unmoved, after.Registry) && Errors(validate(region.Unmoved, changed)).Count == 0)
        {
            return [];
        }
        // The registry as it was is validated only when the edited one has errors: with none, none are new.
        var errors = Errors(validate(after.Registry!, changed));
        var known = errors.Count == 0 ? [] : Errors(validate(before, changed)).Select(Identity).ToHashSet();
        return errors.Where(f => !known.Contains(Identity(f))).ToList();
    }

    private static List<Finding> Errors(IReadOnlyList<Finding> findings) => findings.Where(f => f.Severity == RuleSeverity.Error).ToList();

    /// <summary>Writes atomically; a refusal by the file system (permissions, a full disk, another owner) is an expected problem.</summary>
    private static FlagkeeperError? Write(string fullPath, string displayPath, string text, bool byteOrderMark)
    {
        var (replacement, error) = Prepare(fullPath, displayPath, text, byteOrderMark);
        using (replacement)
        {
            return error ?? Commit(replacement!, displayPath);
        }
    }

    private static (AtomicFile.Replacement? Replacement, FlagkeeperError? Error) Prepare(string fullPath, string displayPath, string text, bool byteOrderMark) =>
        Prepare(fullPath, displayPath, EditedText.Whole("", text), byteOrderMark);

    private static (AtomicFile.Replacement? Replacement, FlagkeeperError? Error) Prepare(string fullPath, string displayPath, EditedText text, bool byteOrderMark)
    {
        try
        {
            return (AtomicFile.Prepare(fullPath, text.Parts().Select(p => p.Part), byteOrderMark), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, NotWritten(displayPath, ex));
        }
    }

    private static FlagkeeperError? Commit(AtomicFile.Replacement replacement, string displayPath)
    {
        try
        {
            replacement.Commit();
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return NotWritten(displayPath, ex);
        }
    }

    private static FlagkeeperError NotWritten(string displayPath, Exception ex) => ErrorCodes.UnsupportedEdit.Create(
        $"{displayPath} could not be written, so it was left as it was: {ex.Message}", new SourceLocation(displayPath, 0, 0));

    private static (string, string?, string) Identity(Finding f) => (f.Rule, f.Flag, f.Message);

    private static FlagkeeperError Rejected(string why) => ErrorCodes.EditRejected.Create($"edit refused, nothing was written: {why}");

    private static bool TookEffect(RegistryEdit edit, FlagRegistry registry)
    {
        var flag = registry.Find(edit.Key);
        return edit switch
        {
            RemoveFlag => flag is null,
            AddFlag => flag is not null,
            SetTargeting targeting when flag is not null => targeting.Targeting.SameAs(TargetingSpec.From(
                targeting.Environment is null ? flag.Targeting : flag.OverrideFor(targeting.Environment)?.Targeting)),
            SetFlagValue set when flag is not null => set.Environment is null
                ? SameValue(ValueOf(set.Field, flag.Enabled, flag.Rollout), set.Value)
                : flag.Environments.FirstOrDefault(e => e.Name == set.Environment) is { } env
                  && SameValue(ValueOf(set.Field, env.Enabled, env.Rollout), set.Value),
            _ => false,
        };
    }

    /// <summary>Equal values; numbers compare as numbers whatever their boxed type (30 == 30.0).</summary>
    private static bool SameValue(object? actual, object expected) => (actual, expected) switch
    {
        (double a, int e) => a == e,
        (double a, long e) => a == e,
        (double a, double e) => a == e,
        _ => Equals(actual, expected),
    };

    private static object? ValueOf(string field, bool? enabled, double? rollout) => field switch
    {
        "enabled" => enabled,
        "rollout" => rollout,
        _ => null,
    };
}
