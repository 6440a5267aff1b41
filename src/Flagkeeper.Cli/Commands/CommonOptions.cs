using System.CommandLine;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Commands;

/// <summary>Options shared by several commands, defined once so their names and help never drift.</summary>
internal static class CommonOptions
{
    /// <summary>-C PATH, for commands whose arguments are a KEY or a FILE.</summary>
    public static RootOptions Root() => RootOptions.OptionOnly();

    /// <summary>[PATH] and -C PATH, for commands that take nothing but the folder.</summary>
    public static RootOptions RootArgument() => RootOptions.WithPathArgument();

    public static Option<string?> Registry() => new("--registry")
    {
        Description = "The registry file to edit, when more than one could take the edit.",
    };

    public static Option<string?> Environment() => new("--env", "-e")
    {
        Description = "Change only this environment's override.",
    };

    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", formats)}.",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static Option<string?> Today() => new("--today")
    {
        Description = "Use this date (YYYY-MM-DD) as today, for reproducible output.",
    };

    /// <summary>Runs the command with the parsed arguments, or prints what kept them from being parsed: exit 2.</summary>
    public static int RunOr<T>(CliContext context, Result<T> arguments, Func<T, int> run) =>
        arguments.Failed ? ErrorPrinter.Fail(context, arguments.Errors) : run(arguments.Value);

    /// <summary>Parses a date option (null when not given); a malformed date is a usage error, as a value.</summary>
    public static Result<DateOnly?> TryParseDate(string? text, string option)
    {
        if (text is null)
        {
            return Result<DateOnly?>.Success(null);
        }
        return RegistryDates.TryParse(text, out var date)
            ? Result<DateOnly?>.Success(date)
            : ErrorCodes.InvalidArgument.Create($"{option} '{text}' is not a date in YYYY-MM-DD form");
    }
}
