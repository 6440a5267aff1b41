using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Flagkeeper.Cli.Logging;

/// <summary>
/// Writes log events to standard error, one line each: readable text (<c>info: flagkeeper[20] ...</c>) or one JSON
/// object (timestamp, level, eventId, event, message, properties) written with <see cref="Utf8JsonWriter"/>, which
/// needs no reflection (Native AOT). Properties come from the source-generated state, values as their JSON type.
/// </summary>
internal sealed class StderrLogger(TextWriter error, bool json, LogLevel minimum, TimeProvider time) : ILogger
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _gate = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }
        var message = formatter(state, exception);
        var line = json ? Json(logLevel, eventId, message, state as IReadOnlyList<KeyValuePair<string, object?>>) : Text(logLevel, eventId, message);
        lock (_gate) // scan workers may log at once: whole lines only
        {
            error.WriteLine(line);
        }
    }

    private static string Text(LogLevel level, EventId id, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"{ShortName(level)}: flagkeeper[{id.Id}] {message}");

    private string Json(LogLevel level, EventId id, string message, IReadOnlyList<KeyValuePair<string, object?>>? properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("level", level.ToString());
            writer.WriteNumber("eventId", id.Id);
            writer.WriteString("event", id.Name);
            writer.WriteString("message", message);
            writer.WriteStartObject("properties");
            foreach (var (name, value) in properties ?? [])
            {
                if (name == "{OriginalFormat}")
                {
                    continue;
                }
                var key = JsonNamingPolicy.CamelCase.ConvertName(name);
                switch (value)
                {
                    case null: writer.WriteNull(key); break;
                    case int number: writer.WriteNumber(key, number); break;
                    case long number: writer.WriteNumber(key, number); break;
                    case bool flag: writer.WriteBoolean(key, flag); break;
                    default: writer.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
                }
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Indexed by LogLevel (Trace..Critical), as Microsoft.Extensions.Logging.Console spells them.
    private static readonly string[] ShortNames = ["trce", "dbug", "info", "warn", "fail", "crit"];

    private static string ShortName(LogLevel level) => ShortNames[Math.Clamp((int)level, 0, ShortNames.Length - 1)];
}
