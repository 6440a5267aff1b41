using Flagkeeper.Cli.Invocation;
using Spectre.Console;

namespace Flagkeeper.Cli.Rendering;

/// <summary>
/// Spectre consoles for human output: colour on a terminal unless told otherwise (<c>--color</c>,
/// <c>NO_COLOR</c>, <c>FORCE_COLOR</c>), wide tables when redirected.
/// </summary>
internal static class Terminal
{
    public static IReadOnlyList<string> ColorModes { get; } = ["auto", "always", "never"];

    public static IAnsiConsole For(TextWriter writer, bool redirected, int redirectedWidth = 240, ColorMode color = ColorMode.Never)
    {
        var colored = color switch
        {
            ColorMode.Always => true,
            ColorMode.Never => false,
            _ => EnvironmentColor() ?? !redirected,
        };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = !colored ? AnsiSupport.No : redirected ? AnsiSupport.Yes : AnsiSupport.Detect,
            ColorSystem = !colored ? ColorSystemSupport.NoColors : redirected ? ColorSystemSupport.Standard : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        if (redirected)
        {
            console.Profile.Width = redirectedWidth;
        }
        return console;
    }

    public static IAnsiConsole Stdout(CliContext context, int redirectedWidth = 240) =>
        For(context.Output, !ReferenceEquals(context.Output, Console.Out) || Console.IsOutputRedirected, redirectedWidth, context.Color);

    /// <summary>Wide enough that a report line (path, rule, message) is never wrapped in a log or a file.</summary>
    public const int Unwrapped = 8192;

    public static IAnsiConsole Stderr(CliContext context) =>
        For(context.Error, !ReferenceEquals(context.Error, Console.Error) || Console.IsErrorRedirected, color: context.Color);

    public static ColorMode ParseColorMode(string? text) => text switch
    {
        "always" => ColorMode.Always,
        "never" => ColorMode.Never,
        _ => ColorMode.Auto,
    };

    /// <summary>
    /// What the environment asks for: NO_COLOR (any non-empty value, no-color.org) turns colour off and wins;
    /// FORCE_COLOR turns it on, except "0" or "false", which turn it off; null when neither is set (or set empty).
    /// </summary>
    private static bool? EnvironmentColor()
    {
        if (Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 })
        {
            return false;
        }
        return Environment.GetEnvironmentVariable("FORCE_COLOR") switch
        {
            null or "" => null,
            "0" or "false" => false,
            _ => true,
        };
    }
}
