using Spectre.Console;

namespace Flagkeeper.Cli.Rendering;

/// <summary>Spectre consoles for human output: colour only on a terminal, wide tables when redirected.</summary>
internal static class Terminal
{
    public static IAnsiConsole For(TextWriter writer, bool redirected, int redirectedWidth = 240)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        if (redirected)
        {
            console.Profile.Width = redirectedWidth;
        }
        return console;
    }

    public static IAnsiConsole Stdout(CliContext context, int redirectedWidth = 240) =>
        For(context.Output, !ReferenceEquals(context.Output, Console.Out) || Console.IsOutputRedirected, redirectedWidth);

    /// <summary>Wide enough that a report line (path, rule, message) is never wrapped in a log or a file.</summary>
    public const int Unwrapped = 8192;

    public static IAnsiConsole Stderr(CliContext context) =>
        For(context.Error, !ReferenceEquals(context.Error, Console.Error) || Console.IsErrorRedirected);
}
