using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;
using Flagkeeper.Loading;
using Flagkeeper.Registry;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// The <c>flags</c> commands that change a registry. Each resolves the one file to edit, then hands
/// the edit to <see cref="RegistryFileEditor"/> (lock, text edit, re-validate, atomic write).
/// </summary>
internal static class FlagsEdits
{
    public sealed record NewFlag(
        string Key, string Owner, string Type, string Description, DateOnly? Expires, bool Default, double? Rollout,
        IReadOnlyList<string> Requires, IReadOnlyList<string> Aliases, string? Task);

    public static int Set(CliContext context, string root, string? registryPath, string key, string? environment, string field, object value)
    {
        var workspace = LoadForEdit(context, root);
        var (target, flagKey) = Resolve(workspace, registryPath, key);
        var outcome = Edit(context, workspace, target, [new SetFlagValue(flagKey, environment, field, value)]);
        Report(context, target, outcome, $"{flagKey}: {field} is already {SetFlagValue.FormatValue(value)}{(environment is null ? "" : $" in {environment}")}");

        // Say when the other level still keeps the flag off, so nobody believes it is live when it is not.
        if (field == "enabled" && value is true && target.Registry?.Find(flagKey) is { } flag)
        {
            if (environment is not null && !flag.Enabled)
            {
                context.Error.WriteLine($"note: '{flagKey}' is off by its master switch (enabled: false), so it stays off in {environment} until `flagkeeper flags enable {flagKey}`.");
            }
            List<string> stillOff = environment is null ? [.. flag.Environments.Where(e => e.Enabled == false).Select(e => e.Name)] : [];
            if (stillOff.Count > 0)
            {
                context.Error.WriteLine($"note: '{flagKey}' stays off in {string.Join(", ", stillOff)} by its environment override; use --env to change it there.");
            }
        }
        return ExitCodes.Ok;
    }

    public static int Kill(CliContext context, string root, string? registryPath, string? key, bool all, bool yes)
    {
        if (all == (key is not null))
        {
            throw new FlagkeeperException(ErrorCodes.InvalidArgument.Create("give either a flag KEY or --all --yes"));
        }
        if (key is not null)
        {
            return Set(context, root, registryPath, key, null, "enabled", false);
        }
        if (!yes)
        {
            throw new FlagkeeperException(ErrorCodes.InvalidArgument.Create("`kill --all` turns off every flag; add --yes to confirm"));
        }

        var workspace = LoadForEdit(context, root);
        var registries = registryPath is null
            ? workspace.Registries.Registries.Where(r => r.IsEditable).ToList()
            : [Target.ForPath(workspace, registryPath).Registry ?? throw NotFound(registryPath)];
        // In an emergency one broken registry must not stop the others: kill what can be killed, then report.
        var killed = 0;
        var failures = new List<FlagkeeperError>();
        foreach (var registry in registries)
        {
            var edits = registry.Flags.Where(f => f.Enabled).Select(f => (RegistryEdit)new SetFlagValue(f.Key, null, "enabled", false)).ToList();
            if (edits.Count == 0)
            {
                continue;
            }
            var target = new Target(registry.FullPath, registry.DisplayPath, registry);
            try
            {
                Report(context, target, Edit(context, workspace, target, edits), "");
                killed += edits.Count;
            }
            catch (FlagkeeperException ex)
            {
                failures.AddRange(ex.Errors);
            }
        }
        var unreadable = workspace.Errors.Where(e => e.Category == ErrorCategory.Registry).ToList();
        failures.AddRange(unreadable);
        context.Output.WriteLine($"killed {killed} flag(s) in {registries.Count} registr{(registries.Count == 1 ? "y" : "ies")}"
            + (failures.Count == 0 ? "; every flag is now off." : $"; {failures.Count} problem(s) left flags on, see standard error."));
        if (failures.Count > 0)
        {
            throw new FlagkeeperException(failures);
        }
        return ExitCodes.Ok;
    }

    public static int Remove(CliContext context, string root, string? registryPath, string key)
    {
        var workspace = LoadForEdit(context, root);
        var (target, flagKey) = Resolve(workspace, registryPath, key);
        var outcome = Edit(context, workspace, target, [new RemoveFlag(flagKey)]);
        Report(context, target, outcome, "");
        return ExitCodes.Ok;
    }

