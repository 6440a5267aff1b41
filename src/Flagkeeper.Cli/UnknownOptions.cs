using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Cli;

/// <summary>
/// System.CommandLine binds a token it does not know as an option (<c>--bogus</c>) to a command's argument,
/// so <c>scan --bogus</c> would look for a folder named "--bogus". Any such token that reached an argument
/// (and did not follow <c>--</c>) is reported as an unknown option, with the closest option of that command.
/// </summary>
internal static class UnknownOptions
{
    /// <summary>
    /// One error per unknown option on the command line (bound to an argument, or left unmatched); empty when
    /// there is none.
    /// </summary>
    public static List<FlagkeeperError> Find(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.Tokens.Any(t => t.Type == TokenType.Directive))
        {
            return []; // [suggest:N] "flags rol": a partial word is what completion is asked about
        }
        var afterDoubleDash = parse.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).ToHashSet(ReferenceEqualityComparer.Instance);
        var errors = new List<FlagkeeperError>();
        foreach (var token in parse.UnmatchedTokens.Where(LooksLikeAnOption))
        {
            errors.Add(ErrorCodes.InvalidArgument.Create(Message(token, parse.CommandResult.Command)));
        }
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command; result = command.Parent)
        {
            foreach (var argument in command.Children.OfType<ArgumentResult>().Where(a => a.Argument is not null))
            {
                foreach (var token in argument.Tokens.Where(t => LooksLikeAnOption(t.Value) && !afterDoubleDash.Contains(t)))
                {
                    errors.Add(ErrorCodes.InvalidArgument.Create(Message(token.Value, command.Command)));
                }
            }
        }
        return errors;
    }

    /// <summary>"-x" or "--word"; not "-" (standard input by convention) and not a negative number.</summary>
    private static bool LooksLikeAnOption(string value) =>
        value.Length > 1 && value[0] == '-' && !char.IsAsciiDigit(value[1]) && value[1] != '.';

    private static string Message(string token, Command command)
    {
        var name = token.Split('=', 2)[0];
        var options = OptionsOf(command).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct().ToList();
        var guess = Suggestions.Closest(name, options);
        var where = $"'{string.Join(' ', CommandPath(command))}'";
        return guess is not null
            ? $"unknown option '{name}' for {where}; did you mean '{guess}'?"
            : $"unknown option '{name}' for {where}; its options: {string.Join(", ", command.Options.Where(o => !o.Hidden && o is not HelpOption).Select(o => o.Name))} (put `--` before an argument that starts with '-')";
    }

    /// <summary>"flagkeeper flags list": the command's names from the root down.</summary>
    public static List<string> CommandPath(Command command)
    {
        var path = new List<string>();
        for (var current = command; current is not null; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            path.Insert(0, current is RootCommand ? "flagkeeper" : current.Name);
        }
        return path;
    }

    /// <summary>
    /// Whether a parse error only restates a token that <see cref="Find"/> reports better (the unknown
    /// option left unmatched, or the value that followed it).
    /// </summary>
    public static bool IsExplainedBy(ParseError error, ParseResult parse, IReadOnlyCollection<FlagkeeperError> unknown) =>
        unknown.Count > 0 && parse.UnmatchedTokens.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal));

    /// <summary>The command's own options and the recursive ones of its parents (--verbose, --stats).</summary>
    private static List<Option> OptionsOf(Command command)
    {
        var options = new List<Option>(command.Options);
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            options.AddRange(parent.Options.Where(o => o.Recursive));
        }
        return options;
    }
}
