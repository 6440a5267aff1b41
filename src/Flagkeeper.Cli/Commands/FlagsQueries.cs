using System.Globalization;
using System.Text.Json;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;
using Flagkeeper.Registry;
using Spectre.Console;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Commands;

/// <summary>The read-only <c>flags</c> commands: list, show, validate.</summary>
internal static class FlagsQueries
{
    public static int List(CliContext context, string root, string format, DateOnly? fixedToday)
    {
        var workspace = Workspace.Load(root, context.Monitor).NoteLinks(context);
        var today = context.Today(fixedToday);
        var flags = workspace.Registries.AllFlags.ToList();
        if (format == "json")
        {
            FlagJson.WriteList(context.Output, workspace, flags, today);
            return workspace.Errors.Count > 0 ? ExitCodes.InputError : ExitCodes.Ok;
        }

        if (workspace.Errors.Count > 0)
        {
            ErrorPrinter.Print(context.Error, workspace.Errors);
            return ExitCodes.InputError;
        }
        if (PrintNoRegistryNotice(context, workspace.Registries))
        {
            return ExitCodes.Ok;
        }
        var console = Terminal.Stdout(context);
        if (flags.Count == 0)
        {
            console.WriteLine($"No flags registered. Add one with: {workspace.Registries.AddCommand("my-flag")}");
            return ExitCodes.Ok;
        }
        var showRegistry = workspace.Registries.Registries.Count > 1;
        string[] headers = showRegistry
            ? ["key", "type", "owner", "enabled", "rollout", "expires", "days left", "registry"]
            : ["key", "type", "owner", "enabled", "rollout", "expires", "days left"];
        var table = new PlainTable(headers);
        foreach (var (registry, flag) in flags)
        {
            var rollout = Percent(flag.Rollout ?? 100) + (flag.Environments.Count > 0 ? $" (+{flag.Environments.Count} env)" : "");
            var (daysLeft, daysColour) = DaysLeft(flag.Expires, today);
            string[] text = [flag.Key, flag.TypeText ?? "-", flag.Owner ?? "-", flag.Enabled ? "on" : "off", rollout, flag.ExpiresText ?? "-", daysLeft];
            string?[] colours = [null, null, null, flag.Enabled ? "green" : "grey", null, null, daysColour];
            table.AddRow(showRegistry ? [.. text, registry.DisplayPath] : text, showRegistry ? [.. colours, null] : colours);
        }
        table.Write(console, context.Output);
        console.MarkupLine($"{flags.Count} flag(s) in {workspace.Registries.Registries.Count} registr{(workspace.Registries.Registries.Count == 1 ? "y" : "ies")}; today is {today:yyyy-MM-dd}.");
        return ExitCodes.Ok;
    }

    public static int Show(CliContext context, string root, string key, string format, DateOnly? fixedToday)
    {
        var workspace = Workspace.Load(root, context.Monitor).NoteLinks(context);
        var today = context.Today(fixedToday);
        var matches = new FlagResolver(workspace.Registries.Registries).Named(key);
        if (matches.Count == 0)
        {
            // With no registry at all, say so and how to start one, not just that this key is missing.
            return ErrorPrinter.Fail(context, [.. workspace.Errors, ErrorCodes.FlagNotFound.Create(workspace.Registries.NoRegistryNotice is { } none
                ? $"'{key}' is not registered: {none}"
                : $"no registry under {root} declares '{key}'")]);
        }
        if (format == "json")
        {
            FlagJson.WriteList(context.Output, workspace, matches, today);
            return ExitCodes.Ok;
        }

        var console = Terminal.Stdout(context);
        foreach (var (registry, flag) in matches)
        {
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            void Row(string name, string value) => grid.AddRow($"[bold]{name}[/]", value);
            Row("key", Markup.Escape(flag.Key));
            Row("description", Markup.Escape(flag.Description ?? "-"));
            Row("owner", Markup.Escape(flag.Owner ?? "-"));
            Row("type", Markup.Escape(flag.TypeText ?? "-"));
            Row("expires", flag.ExpiresText is null ? "-" : $"{Markup.Escape(flag.ExpiresText)} ({DaysLeftMarkup(flag.Expires, today)})");
            Row("enabled", flag.Enabled ? "[green]on[/]" : "[grey]off[/]");
            Row("default", flag.Default ? "true" : "false");
            Row("rollout", Percent(flag.Rollout ?? 100));
            if (flag.Targeting is { } targeting)
            {
                Row("targeting", Markup.Escape(TargetingSpec.From(targeting).Describe()));
            }
            foreach (var env in flag.Environments)
            {
                var (enabled, rollout) = flag.In(env.Name);
                var envTargeting = env.Targeting is { } t ? $", targeting: {Markup.Escape(TargetingSpec.From(t).Describe())}" : "";
                Row($"  {Markup.Escape(env.Name)}", $"{(enabled ? "[green]on[/]" : "[grey]off[/]")} {Percent(rollout)}{envTargeting}");
            }
            Row("requires", Markup.Escape(flag.Requires.Count == 0 ? "-" : string.Join(", ", flag.Requires.Select(r => r.Key))));
            Row("aliases", Markup.Escape(flag.Aliases.Count == 0 ? "-" : string.Join(", ", flag.Aliases)));
            if (flag.Tags.Count > 0)
            {
                Row("tags", Markup.Escape(string.Join(", ", flag.Tags)));
            }
            Row("created", Markup.Escape(flag.CreatedText ?? "-"));
            Row("task", Markup.Escape(flag.Task ?? "-"));
            Row("registry", Markup.Escape($"{registry.DisplayPath}:{flag.Location.Line}"));
            console.Write(grid);
            console.WriteLine();
        }
        return ExitCodes.Ok;
    }

