using Flagkeeper.Diagnostics;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Rendering;

/// <summary>Prints errors the same way everywhere: <c>path:line:col: error FKnnnn: message</c> and what to do.</summary>
internal static class ErrorPrinter
{
    /// <param name="warnings">Label errors below High severity (a skipped file, a rebuilt cache) "warning".</param>
    public static void Print(TextWriter error, IEnumerable<FlagkeeperError> errors, bool advice = true, bool warnings = false)
    {
        var shownAdvice = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in errors)
        {
            var where = e.Location is { } location ? $"{location}: " : "";
            var label = warnings && e.Severity < ErrorSeverity.High ? "warning" : "error";
            error.WriteLine($"{where}{label} {e.Code}: {e.Message}");
            if (advice && shownAdvice.Add(e.Code))
            {
                error.WriteLine($"  hint: {e.Descriptor.Advice}");
            }
        }
    }

    /// <summary>Prints the expected problems that stopped a command, as the command line prints them everywhere; exit 2.</summary>
    public static int Fail(CliContext context, IEnumerable<FlagkeeperError> errors)
    {
        Print(context.Error, errors);
        return ExitCodes.InputError;
    }
}
