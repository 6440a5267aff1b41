using Flagkeeper.Diagnostics;

namespace Flagkeeper.Cli.Rendering;

/// <summary>Prints errors the same way everywhere: <c>path:line:col: error FKnnnn: message</c> and what to do.</summary>
internal static class ErrorPrinter
{
    public static void Print(TextWriter error, IEnumerable<FlagkeeperError> errors, bool advice = true)
    {
        var shownAdvice = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in errors)
        {
            var where = e.Location is { } location ? $"{location}: " : "";
            error.WriteLine($"{where}error {e.Code}: {e.Message}");
            if (advice && shownAdvice.Add(e.Code))
            {
                error.WriteLine($"  hint: {e.Descriptor.Advice}");
            }
        }
    }
}
