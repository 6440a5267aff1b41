using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using Flagkeeper.Editing;
using Flagkeeper.Loading;
using Flagkeeper.Registry;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// <c>flags kill</c>: moves one flag, or every flag, to its safe state (<see cref="SafeState"/>), then
/// reads the registries back and reports only what it verified. Anything it could not change (a
/// registry that does not load, a read-only file, an appsettings source) is named with the reason, exit 2.
/// </summary>
internal static class FlagsKill
{
    /// <summary>A registry in the kill's scope and the flags of it that must reach their safe state.</summary>
    private sealed record Scope(FlagRegistry Registry, IReadOnlyList<string> Keys);

    /// <summary>What the read-back found in one registry.</summary>
    private sealed record Verified(string Path, int FlagsOff, int KillSwitchesEngaged, IReadOnlyList<string> Changes, IReadOnlyList<string> ServeDefaultTrue);

    public static int Run(CliContext context, FlagsEdits.Where where, string? key, bool all, bool yes, string format)
    {
        if (all == (key is not null))
        {
            return ErrorPrinter.Fail(context, [ErrorCodes.InvalidArgument.Create("give either a flag KEY or --all --yes")]);
        }
        if (all && !yes)
        {
            return ErrorPrinter.Fail(context, [ErrorCodes.InvalidArgument.Create("`kill --all` moves every flag to its safe state (kill switches on, every other flag off); add --yes to confirm")]);
        }

        // `--all` edits every flag: planning against the load's own tree saves parsing all of them again.
        var loaded = FlagsEdits.LoadForEdit(context, where.Root, all ? KeptSources.WholeTree : KeptSources.TextAndFlagLines);
        var failures = new List<FlagkeeperError>();
        var inScope = loaded.Then(w => key is not null ? FlagScope(w, where, key) : AllScopes(w, where, failures));
        if (inScope.Failed)
        {
            return ErrorPrinter.Fail(context, inScope.Errors);
        }
        var (workspace, scopes) = (loaded.Value, inScope.Value);
        var changes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var whyNot = new Dictionary<string, string>(StringComparer.Ordinal);
        var lastWritten = new Dictionary<string, FlagRegistry>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            changes[scope.Registry.FullPath] = MoveToSafeState(context, workspace, where, scope, whyNot, lastWritten);
        }

        // Trust the file, not the plan: read back every registry the kill wrote and count what is really in its safe
        // state. A registry it did not write is still the file the workspace read (kept under no lock, like any read).
        var verified = new List<Verified>();
        foreach (var scope in scopes)
        {
            var written = changes[scope.Registry.FullPath].Count > 0;
            var registry = written ? ReadBack(context, scope.Registry, lastWritten.GetValueOrDefault(scope.Registry.FullPath)) : scope.Registry;
            verified.Add(Verify(registry, scope, changes[scope.Registry.FullPath], whyNot.GetValueOrDefault(scope.Registry.FullPath), failures));
        }

