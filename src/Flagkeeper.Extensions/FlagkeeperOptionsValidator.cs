using Microsoft.Extensions.Options;

namespace Flagkeeper.Extensions;

/// <summary>Checks <see cref="FlagkeeperOptions"/> at start-up, naming each bad setting by its configuration key.</summary>
internal sealed class FlagkeeperOptionsValidator : IValidateOptions<FlagkeeperOptions>
{
    public ValidateOptionsResult Validate(string? name, FlagkeeperOptions options)
    {
        var failures = new List<string>();
        const string Section = FlagkeeperOptions.SectionName;
        if (options.Registry is null && options.Registries.Count == 0)
        {
            failures.Add($"no registry file is configured: set {Section}:Registry to the path of your flags.yaml (or {Section}:Registries to several)");
        }
        if (options.Registry is { } single && string.IsNullOrWhiteSpace(single))
        {
            failures.Add($"{Section}:Registry is empty: give the path of a flags.yaml");
        }
        for (var i = 0; i < options.Registries.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Registries[i]))
            {
                failures.Add($"{Section}:Registries:{i} is empty: give the path of a flags.yaml");
            }
        }
        if (options.CheckInterval < TimeSpan.Zero)
        {
            failures.Add($"{Section}:CheckInterval is {options.CheckInterval}; use a positive time span such as 00:02:00, or 00:00:00 for no periodic check");
        }
        if (options.DebounceDelay < TimeSpan.Zero)
        {
            failures.Add($"{Section}:DebounceDelay is {options.DebounceDelay}; use zero or a positive time span such as 00:00:00.250");
        }
        if (options.Environment is { } environment && string.IsNullOrWhiteSpace(environment))
        {
            failures.Add($"{Section}:Environment is empty: name an environment or leave the setting out");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Select(f => "Flagkeeper: " + f));
    }
}
