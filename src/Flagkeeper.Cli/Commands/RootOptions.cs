using System.CommandLine;
using Flagkeeper.Analysis;
using Flagkeeper.Diagnostics;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// The folder a command works on, spelled the same on every command: a <c>[PATH]</c> argument where the command has
/// no other argument, and <c>-C PATH</c> everywhere (<c>--root</c> is its older, hidden spelling). Not given, the root
/// is found upward from the current folder (<see cref="WorkspaceRoot"/>).
/// </summary>
internal sealed class RootOptions
{
    private const string Help = "The folder whose flagkeeper.yaml and registries apply (default: the nearest folder upward holding flagkeeper.yaml or .git, else the current folder).";

    private RootOptions(Argument<string?>? path) => Path = path;

    /// <summary>The <c>[PATH]</c> argument; null on commands whose arguments are something else (a KEY, a FILE).</summary>
    public Argument<string?>? Path { get; }

    public Option<string?> Directory { get; } = new("-C") { Description = Help, HelpName = "PATH" };

    /// <summary>The older spelling of -C, still accepted, no longer advertised.</summary>
    public Option<string?> OlderName { get; } = new("--root") { Description = Help, HelpName = "PATH", Hidden = true };

    /// <summary><c>[PATH]</c> and <c>-C PATH</c>.</summary>
    public static RootOptions WithPathArgument() =>
        new(new Argument<string?>("PATH") { Description = Help, Arity = ArgumentArity.ZeroOrOne });

    /// <summary><c>-C PATH</c> only, for commands whose arguments are a KEY or a FILE.</summary>
    public static RootOptions OptionOnly() => new(null);

    public void AddTo(Command command)
    {
        if (Path is not null)
        {
            command.Arguments.Add(Path);
        }
        command.Options.Add(Directory);
        command.Options.Add(OlderName);
    }

    /// <summary>
    /// The root, given or found; when it was found somewhere else than the current folder and the output is for
    /// people (<paramref name="announce"/>), says so on standard error, which machine output never uses.
    /// FK1005 (the folder given twice) and FK1006 (no such folder) are returned as values.
    /// </summary>
    public Result<WorkspaceRoot> TryResolve(ParseResult parse, CliContext context, bool announce)
    {
        var given = new List<(string Spelling, string Value)>();
        if (Path is not null && parse.GetValue(Path) is { } path)
        {
            given.Add(("PATH", path));
        }
        if (parse.GetValue(Directory) is { } directory)
        {
            given.Add(("-C", directory));
        }
        if (parse.GetValue(OlderName) is { } older)
        {
            given.Add(("--root", older));
        }
        if (given.Select(g => WorkspaceRoot.Normalise(g.Value)).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            return ErrorCodes.InvalidArgument.Create(
                $"the folder is given twice, as {string.Join(" and as ", given.Select(g => $"{g.Spelling} '{g.Value}'"))}; give it once");
        }

        var found = WorkspaceRoot.TryResolve(given.Count > 0 ? given[0].Value : null);
        if (found.Failed)
        {
            return found;
        }
        var root = found.Value;
        if (announce && root.IsSurprising(Environment.CurrentDirectory))
        {
            context.Inform($"using root {root.Path} ({root.Reason})");
        }
        return root;
    }
}

/// <summary>Lets a command's collection initializer take the root options like any other symbol.</summary>
internal static class RootOptionsCommandExtensions
{
    public static void Add(this Command command, RootOptions root) => root.AddTo(command);
}
