using System.Text.Json;
using System.Text.RegularExpressions;
using Flagkeeper.Cli.Logging;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// --log-format through the real CLI: JSON makes standard error JSON lines only (the lines for people included, error
/// records with their code and file as properties), text leaves it as people read it; --verbose and --quiet set the
/// level; standard output never changes. The event ids in docs/errors.md are the ones the CLI has.
/// </summary>
public partial class LogEventTests
{
    private static TempDirectory TreeWithABadPattern()
    {
        var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\npatterns:\n  - id: bad\n    regex: \"(unclosed\"\n");
        dir.Write("src/app.ts", "if (isEnabled('alpha')) {}\n");
        return dir;
    }

    private static List<JsonElement> Events(CliResult result) =>
        [.. result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    [Fact]
    public void Json_logs_are_one_object_per_line_with_stable_fields_and_the_result_is_untouched()
    {
        using var dir = TreeWithABadPattern();

        var logged = CliRunner.Run(dir.Path, "scan", ".", "--format", "json", "--no-cache", "--log-format", "json");
        var plain = CliRunner.Run(dir.Path, "scan", ".", "--format", "json", "--no-cache");
        var text = CliRunner.Run(dir.Path, "scan", ".", "--no-cache", "--log-format", "json"); // text output: errors go to standard error

        Assert.True(logged.ExitCode == 0, logged.ToString());
        var events = Events(logged); // every line parses: nothing else is on standard error
        Assert.All(events, e =>
        {
            SchemaFiles.AssertValid(SchemaFiles.LogEvent, e.GetRawText(), "a log line");
            Assert.Equal(["timestamp", "level", "eventId", "event", "message", "properties"], e.EnumerateObject().Select(p => p.Name));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", e.GetProperty("timestamp").GetString());
        });
        var pattern = Assert.Single(Events(text), e => e.GetProperty("event").GetString() == "ErrorReported");
        Assert.Equal(("Warning", 2), (pattern.GetProperty("level").GetString(), pattern.GetProperty("eventId").GetInt32()));
        Assert.Equal(("FK6001", "flagkeeper.yaml"), (pattern.GetProperty("properties").GetProperty("code").GetString(), pattern.GetProperty("properties").GetProperty("file").GetString()));
        var scan = Assert.Single(events, e => e.GetProperty("eventId").GetInt32() == 20);
        Assert.Equal("""{"files":1,"usages":1,"errors":1}""", scan.GetProperty("properties").GetRawText());
        var finished = events[^1];
        Assert.Equal(("CommandFinished", 0), (finished.GetProperty("event").GetString(), finished.GetProperty("properties").GetProperty("exitCode").GetInt32()));
        Assert.DoesNotContain(events, e => e.GetProperty("level").GetString() == "Debug");
        Assert.Equal(Usages(plain), Usages(logged));
    }

    [Fact]
    public void Quiet_json_logs_only_warnings_and_errors_and_verbose_adds_debug()
    {
        using var dir = TreeWithABadPattern();

        var quiet = CliRunner.Run(dir.Path, "scan", ".", "--no-cache", "--log-format", "json", "--quiet");
        var verbose = CliRunner.Run(dir.Path, "scan", ".", "--no-cache", "--log-format", "json", "--verbose");

        Assert.Equal(["Warning"], Events(quiet).Select(e => e.GetProperty("level").GetString()).Distinct());
        Assert.Equal("FK6001", Assert.Single(Events(quiet)).GetProperty("properties").GetProperty("code").GetString());
        var first = Events(verbose)[0];
        Assert.Equal(("Debug", "CommandStarted", "flagkeeper scan"), (first.GetProperty("level").GetString(), first.GetProperty("event").GetString(),
            first.GetProperty("properties").GetProperty("command").GetString()));
    }

    [Fact]
    public void Text_logs_leave_standard_error_as_people_read_it_and_verbose_adds_log_lines()
    {
        using var dir = TreeWithABadPattern();

        var byDefault = CliRunner.Run(dir.Path, "scan", ".", "--no-cache");
        var text = CliRunner.Run(dir.Path, "scan", ".", "--no-cache", "--log-format", "text");
        var verbose = CliRunner.Run(dir.Path, "scan", ".", "--no-cache", "--verbose");

        Assert.Equal(byDefault.Stderr, text.Stderr);
        Assert.StartsWith("flagkeeper.yaml:3: warning FK6001: ", byDefault.Stderr);
        Assert.DoesNotContain("flagkeeper[", byDefault.Stderr);
        var lines = verbose.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("dbug: flagkeeper[10] flagkeeper scan started", lines[0]);
        Assert.Contains("info: flagkeeper[20] 1 file(s) scanned, 1 usage(s) found, 1 error record(s)", lines);
        Assert.Matches(@"^info: flagkeeper\[11\] flagkeeper scan finished with exit code 0 in \d+ ms$", lines[^1]);
    }

    [Fact]
    public void Quiet_drops_notes_but_keeps_warnings_and_errors_in_text_and_json()
    {
        using var dir = TreeWithABadPattern(); // no git and no registry: check notes both, and warns of the pattern

        string[] check = ["check", ".", "--gate", "flag-lint", "--today", "2026-11-28", "--no-cache"];
        var loud = CliRunner.Run(dir.Path, check);
        var quiet = CliRunner.Run(dir.Path, [.. check, "--quiet"]);
        var json = CliRunner.Run(dir.Path, [.. check, "--log-format", "json"]);
        var quietJson = CliRunner.Run(dir.Path, [.. check, "--log-format", "json", "--quiet"]);
        var error = CliRunner.Run(dir.Path, "scan", "no-such-folder", "--quiet");

        Assert.Contains("note: no registry (flags.yaml) found", loud.Stderr);
        Assert.DoesNotContain("note:", quiet.Stderr);
        Assert.Contains("flagkeeper.yaml:3: warning FK6001: ", quiet.Stderr);
        Assert.Equal(Regex.Replace(loud.Stdout, @"\d+ ms", "N ms"), Regex.Replace(quiet.Stdout, @"\d+ ms", "N ms")); // the result is untouched
        Assert.Equal(loud.ExitCode, quiet.ExitCode);
        Assert.Contains(Events(json), e => e.GetProperty("event").GetString() == "Diagnostic" && e.GetProperty("message").GetString()!.StartsWith("note: no registry", StringComparison.Ordinal));
        Assert.DoesNotContain("note:", quietJson.Stderr);
        Assert.Contains(Events(quietJson), e => e.GetProperty("properties").GetProperty("code").ValueKind == JsonValueKind.String
            && e.GetProperty("properties").GetProperty("code").GetString() == "FK6001");
        Assert.True(error.ExitCode != 0, error.ToString());
        Assert.Matches(@"(?m)^(.+: )?error FK\d{4}: ", error.Stderr);
    }

    [Fact]
    public void An_unknown_log_format_is_a_usage_error()
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "scan", ".", "--log-format", "xml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error FK1005: ", result.Stderr);
        Assert.Contains("xml", result.Stderr);
    }

    [Fact]
    public void Errors_md_lists_every_log_event_with_its_id_name_and_level()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "errors.md"));
        var section = doc[doc.IndexOf("\n## Log events\n", StringComparison.Ordinal)..];

        var rows = EventRow().Matches(section).Select(m => (int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["name"].Value, m.Groups["level"].Value));

        Assert.Equal(LogEvents.All, rows);
    }

    private static string Usages(CliResult result) => result.Json().RootElement.GetProperty("usages").GetRawText();

    [GeneratedRegex(@"^\| (?<id>\d+) \| (?<name>\w+) \| (?<level>[^|]+?) \|", RegexOptions.Multiline)]
    private static partial Regex EventRow();
}