    public static int Add(CliContext context, NewFlag flag, string root, string? registryPath, DateOnly? fixedToday)
    {
        if (!FlagKeys.IsValid(flag.Key))
        {
            throw new FlagkeeperException(ErrorCodes.InvalidValue.Create($"flag key '{flag.Key}' must be {FlagKeys.Description}"));
        }
        var workspace = LoadForEdit(context, root);
        var target = registryPath is null ? DefaultTarget(workspace) : Target.ForPath(workspace, registryPath);
        var clash = workspace.Registries.Registries
            .Where(r => PathScope.Contains(r.ScopeDirectory, Path.GetDirectoryName(target.FullPath)!) || PathScope.Contains(Path.GetDirectoryName(target.FullPath)!, r.ScopeDirectory))
            .SelectMany(r => r.Flags.Select(f => (r, f)))
            .FirstOrDefault(x => string.Equals(x.f.Key, flag.Key, StringComparison.OrdinalIgnoreCase) || x.f.Aliases.Contains(flag.Key));
        if (clash.f is not null)
        {
            throw new FlagkeeperException(ErrorCodes.FlagExists.Create($"'{flag.Key}' is already declared as '{clash.f.Key}'", clash.f.Location));
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

        var outcome = Edit(context, workspace, target, [new AddFlag(flag.Key, fields)]);
        Report(context, target, outcome, "");
        context.Output.WriteLine($"'{flag.Key}' is registered and off; turn it on with: flagkeeper flags enable {flag.Key}");
        return ExitCodes.Ok;
    }

    /// <summary>The registry file an edit goes to; <see cref="Registry"/> is null for a file that does not exist yet.</summary>
    private sealed record Target(string FullPath, string DisplayPath, FlagRegistry? Registry)
    {
        public static Target ForPath(Workspace workspace, string path)
        {
            var full = Path.GetFullPath(path);
            var registry = workspace.Registries.Registries.FirstOrDefault(r => r.FullPath == full);
            return new Target(full, RegistryDiscovery.DisplayPath(workspace.Root, full), registry);
        }
    }

    private static Workspace LoadForEdit(CliContext context, string root)
    {
        var workspace = Workspace.Load(root, context.Monitor);
        // A broken configuration blocks edits; a broken registry blocks only edits of that file (the editor reports it).
        var configErrors = workspace.Errors.Where(e => e.Category == ErrorCategory.Configuration).ToList();
        if (configErrors.Count > 0)
        {
            throw new FlagkeeperException(configErrors);
        }
        return workspace;
    }

    /// <summary>The registry declaring <paramref name="key"/> (by key, then by alias) and the flag's key.</summary>
    private static (Target Target, string Key) Resolve(Workspace workspace, string? registryPath, string key)
    {
        if (registryPath is not null)
        {
            var target = Target.ForPath(workspace, registryPath);
            var inFile = target.Registry?.Flags.FirstOrDefault(f => f.Key == key || f.Aliases.Contains(key));
            return (target, inFile?.Key ?? key);
        }

        var declaring = workspace.Registries.AllFlags.Where(x => x.Flag.Key == key).ToList();
        if (declaring.Count == 0)
        {
            declaring = workspace.Registries.AllFlags.Where(x => x.Flag.Aliases.Contains(key)).ToList();
        }
        if (declaring.Count == 0)
        {
            var brokenRegistries = workspace.Errors.Where(e => e.Category == ErrorCategory.Registry).ToList();
            throw new FlagkeeperException([.. brokenRegistries, ErrorCodes.FlagNotFound.Create($"no registry under {workspace.Root} declares '{key}'")]);
        }
        if (declaring.Count > 1)
        {
            throw new FlagkeeperException(ErrorCodes.AmbiguousRegistry.Create(
                $"'{key}' is declared in {string.Join(", ", declaring.Select(d => d.Registry.DisplayPath))}; pass --registry FILE"));
        }
        var (registry, flag) = declaring[0];
        if (!registry.IsEditable)
        {
            throw new FlagkeeperException(ErrorCodes.UnsupportedEdit.Create($"'{flag.Key}' is declared in {registry.DisplayPath}, which is read-only; edit it by hand", flag.Location));
        }
        return (new Target(registry.FullPath, registry.DisplayPath, registry), flag.Key);
    }

    /// <summary>Where `flags add` writes without --registry: the root's own registry, the only one, or a new flags.yaml.</summary>
    private static Target DefaultTarget(Workspace workspace)
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
            _ => throw new FlagkeeperException(ErrorCodes.AmbiguousRegistry.Create(
                $"there are {editable.Count} registries under {workspace.Root} ({string.Join(", ", editable.Select(r => r.DisplayPath))}); pass --registry FILE")),
        };
    }

    private static EditOutcome Edit(CliContext context, Workspace workspace, Target target, IReadOnlyList<RegistryEdit> edits) =>
        context.Monitor.Measure("registry.edit", () =>
            RegistryFileEditor.Edit(target.FullPath, target.DisplayPath, edits, workspace.ValidateWith));

    private static void Report(CliContext context, Target target, EditOutcome outcome, string unchanged)
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

    private static FlagkeeperException NotFound(string path) =>
        new(ErrorCodes.RegistryNotFound.Create($"{path} is not a registry under the root"));
}
