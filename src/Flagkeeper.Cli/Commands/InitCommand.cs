using System.CommandLine;
using Flagkeeper.Analysis.Adoption;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Checks;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.KeySources;
using Flagkeeper.Cli.Invocation;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;
using Flagkeeper.Loading;
using Flagkeeper.Registry;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// <c>flagkeeper init</c>: adopt a repository in one command. Scans it, registers every flag key the code uses in a new
/// <c>flags.yaml</c>, and accepts today's findings in a baseline, so the first <c>flagkeeper check</c> is green and every
/// later regression is caught. Each step is verified: the registry is read back before it is written, and the check is
/// run again with the baseline before success is reported.
/// </summary>
internal static class InitCommand
{
    private sealed record Arguments(string Root, string? Owner, bool Force, bool DryRun, string? Today);

    public static Command Create(CliContext context)
    {
        var path = CommonOptions.RootArgument();
        var owner = new Option<string?>("--owner") { Description = "The team that owns the adopted flags (required; change it per flag later)." };
        var force = new Option<bool>("--force") { Description = "Replace an existing flags.yaml at the root (its flags are read again from the code)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the registry that would be written; write nothing." };
        var today = CommonOptions.Today();
        var command = new Command("init", "Adopt a repository: register every flag key the code uses in a new flags.yaml and accept today's findings in a baseline, so `check` starts green.")
        {
            path, owner, force, dryRun, today,
        };
        command.SetAction(parse =>
        {
            var root = path.TryResolve(parse, context, true);
            return root.Failed ? ErrorPrinter.Fail(context, root.Errors) : Run(context, new Arguments(
                root.Value.Path, parse.GetValue(owner), parse.GetValue(force), parse.GetValue(dryRun), parse.GetValue(today)));
        });
        return command;
    }

