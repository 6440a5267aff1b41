using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;
using Flagkeeper.Loading;
using Flagkeeper.Registry;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// The <c>flags</c> commands that change a registry. Each resolves the one file to edit, then hands
/// the edit to <see cref="RegistryFileEditor"/> (lock, text edit, re-validate, atomic write). Expected problems (an
/// unknown key, a broken configuration, a refused edit) come back as values and are printed here, exit 2.
/// </summary>
internal static class FlagsEdits
{
    public sealed record NewFlag(
        string Key, string Owner, string Type, string Description, DateOnly? Expires, bool Default, double? Rollout,
        IReadOnlyList<string> Requires, IReadOnlyList<string> Aliases, string? Task);

    /// <summary>Which root and registry an edit works on, and whether it may write through a link to outside the root.</summary>
    public sealed record Where(string Root, string? Registry, bool AllowOutsideRoot);

    public static int Set(CliContext context, Where where, string key, string? environment, string field, object value)
    {
        var workspace = LoadForEdit(context, where.Root);
        var resolved = workspace.Then(w => Resolve(w, where.Registry, key));
        if (resolved.Failed)
        {
            return ErrorPrinter.Fail(context, resolved.Errors);
        }
        var (target, flagKey) = resolved.Value;
        var edited = Edit(context, workspace.Value, target, [new SetFlagValue(flagKey, environment, field, value)], where.AllowOutsideRoot);
        if (edited.Failed)
        {
            return ErrorPrinter.Fail(context, edited.Errors);
        }
        Report(context, target, edited.Value, $"{flagKey}: {field} is already {SetFlagValue.FormatValue(value)}{(environment is null ? "" : $" in {environment}")}");

        // Say when the other level still keeps the flag off, so nobody believes it is live when it is not.
        if (field == "enabled" && value is true && target.Registry?.Find(flagKey) is { } flag)
        {
            if (environment is not null && !flag.Enabled)
            {
                context.Note($"'{flagKey}' is off by its master switch (enabled: false), so it stays off in {environment} until `flagkeeper flags enable {flagKey}`.");
            }
            List<string> stillOff = environment is null ? [.. flag.Environments.Where(e => e.Enabled == false).Select(e => e.Name)] : [];
            if (stillOff.Count > 0)
            {
                context.Note($"'{flagKey}' stays off in {string.Join(", ", stillOff)} by its environment override; use --env to change it there.");
            }
        }
        return ExitCodes.Ok;
    }

    public static int Remove(CliContext context, Where where, string key)
    {
        var workspace = LoadForEdit(context, where.Root);
        var resolved = workspace.Then(w => Resolve(w, where.Registry, key));
        if (resolved.Failed)
        {
            return ErrorPrinter.Fail(context, resolved.Errors);
        }
        var (target, flagKey) = resolved.Value;
        var edited = Edit(context, workspace.Value, target, [new RemoveFlag(flagKey)], where.AllowOutsideRoot);
        if (edited.Failed)
        {
            return ErrorPrinter.Fail(context, edited.Errors);
        }
        Report(context, target, edited.Value, "");
        return ExitCodes.Ok;
    }

    public static int Add(CliContext context, NewFlag flag, Where where, DateOnly? fixedToday)
    {
        if (!FlagKeys.IsValid(flag.Key))
        {
            return ErrorPrinter.Fail(context, [ErrorCodes.InvalidValue.Create($"flag key '{flag.Key}' must be {FlagKeys.Description}")]);
        }
        var loaded = LoadForEdit(context, where.Root);
        var found = loaded.Then(w => where.Registry is null ? DefaultTarget(w) : Target.ForPath(w, where.Registry));
        if (found.Failed)
        {
            return ErrorPrinter.Fail(context, found.Errors);
        }
        var (workspace, target) = (loaded.Value, found.Value);
        var clash = workspace.Registries.Registries
            .Where(r => PathScope.Contains(r.ScopeDirectory, Path.GetDirectoryName(target.FullPath)!) || PathScope.Contains(Path.GetDirectoryName(target.FullPath)!, r.ScopeDirectory))
            .SelectMany(r => r.Flags.Select(f => (r, f)))
            .FirstOrDefault(x => string.Equals(x.f.Key, flag.Key, StringComparison.OrdinalIgnoreCase) || x.f.Aliases.Contains(flag.Key));
        if (clash.f is not null)
        {
            return ErrorPrinter.Fail(context, [ErrorCodes.FlagExists.Create($"'{flag.Key}' is already declared as '{clash.f.Key}'", clash.f.Location)]);
        }

        var fields = new List<KeyValuePair<string, object>>
        {
            new("description", flag.Description),
            new("owner", flag.Owner),
            new("type", flag.Type),
        };
        if (flag.Expires is { } expires)
        {
            fields.Add(new("expires", expires));
        }
        fields.Add(new("enabled", false));
        fields.Add(new("default", flag.Default));
        if (flag.Rollout is { } percent)
        {
            fields.Add(new("rollout", percent));
        }
        if (flag.Requires.Count > 0)
        {
            fields.Add(new("requires", flag.Requires));
        }
        if (flag.Aliases.Count > 0)
        {
            fields.Add(new("aliases", flag.Aliases));
        }
        fields.Add(new("created", context.Today(fixedToday)));
        if (flag.Task is not null)
        {
            fields.Add(new("task", flag.Task));
        }

        var edited = Edit(context, workspace, target, [new AddFlag(flag.Key, fields)], where.AllowOutsideRoot);
        if (edited.Failed)
        {
            return ErrorPrinter.Fail(context, edited.Errors);
        }
        Report(context, target, edited.Value, "");
        context.Output.WriteLine($"'{flag.Key}' is registered and off; turn it on with: flagkeeper flags enable {flag.Key}");
        return ExitCodes.Ok;
    }