        var flagsOff = verified.Sum(v => v.FlagsOff);
        var engaged = verified.Sum(v => v.KillSwitchesEngaged);
        var summary = $"{Count(flagsOff, "flag")} off in {verified.Count} registr{(verified.Count == 1 ? "y" : "ies")}; "
            + $"{Count(engaged, "kill switch", "kill switches")} engaged";
        // Off serves `default`: a flag whose default is true still answers true, and nobody may believe otherwise.
        var servingTrue = verified.SelectMany(v => v.ServeDefaultTrue).ToList();
        if (format == "json")
        {
            WriteJson(context, verified, flagsOff, engaged, failures);
            PrintServingTrue(context, servingTrue);
        }
        else
        {
            using (var output = BlockWriter.For(context.Output)) // `--all`: a line per flag, 10,000 of them
            {
                foreach (var registry in verified)
                {
                    foreach (var change in registry.Changes)
                    {
                        output.WriteLine($"{registry.Path}: {change}");
                    }
                }
                output.WriteLine(failures.Count == 0
                    ? $"verified: {summary}"
                    : $"NOT DONE: {Count(failures.Count, "problem")} left flags out of their safe state (see standard error); verified only: {summary}");
            }
            PrintServingTrue(context, servingTrue);
        }
        return failures.Count == 0 ? ExitCodes.Ok : ErrorPrinter.Fail(context, failures);
    }

    private static Result<List<Scope>> FlagScope(Workspace workspace, FlagsEdits.Where where, string key)
    {
        var resolved = FlagsEdits.Resolve(workspace, where.Registry, key);
        if (resolved.Failed)
        {
            return Result<List<Scope>>.Failure(resolved.Errors);
        }
        var (target, flagKey) = resolved.Value;
        if (target.Registry?.Find(flagKey) is null)
        {
            return Result<List<Scope>>.Failure([.. FlagsEdits.LoadErrorsOf(workspace, target.FullPath),
                ErrorCodes.FlagNotFound.Create($"{target.DisplayPath} does not declare '{key}'")]);
        }
        return new List<Scope> { new(target.Registry, [flagKey]) };
    }

    /// <summary>Every registry (or the one --registry names) with all its flags; registries that did not load go to <paramref name="failures"/>.</summary>
    private static Result<List<Scope>> AllScopes(Workspace workspace, FlagsEdits.Where where, List<FlagkeeperError> failures)
    {
        if (where.Registry is not null)
        {
            var target = FlagsEdits.Target.ForPath(workspace, where.Registry);
            if (target.Registry is not { } registry)
            {
                return Result<List<Scope>>.Failure(FlagsEdits.LoadErrorsOf(workspace, target.FullPath) is { Count: > 0 } errors
                    ? errors
                    : [ErrorCodes.RegistryNotFound.Create($"{where.Registry} is not a registry under the root")]);
            }
            return new List<Scope> { new(registry, [.. registry.Flags.Select(f => f.Key)]) };
        }
        // A registry that did not load has flags nobody can see, let alone change: that is a failure, never a skip.
        foreach (var error in workspace.Errors.Where(e => e.Category is ErrorCategory.Registry or ErrorCategory.FileRead))
        {
            failures.Add(error with { Message = $"{error.Message} (its flags could not be read, so none of them were changed)" });
        }
        return workspace.Registries.Registries.Select(r => new Scope(r, [.. r.Flags.Select(f => f.Key)])).ToList();
    }

    /// <summary>Edits the registry; when it cannot, records why in <paramref name="whyNot"/> (the read-back names each flag).</summary>
    private static List<string> MoveToSafeState(
        CliContext context, Workspace workspace, FlagsEdits.Where where, Scope scope, Dictionary<string, string> whyNot, Dictionary<string, FlagRegistry> lastWritten)
    {
        var plans = scope.Keys.Select(k => SafeState.EditsFor(scope.Registry.Find(k)!)).Where(p => p.Count > 0).ToList();
        if (plans.Count == 0)
        {
            return [];
        }
        if (!scope.Registry.IsEditable)
        {
            whyNot[scope.Registry.FullPath] = $"{scope.Registry.DisplayPath} is an appsettings source, which flagkeeper never edits; change it there by hand";
            return [];
        }
        var done = new List<string>();
        var target = new FlagsEdits.Target(scope.Registry.FullPath, scope.Registry.DisplayPath, scope.Registry);
        // Every edit in one write when the editor can plan them together: one lock, one read-back, one rename.
        if (plans.Any(p => p.Count > 1))
        {
            var together = FlagsEdits.Edit(context, workspace, target, [.. plans.SelectMany(p => p)], where.AllowOutsideRoot);
            if (!together.Failed)
            {
                Remember(lastWritten, scope, together.Value);
                return [.. together.Value.Changes];
            }
            if (together.Errors.Any(e => e.Code != ErrorCodes.UnsupportedEdit.Code))
            {
                whyNot[scope.Registry.FullPath] = string.Join("; ", together.Errors.Select(e => e.Message));
                return done;
            }
            // Some of one flag's edits touch the same lines (a flow mapping rewritten whole): one edit per flag per round.
        }
        for (var round = 0; round < plans.Max(p => p.Count); round++)
        {
            var edits = plans.Where(p => p.Count > round).Select(p => (RegistryEdit)p[round]).ToList();
            var edited = FlagsEdits.Edit(context, workspace, target, edits, where.AllowOutsideRoot);
            if (edited.Failed)
            {
                whyNot[scope.Registry.FullPath] = string.Join("; ", edited.Errors.Select(e => e.Message));
                break;
            }
            done.AddRange(edited.Value.Changes);
            Remember(lastWritten, scope, edited.Value);
            // The next round starts from what this one wrote (the editor reuses that parse if the file still holds it).
            target = target with { Registry = edited.Value.Registry ?? target.Registry };
        }
        return done;
    }

    private static void Remember(Dictionary<string, FlagRegistry> lastWritten, Scope scope, EditOutcome outcome)
    {
        if (outcome.Registry is { } registry)
        {
            lastWritten[scope.Registry.FullPath] = registry with { FullPath = scope.Registry.FullPath, DisplayPath = scope.Registry.DisplayPath };
        }
    }

    /// <summary>
    /// The registry as it is on disk now, or null when it no longer reads. When the file holds, byte for byte, the text
    /// the last edit wrote, the editor's own read of that text is what a new read would give; otherwise (changed since,
    /// or nothing kept) the file is read again.
    /// </summary>
    private static FlagRegistry? ReadBack(CliContext context, FlagRegistry scoped, FlagRegistry? lastWritten)
    {
        using var measurement = context.Monitor.Start("registry.read");
        if (lastWritten?.Source is { } source && source.IsIn(scoped.FullPath, DocumentLimits.Default))
        {
            return lastWritten;
        }
        return RegistryReader.ReadFile(scoped.FullPath, scoped.DisplayPath).Registry;
    }

    private static Verified Verify(FlagRegistry? registry, Scope scope, List<string> changes, string? whyNot, List<FlagkeeperError> failures)
    {
        if (registry is null)
        {
            failures.Add(ErrorCodes.RegistryNotFound.Create($"{scope.Registry.DisplayPath} could not be read back after the kill, so its flags are unverified",
                new SourceLocation(scope.Registry.DisplayPath, 0, 0)));
            return new Verified(scope.Registry.DisplayPath, 0, 0, changes, []);
        }
        var (off, engaged) = (0, 0);
        var servingTrue = new List<string>();
        foreach (var key in scope.Keys)
        {
            if (registry.Find(key) is not { } flag)
            {
                failures.Add(ErrorCodes.FlagNotFound.Create($"'{key}' is no longer in {registry.DisplayPath}, so its state is unverified", new SourceLocation(registry.DisplayPath, 0, 0)));
                continue;
            }
            var left = SafeState.EditsFor(flag);
            if (left.Count > 0)
            {
                failures.Add(ErrorCodes.UnsupportedEdit.Create(
                    $"'{flag.Key}' was not changed, it still needs {string.Join(", ", left.Select(e => $"{(e.Environment is null ? "" : $"[{e.Environment}] ")}{e.Field} = {SetFlagValue.FormatValue(e.Value)}"))}: "
                    + (whyNot ?? "the edit did not take effect"), flag.Location));
            }
            else if (SafeState.IsKillSwitch(flag))
            {
                engaged++;
            }
            else
            {
                off++;
                if (flag.Default)
                {
                    servingTrue.Add(flag.Key);
                }
            }
        }
        return new Verified(registry.DisplayPath, off, engaged, changes, servingTrue);
    }

    private static void WriteJson(CliContext context, List<Verified> verified, int flagsOff, int engaged, List<FlagkeeperError> failures) =>
        JsonOutput.Write(context.Output, json =>
        {
            json.WriteBoolean("verified", failures.Count == 0);
            json.WriteNumber("flagsOff", flagsOff);
            json.WriteNumber("killSwitchesEngaged", engaged);
            json.WriteStartArray("registries");
            foreach (var registry in verified)
            {
                json.WriteStartObject();
                json.WriteString("path", registry.Path);
                json.WriteNumber("flagsOff", registry.FlagsOff);
                json.WriteNumber("killSwitchesEngaged", registry.KillSwitchesEngaged);
                json.WriteStringArray("changes", registry.Changes);
                json.WriteStringArray("servingDefaultTrue", registry.ServeDefaultTrue);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            JsonOutput.WriteErrors(json, failures);
        });

    private static void PrintServingTrue(CliContext context, List<string> keys)
    {
        if (keys.Count > 0)
        {
            context.Error.WriteLine($"warning: {Count(keys.Count, "flag")} off but serving {(keys.Count == 1 ? "its" : "their")} `default: true` "
                + $"(off serves the default): {string.Join(", ", keys)}; set `default: false` if the feature must stop.");
        }
    }

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
}