    private static int Run(CliContext context, Arguments args)
    {
        if (string.IsNullOrWhiteSpace(args.Owner))
        {
            return ErrorPrinter.Fail(context, [ErrorCodes.InvalidArgument.Create("--owner is required: the team that owns the adopted flags (flagkeeper init --owner payments)")]);
        }
        var date = CommonOptions.TryParseDate(args.Today, "--today");
        if (date.Failed)
        {
            return ErrorPrinter.Fail(context, date.Errors);
        }
        var today = context.Today(date.Value);
        var target = Path.Combine(args.Root, RegistryReader.FileNames[0]);
        // Another tool's flags.json (no `version`, no `flags`) is not a registry here either: scan and check skip it.
        if (RegistryReader.FileNames.Select(name => Path.Combine(args.Root, name))
                .FirstOrDefault(file => File.Exists(file) && !RegistryShape.IsForeignRegistryFile(file)) is { } existing
            && !(args.Force && existing == target))
        {
            var name = Path.GetFileName(existing);
            return ErrorPrinter.Fail(context, [ErrorCodes.RegistryExists.Create(existing == target
                ? $"{name} already exists; `flagkeeper init --force` replaces it (its flags are registered again from the code, its edits are lost)"
                : $"{name} already exists, so the repository has a registry; add flags with `flagkeeper flags add`")]);
        }

        var scan = new ScanRunner(context.Monitor, context.Time).Run(args.Root, new ScanOptions());
        if (scan is not { Result: { } result, Workspace: { } workspace })
        {
            return ErrorPrinter.Fail(context, scan.SetupErrors);
        }
        foreach (var skipped in workspace.Registries.Skipped)
        {
            context.Note(skipped); // another tool's flags.json: left as it is, and why (and imported below if it can be)
        }
        // A registry being replaced declares nothing: its keys are registered again from the code. Flags that
        // Microsoft.FeatureManagement already declares in appsettings*.json stay there, read as a registry.
        var settings = AppSettingsToAdopt(args.Root, workspace);
        var others = workspace.Registries with { Registries = [.. workspace.Registries.Registries.Where(r => r.FullPath != target), .. settings] };
        // Key sources: those configured, and the declarations of the constants the code's keys resolved to.
        var config = workspace.Config;
        var detected = KeySourceDetector.Detect(args.Root, result, config.MaxFileSize)
            .Where(d => !config.KeySources.Any(c => c.File == d.File && c.Name == d.Name)).ToList();
        var declared = KeySourceReader.Read(args.Root, [.. config.KeySources, .. detected], config.MaxFileSize);
        if (declared.Errors.Where(e => e.Severity >= ErrorSeverity.High).ToList() is { Count: > 0 } sourceErrors)
        {
            return ErrorPrinter.Fail(context, sourceErrors);
        }
        // A skipped flags.json in Microsoft.FeatureManagement's format: its flags are registered, with their off state.
        var imported = ImportedFeatureManagement.Read(args.Root, workspace.Registries.SkippedFiles);
        declared = new DeclaredKeys([.. declared.Keys, .. imported], declared.Errors);
        var wrappers = result.Usages.Where(u => u.Via is not null).Select(u => u.Via!.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var writeConfig = !ConfigLoader.FileNames.Any(name => File.Exists(Path.Combine(args.Root, name)))
            && AdoptedConfigText.IsNeeded(settings.Count > 0, detected, wrappers);
        var plan = AdoptionPlan.From(result, others, today, declared);
        var text = AdoptedRegistryText.Write(plan, args.Owner.Trim(), today);
        var readBack = RegistryReader.Read(target, RegistryReader.FileNames[0], text);
        if (!readBack.Succeeded || readBack.Registry!.Flags.Count != plan.Flags.Count)
        {
            return ErrorPrinter.Fail(context, [.. readBack.Errors, ErrorCodes.InvalidArgument.Create("the registry init made does not read back as planned; nothing was written")]);
        }
        if (args.DryRun)
        {
            context.Output.Write(text);
            var configNote = writeConfig ? $"; {ConfigLoader.FileNames[0]} would list {detected.Count} key source(s) and {wrappers.Count} wrapper(s)" : "";
            context.Error.WriteLine($"dry run: {Summary(plan)}{configNote}; nothing was written");
            return ExitCodes.Ok;
        }

        AtomicFile.WriteAllText(target, text, byteOrderMark: false);
        foreach (var source in imported.GroupBy(k => k.At.File, StringComparer.Ordinal))
        {
            context.Output.WriteLine($"imported {source.Count()} flag(s) Microsoft.FeatureManagement declares in {source.Key} into {RegistryReader.FileNames[0]} (on, off and percentage rollouts as they were; targeting lists, time windows and custom filters are not carried over: review them; the file is left as it was)");
        }
        if (writeConfig)
        {
            AtomicFile.WriteAllText(Path.Combine(args.Root, ConfigLoader.FileNames[0]), AdoptedConfigText.Write(settings.Count > 0, detected, wrappers), byteOrderMark: false);
            var parts = new List<string>();
            if (settings.Count > 0)
            {
                parts.Add($"appsettings: true ({settings.Sum(r => r.Flags.Count)} flag(s) Microsoft.FeatureManagement declares in {string.Join(", ", settings.Select(r => r.DisplayPath))} stay there)");
            }
            if (detected.Count > 0)
            {
                parts.Add($"keySources: {string.Join(", ", detected.Select(d => $"{d.Name} ({d.File})"))}");
            }
            if (wrappers.Count > 0)
            {
                parts.Add($"wrappers: {string.Join(", ", wrappers)}");
            }
            context.Output.WriteLine($"wrote {ConfigLoader.FileNames[0]}: {string.Join("; ", parts)}");
        }
        else if (detected.Count > 0)
        {
            context.Note($"{ConfigLoader.FileNames[0]} exists and was left as it is; these declare flags and could be listed under keySources: {string.Join(", ", detected.Select(d => $"{{file: {d.File}, name: {d.Name}}}"))}");
        }
        return AcceptFindings(context, args.Root, plan, today);
    }

    /// <summary>
    /// With no flagkeeper.yaml yet, the appsettings*.json whose Microsoft.FeatureManagement section declares flags: init
    /// turns on <c>appsettings: true</c> so they count as registered where they are, instead of copying them.
    /// </summary>
    private static IReadOnlyList<FlagRegistry> AppSettingsToAdopt(string root, Workspace workspace)
    {
        if (workspace.Config.AppSettings || ConfigLoader.FileNames.Any(name => File.Exists(Path.Combine(root, name))))
        {
            return [];
        }
        var found = RegistryDiscovery.Discover(root, workspace.Config with { AppSettings = true });
        return [.. found.Registries.Where(r => r.Kind == RegistrySourceKind.AppSettings && r.Flags.Count > 0)];
    }

    /// <summary>Checks the adopted repository, writes its findings to the baseline, and checks again to prove it is green.</summary>
    private static int AcceptFindings(CliContext context, string root, AdoptionPlan plan, DateOnly today)
    {
        var checker = new Checker(context.Monitor, context.Time);
        var first = checker.Run(root, new CheckOptions { Today = today, UseBaseline = false });
        if (first.HasInputErrors)
        {
            ErrorPrinter.Print(context.Error, first.Errors, warnings: false);
            context.Error.WriteLine($"wrote {RegistryReader.FileNames[0]} ({Summary(plan)}), but `flagkeeper check` could not judge the repository: fix the errors above, then run `flagkeeper check --write-baseline`");
            return ExitCodes.InputError;
        }
        var findings = first.Findings.ToList();
        Baseline.Write(Path.Combine(root, Baseline.DefaultPath), findings, today);
        var again = checker.Run(root, new CheckOptions { Today = today });
        context.Output.WriteLine($"wrote {RegistryReader.FileNames[0]}: {Summary(plan)}");
        context.Output.WriteLine($"wrote {Baseline.DefaultPath}: {findings.Count} finding(s) of today accepted; `flagkeeper check` reports only new ones");
        foreach (var (key, place) in plan.InvalidKeys)
        {
            context.Note($"'{key}' ({place}) is not a valid flag key ({Registry.FlagKeys.Description}) and was not registered");
        }
        if (!again.Passed)
        {
            context.Error.WriteLine("`flagkeeper check` still fails after init (see `flagkeeper check`): the baseline did not cover every finding");
            return ExitCodes.Findings;
        }
        context.Output.WriteLine("flagkeeper check: passed");
        return ExitCodes.Ok;
    }

    private static string Summary(AdoptionPlan plan)
    {
        var parts = new List<string> { $"{plan.Flags.Count} flag(s) registered" };
        if (plan.AlreadyRegistered > 0)
        {
            parts.Add($"{plan.AlreadyRegistered} already registered elsewhere");
        }
        if (plan.Dynamic > 0)
        {
            parts.Add($"{plan.Dynamic} check(s) with a key known only at run time left out");
        }
        if (plan.InvalidKeys.Count > 0)
        {
            parts.Add($"{plan.InvalidKeys.Count} invalid key(s) left out");
        }
        return string.Join(", ", parts);
    }
}