    /// <summary>The registry file an edit goes to; <see cref="Registry"/> is null for a file that does not exist yet.</summary>
    public sealed record Target(string FullPath, string DisplayPath, FlagRegistry? Registry)
    {
        public static Target ForPath(Workspace workspace, string path)
        {
            var full = Path.GetFullPath(path);
            var registry = workspace.Registries.Registries.FirstOrDefault(r => r.FullPath == full);
            return new Target(full, RegistryDiscovery.DisplayPath(workspace.Root, full), registry);
        }
    }

    /// <summary>The workspace to edit in; its configuration errors, which block every edit, as a failure.</summary>
    /// <param name="kept">What the edit reuses of each registry: the text and flag lines, or every flag's tree for an edit of all of them.</param>
    public static Result<Workspace> LoadForEdit(CliContext context, string root, KeptSources kept = KeptSources.TextAndFlagLines)
    {
        var workspace = Workspace.Load(root, context.Monitor, kept).NoteLinks(context);
        // A broken configuration blocks edits; a broken registry blocks only edits of that file (the editor reports it).
        var configErrors = workspace.Errors.Where(e => e.Category == ErrorCategory.Configuration).ToList();
        return configErrors.Count > 0 ? Result<Workspace>.Failure(configErrors) : workspace;
    }

    /// <summary>The registry declaring <paramref name="key"/> (by key, then by alias) and the flag's key.</summary>
    public static Result<(Target Target, string Key)> Resolve(Workspace workspace, string? registryPath, string key)
    {
        var resolver = new FlagResolver(workspace.Registries.Registries);
        if (registryPath is not null)
        {
            var target = Target.ForPath(workspace, registryPath);
            var inFile = target.Registry is null ? null : resolver.Resolve([target.Registry], key);
            return (target, inFile?.Key ?? key);
        }

        var declaring = resolver.Declaring(key);
        if (declaring.Count == 0)
        {
            // A registry that did not load may well declare the key: its error is the real cause, so it leads.
            var unread = workspace.Errors.Where(e => e.Category is ErrorCategory.Registry or ErrorCategory.FileRead).ToList();
            return Result<(Target, string)>.Failure(unread.Count == 0
                ? [ErrorCodes.FlagNotFound.Create($"no registry under {workspace.Root} declares '{key}'")]
                : [.. unread, ErrorCodes.FlagNotFound.Create($"'{key}' is not in any registry that could be read; {unread.Count} registry file(s) could not be read (above), fix them first")]);
        }
        if (declaring.Count > 1)
        {
            return ErrorCodes.AmbiguousRegistry.Create(
                $"'{key}' is declared in {string.Join(", ", declaring.Select(d => d.Registry.DisplayPath))}; pass --registry FILE");
        }
        var (registry, flag) = declaring[0];
        if (!registry.IsEditable)
        {
            return ErrorCodes.UnsupportedEdit.Create($"'{flag.Key}' is declared in {registry.DisplayPath}, which is read-only; edit it by hand", flag.Location);
        }
        return (new Target(registry.FullPath, registry.DisplayPath, registry), flag.Key);
    }

    /// <summary>Where `flags add` writes without --registry: the root's own registry, the only one, or a new flags.yaml.</summary>
    private static Result<Target> DefaultTarget(Workspace workspace)
    {
        foreach (var name in RegistryReader.FileNames)
        {
            var atRoot = Path.Combine(workspace.Root, name);
            if (File.Exists(atRoot))
            {
                return Target.ForPath(workspace, atRoot);
            }
        }
        var editable = workspace.Registries.Registries.Where(r => r.IsEditable).ToList();
        return editable.Count switch
        {
            0 => Target.ForPath(workspace, Path.Combine(workspace.Root, RegistryReader.FileNames[0])),
            1 => new Target(editable[0].FullPath, editable[0].DisplayPath, editable[0]),
            _ => ErrorCodes.AmbiguousRegistry.Create(
                $"there are {editable.Count} registries under {workspace.Root} ({string.Join(", ", editable.Select(r => r.DisplayPath))}); pass --registry FILE"),
        };
    }

    public static Result<EditOutcome> Edit(CliContext context, Workspace workspace, Target target, IReadOnlyList<RegistryEdit> edits, bool allowOutsideRoot)
    {
        if (!allowOutsideRoot && RegistryFileEditor.LinkTarget(target.FullPath) is { } linked && !PathScope.Contains(workspace.Root, linked))
        {
            return ErrorCodes.UnsupportedEdit.Create(
                $"{target.DisplayPath} is a symbolic link to {linked}, outside the root {workspace.Root}; pass --allow-outside-root to edit it there",
                new SourceLocation(target.DisplayPath, 0, 0));
        }
        return context.Monitor.Measure("registry.edit", () =>
            RegistryFileEditor.Edit(target.FullPath, target.DisplayPath, edits, (registry, changed) => workspace.ValidateWith(registry, changed), lockTimeout: null, loaded: target.Registry));
    }

    /// <summary>The errors that kept the registry at <paramref name="fullPath"/> from loading.</summary>
    public static List<FlagkeeperError> LoadErrorsOf(Workspace workspace, string fullPath)
    {
        var display = RegistryDiscovery.DisplayPath(workspace.Root, fullPath);
        return [.. workspace.Errors.Where(e => e.Location?.File == display)];
    }

    internal static void Report(CliContext context, Target target, EditOutcome outcome, string unchanged)
    {
        if (!outcome.Changed)
        {
            context.Output.WriteLine($"{target.DisplayPath}: nothing to change ({unchanged})");
            return;
        }
        foreach (var change in outcome.Changes)
        {
            context.Output.WriteLine($"{target.DisplayPath}: {change}");
        }
    }
}
