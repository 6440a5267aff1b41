using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Flagkeeper.Cli.Logging;

/// <summary>
/// Standard error under <c>--log-format json</c>: every line a command prints for people becomes a log event, so the
/// stream holds nothing but JSON lines. An error record (<c>path: error FKnnnn: message</c>) keeps its code and place
/// as properties; a <c>hint:</c> line is its own event; anything else is a <see cref="LogEvents.Diagnostic"/>.
/// </summary>
internal sealed partial class LogLineWriter(ILogger logger) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            Emit(_line.ToString().TrimEnd('\r'));
            _line.Clear();
            return;
        }
        _line.Append(value);
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "")
        {
            Write(c);
        }
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            Emit(_line.ToString());
            _line.Clear();
        }
    }

    protected override void Dispose(bool disposing)
    {
        Flush();
        base.Dispose(disposing);
    }

    private void Emit(string line)
    {
        if (line.Length == 0)
        {
            return;
        }
        if (ErrorLine().Match(line) is { Success: true } error)
        {
            var level = error.Groups["label"].Value == "warning" ? LogLevel.Warning : LogLevel.Error;
            var place = error.Groups["place"].Value;
            LogEvents.ErrorReported(logger, level, error.Groups["code"].Value, place.Length == 0 ? null : place, error.Groups["text"].Value);
            return;
        }
        if (line.StartsWith("  hint: ", StringComparison.Ordinal))
        {
            LogEvents.Hint(logger, line["  hint: ".Length..]);
            return;
        }
        var lineLevel = line.StartsWith("warning", StringComparison.Ordinal) ? LogLevel.Warning
            : line.StartsWith("error", StringComparison.Ordinal) || line.StartsWith("internal error", StringComparison.Ordinal) ? LogLevel.Error
            : LogLevel.Information;
        LogEvents.Diagnostic(logger, lineLevel, line);
    }

    /// <summary>"src/a.ts:3:7: warning FK2001: message", "error FK1005: message" (ErrorPrinter's form).</summary>
    [GeneratedRegex(@"^(?:(?<place>.+?)(?::\d+)*: )?(?<label>error|warning) (?<code>FK\d{4}): (?<text>.*)$")]
    private static partial Regex ErrorLine();
}