    public static int Validate(CliContext context, string root, string format)
    {
        var workspace = Workspace.Load(root, context.Monitor).NoteLinks(context);
        var findings = workspace.Validate(context.Monitor);
        var errors = findings.Count(f => f.Severity == RuleSeverity.Error);
        var warnings = findings.Count(f => f.Severity == RuleSeverity.Warning);
        var exitCode = workspace.Errors.Count > 0 ? ExitCodes.InputError : errors > 0 ? ExitCodes.Findings : ExitCodes.Ok;

        if (format == "json")
        {
            JsonOutput.Write(context.Output, json =>
            {
                json.WriteNumber("version", 1);
                json.WriteBoolean("passed", exitCode == ExitCodes.Ok);
                json.WriteString("root", workspace.Root);
                json.WriteStartArray("registries");
                foreach (var registry in workspace.Registries.Registries)
                {
                    json.WriteStringValue(registry.DisplayPath);
                }
                json.WriteEndArray();
                json.WriteStartArray("findings");
                foreach (var finding in findings)
                {
                    JsonOutput.WriteFinding(json, finding);
                }
                json.WriteEndArray();
                JsonOutput.WriteNotices(json, [workspace.Registries.NoRegistryNotice]);
                JsonOutput.WriteErrors(json, workspace.Errors);
            });
            return exitCode;
        }

        ErrorPrinter.Print(context.Error, workspace.Errors);
        PrintNoRegistryNotice(context, workspace.Registries);
        var console = Terminal.Stdout(context);
        foreach (var finding in findings)
        {
            var colour = finding.Severity == RuleSeverity.Error ? "red" : "yellow";
            var severity = RuleSeverities.Name(finding.Severity);
            console.MarkupLine($"{Markup.Escape(finding.Location?.ToString() ?? "")}: [{colour}]{severity}[/] {finding.Rule}: {Markup.Escape(finding.Message)}");
        }
        var registries = workspace.Registries.Registries;
        var unreadable = workspace.Errors.Count > 0 ? $"; {workspace.Errors.Count} input error(s) on standard error" : "";
        console.MarkupLine($"{errors} error(s), {warnings} warning(s) in {registries.Count} registr{(registries.Count == 1 ? "y" : "ies")} ({registries.Sum(r => r.Flags.Count)} flags){unreadable}.");
        return exitCode;
    }

    /// <summary>With no registry at all, says so (and how to start one) on standard error; true when it did.</summary>
    internal static bool PrintNoRegistryNotice(CliContext context, RegistrySet registries)
    {
        foreach (var skipped in registries.Skipped)
        {
            context.Note(skipped);
        }
        if (registries.NoRegistryNotice is not { } notice)
        {
            return false;
        }
        context.Note(notice);
        return true;
    }

