using Spectre.Console;

namespace Flagkeeper.Cli.Rendering;

/// <summary>Spectre consoles for human output: colour only on a terminal, wide tables when redirected.</summary>
internal static class Terminal
{
    public static IAnsiConsole For(TextWriter writer, bool redirected)
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
            console.Profile.Width = 240;
        }
        return console;
    }

    public static IAnsiConsole Stdout(CliContext context) =>
        For(context.Output, !ReferenceEquals(context.Output, Console.Out) || Console.IsOutputRedirected);

    public static IAnsiConsole Stderr(CliContext context) =>
        For(context.Error, !ReferenceEquals(context.Error, Console.Error) || Console.IsErrorRedirected);
}
