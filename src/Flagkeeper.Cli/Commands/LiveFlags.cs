using Flagkeeper.Analysis;
using Flagkeeper.Cli.Invocation;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;
using Flagkeeper.Redis;
using Flagkeeper.Registry;

namespace Flagkeeper.Cli.Commands;

/// <summary>The registry side of a live command: which flag a key names, and every flag's safe state.</summary>
internal static class LiveFlags
{
    /// <summary>
    /// The flag key <paramref name="key"/> names (by key or alias) in the registries under the root. A key no registry
    /// declares is refused with a "did you mean", unless <paramref name="force"/>; even then it must be a valid key.
    /// </summary>
    public static Result<string> Known(CliContext context, string root, string key, bool force, string command)
    {
        if (!FlagKeys.IsValid(key))
        {
            return ErrorCodes.InvalidArgument.Create($"'{LiveInput.Printable(key)}' is not a flag key ({FlagKeys.Description})");
        }
        var workspace = Load(context, root);
        if (workspace.Failed)
        {
            return Result<string>.Failure(workspace.Errors);
        }
        var declaring = workspace.Value.Resolver.Declaring(key);
        if (declaring.Count > 0)
        {
            return declaring[0].Flag.Key;
        }
        if (force)
        {
            return key;
        }
        var known = workspace.Value.Registries.Registries.SelectMany(r => r.Flags).SelectMany(f => f.Aliases.Prepend(f.Key)).Distinct(StringComparer.Ordinal).ToList();
        var guess = Suggestions.Closest(key, known);
        var unread = workspace.Value.Errors.Where(e => e.Category is ErrorCategory.Registry or ErrorCategory.FileRead).ToList();
        return Result<string>.Failure([.. unread, ErrorCodes.FlagNotFound.Create(
            $"no registry under {root} declares '{key}'{(guess is null ? "" : $"; did you mean '{guess}'?")} "
            + $"(`live {command} --force` overrides a key the registry does not know)")]);
    }

    /// <summary>Every flag of every registry under the root with its safe state (SafeState: kill switch on, the rest off), outermost registry first.</summary>
    public static Result<IReadOnlyList<(string Key, LiveState SafeState)>> SafeStates(CliContext context, string root)
    {
        var workspace = Load(context, root);
        if (workspace.Failed)
        {
            return Result<IReadOnlyList<(string, LiveState)>>.Failure(workspace.Errors);
        }
        // A registry that does not load holds flags nobody can see, let alone kill: the kill stops before any change.
        var unread = workspace.Value.Errors.Where(e => e.Category is ErrorCategory.Registry or ErrorCategory.FileRead).ToList();
        if (unread.Count > 0)
        {
            return Result<IReadOnlyList<(string, LiveState)>>.Failure([.. unread.Select(e => e with { Message = $"{e.Message} (fix it first: its flags could not be read, so nothing was killed)" })]);
        }
        var flags = workspace.Value.Registries.Registries.OrderBy(r => r.ScopeDirectory.Length)
            .SelectMany(r => r.Flags)
            .DistinctBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => (f.Key, SafeState.IsKillSwitch(f) ? LiveState.On : LiveState.Off))
            .ToList();
        return flags;
    }

    private static Result<Workspace> Load(CliContext context, string root)
    {
        var workspace = Workspace.Load(root, context.Monitor).NoteLinks(context);
        var configErrors = workspace.Errors.Where(e => e.Category == ErrorCategory.Configuration).ToList();
        return configErrors.Count > 0 ? Result<Workspace>.Failure(configErrors) : workspace;
    }
}