    internal static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>Days until expiry as printed, and the colour that marks it (null: none).</summary>
    private static (string Text, string? Colour) DaysLeft(DateOnly? expires, DateOnly today)
    {
        if (expires is not { } date)
        {
            return ("-", null);
        }
        var days = date.DayNumber - today.DayNumber;
        return days switch
        {
            < 0 => ($"expired {-days}d ago", "red"),
            <= 14 => (days.ToString(CultureInfo.InvariantCulture), "yellow"),
            _ => (days.ToString(CultureInfo.InvariantCulture), null),
        };
    }

    private static string DaysLeftMarkup(DateOnly? expires, DateOnly today)
    {
        var (text, colour) = DaysLeft(expires, today);
        return colour is null ? text : $"[{colour}]{text}[/]";
    }
}

/// <summary>The JSON shape of one flag (flags list / show): a stable contract, fields are only ever added.</summary>
internal static class FlagJson
{
    /// <summary><c>{ "root": "...", "flags": [...], "notices": [...], "errors": [...], "errorCounts": {...} }</c>, as `flags list` and `flags show` print it.</summary>
    public static void WriteList(TextWriter output, Workspace workspace, IEnumerable<(FlagRegistry Registry, FlagDefinition Flag)> flags, DateOnly today) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteString("root", workspace.Root);
            json.WriteStartArray("flags");
            foreach (var (registry, flag) in flags)
            {
                Write(json, registry, flag, today);
                JsonOutput.FlushIfLarge(json); // 10,000 flags are 7 MB of JSON: stream it, never hold it all
            }
            json.WriteEndArray();
            JsonOutput.WriteNotices(json, [workspace.Registries.NoRegistryNotice]);
            JsonOutput.WriteErrors(json, workspace.Errors);
        });

    public static void Write(Utf8JsonWriter json, FlagRegistry registry, FlagDefinition flag, DateOnly today)
    {
        json.WriteStartObject();
        json.WriteString("key", flag.Key);
        json.WriteStringOrNull("description", flag.Description);
        json.WriteStringOrNull("owner", flag.Owner);
        json.WriteStringOrNull("type", flag.TypeText);
        json.WriteStringOrNull("expires", flag.ExpiresText);
        json.WriteNumberOrNull("daysLeft", flag.Expires is { } e ? e.DayNumber - today.DayNumber : null);
        json.WriteBoolean("enabled", flag.Enabled);
        json.WriteBoolean("default", flag.Default);
        json.WriteNumber("rollout", flag.Rollout ?? 100);
        json.WriteStartObject("environments");
        foreach (var env in flag.Environments)
        {
            json.WriteStartObject(env.Name);
            if (env.Enabled is { } enabled)
            {
                json.WriteBoolean("enabled", enabled);
            }
            else
            {
                json.WriteNull("enabled");
            }
            json.WriteNumberOrNull("rollout", env.Rollout);
            json.WritePropertyName("targeting");
            WriteTargeting(json, env.Targeting);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WritePropertyName("targeting");
        WriteTargeting(json, flag.Targeting);
        WriteStrings(json, "requires", flag.Requires.Select(r => r.Key));
        WriteStrings(json, "aliases", flag.Aliases);
        WriteStrings(json, "tags", flag.Tags);
        json.WriteStringOrNull("created", flag.CreatedText);
        json.WriteStringOrNull("task", flag.Task);
        json.WriteString("registry", registry.DisplayPath);
        json.WriteNumber("line", flag.Location.Line);
        json.WriteEndObject();
    }

    private static void WriteTargeting(Utf8JsonWriter json, FlagTargeting? targeting) =>
        WriteTargeting(json, targeting is null ? null : TargetingSpec.From(targeting));

    /// <summary><c>{ "users", "groups": [{ "name", "rollout" }], "exclude": { "users", "groups" } }</c>, or null for none.</summary>
    public static void WriteTargeting(Utf8JsonWriter json, TargetingSpec? targeting)
    {
        if (targeting is null)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartObject();
        WriteStrings(json, "users", targeting.Users);
        json.WriteStartArray("groups");
        foreach (var group in targeting.Groups)
        {
            json.WriteStartObject();
            json.WriteString("name", group.Name);
            json.WriteNumberOrNull("rollout", group.Rollout);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("exclude");
        WriteStrings(json, "users", targeting.ExcludedUsers);
        WriteStrings(json, "groups", targeting.ExcludedGroups);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
