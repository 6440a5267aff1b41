using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;

namespace Flagkeeper.Cli.Commands;

/// <summary><c>flagkeeper scan</c>: every flag usage under a root, as text or JSON.</summary>
internal static class ScanCommand
{
    public static Command Create(CliContext context)
    {
        var path = CommonOptions.RootArgument();
        var format = CommonOptions.Format("text", "json");
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the incremental scan cache." };
        var changedSince = new Option<string?>("--changed-since") { Description = "Scan only files changed since this git revision, plus untracked files." };
        var command = new Command("scan", "Find every flag usage: the call shapes of the common SDKs, environment-variable flags, kill switches and your own patterns.")
        {
            path, format, noCache, changedSince,
        };
        command.SetAction(parse =>
        {
            var root = path.TryResolve(parse, context, parse.GetValue(format) != "json");
            return root.Failed
                ? ErrorPrinter.Fail(context, root.Errors)
                : Run(context, root.Value.Path, parse.GetValue(format)!, parse.GetValue(noCache), parse.GetValue(changedSince));
        });
        return command;
    }

    private static int Run(CliContext context, string root, string format, bool noCache, string? changedSince)
    {
        var report = new ScanRunner(context.Monitor, context.Time).Run(root, new ScanOptions { UseCache = !noCache, ChangedSince = changedSince });
        if (report is not { Result: { } result, Workspace: { } workspace })
        {
            if (format == "json")
            {
                JsonOutput.Write(context.Output, json => JsonOutput.WriteErrors(json, report.SetupErrors));
            }
            else
            {
                ErrorPrinter.Print(context.Error, report.SetupErrors);
            }
            return ExitCodes.InputError;
        }
        var (registries, resolver, errors) = (workspace.Registries, workspace.Resolver, report.Errors);

        if (format == "json")
        {
            using (context.Monitor.Start("output.json"))
            {
                WriteJson(context, result, resolver, errors, registries.NoRegistryNotice);
            }
        }
        else
        {
            WriteText(context, result, resolver);
            ErrorPrinter.Print(context.Error, errors, warnings: true);
            FlagsQueries.PrintNoRegistryNotice(context, registries);
        }
        return report.HasInputErrors ? ExitCodes.InputError : ExitCodes.Ok;
    }

    private static void WriteText(CliContext context, ScanResult result, FlagResolver resolver)
    {
        var output = context.Output;
        var unregistered = 0;
        var dynamic = 0;
        foreach (var usage in result.Usages)
        {
            if (usage.Kind == UsageKind.Dynamic)
            {
                dynamic++;
                output.WriteLine($"{usage.File}:{usage.Line}:{usage.Column}  <dynamic: {usage.Argument}>  ({usage.Pattern})");
                continue;
            }
            var registered = resolver.Resolve(Path.Combine(result.Root, usage.File), usage.Flag!) is not null;
            if (!registered)
            {
                unregistered++;
            }
            output.WriteLine($"{usage.File}:{usage.Line}:{usage.Column}  {usage.Flag}  ({usage.Pattern}){(registered ? "" : "  unregistered")}");
        }
        var stats = result.Statistics;
        var flags = result.Usages.Where(u => u.Flag is not null).Select(u => u.Flag).Distinct(StringComparer.Ordinal).Count();
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Usages.Count} usages of {flags} flags ({unregistered} unregistered, {dynamic} dynamic) in {stats.FilesScanned} files; " +
            $"{stats.FilesSkipped} skipped ({stats.BinaryFiles} binary, {stats.LargeFiles} too large, {stats.UnreadableFiles} unreadable); " +
            $"{stats.Duration.TotalMilliseconds:0} ms, cache {stats.CacheHits} hits / {stats.CacheMisses} misses"));
    }

    // Property names encoded once, not once per usage.
    private static readonly JsonEncodedText FlagName = JsonEncodedText.Encode("flag");
    private static readonly JsonEncodedText KindName = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText FileName = JsonEncodedText.Encode("file");
    private static readonly JsonEncodedText LineName = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText ColumnName = JsonEncodedText.Encode("column");
    private static readonly JsonEncodedText PatternName = JsonEncodedText.Encode("pattern");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText ArgumentName = JsonEncodedText.Encode("argument");
    private static readonly JsonEncodedText RegistryKeyName = JsonEncodedText.Encode("registryKey");
    private static readonly JsonEncodedText UsageKindText = JsonEncodedText.Encode("usage");
    private static readonly JsonEncodedText DynamicKindText = JsonEncodedText.Encode("dynamic");

    private static void WriteUsage(Utf8JsonWriter json, Usage usage, IReadOnlyList<FlagRegistry> applying, FlagResolver resolver)
    {
        json.WriteStartObject();
        json.WriteStringOrNull(FlagName, usage.Flag);
        json.WriteString(KindName, usage.Kind == UsageKind.Dynamic ? DynamicKindText : UsageKindText);
        json.WriteString(FileName, usage.File);
        json.WriteNumber(LineName, usage.Line);
        json.WriteNumber(ColumnName, usage.Column);
        json.WriteString(PatternName, usage.Pattern);
        json.WriteString(TextName, usage.Text);
        json.WriteStringOrNull(ArgumentName, usage.Argument);
        var flag = usage.Flag is null ? null : resolver.Resolve(applying, usage.Flag);
        json.WriteStringOrNull(RegistryKeyName, flag?.Key);
        json.WriteEndObject();
    }

    private static void WriteJson(CliContext context, ScanResult result, FlagResolver resolver, IReadOnlyList<FlagkeeperError> errors, string? notice)
    {
        var stream = ReferenceEquals(context.Output, Console.Out) ? Console.OpenStandardOutput() : new MemoryStream();
        // Compact, not indented: a large repository has tens of thousands of usages (pipe to jq to read it).
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("root", result.Root);
            json.WriteStartArray("usages");
            string? file = null;
            IReadOnlyList<FlagRegistry> applying = [];
            foreach (var usage in result.Usages)
            {
                if (!ReferenceEquals(usage.File, file) && usage.File != file)
                {
                    file = usage.File;
                    applying = resolver.ApplyingTo(Path.Combine(result.Root, file)); // usages come grouped by file
                }
                WriteUsage(json, usage, applying, resolver);
                if (json.BytesPending > 1 << 16)
                {
                    json.Flush(); // stream as we go: memory stays bounded by the results, not the output
                }
            }
            json.WriteEndArray();

            var stats = result.Statistics;
            json.WriteStartObject("stats");
            json.WriteNumber("filesScanned", stats.FilesScanned);
            json.WriteNumber("filesSkipped", stats.FilesSkipped);
            json.WriteNumber("binaryFiles", stats.BinaryFiles);
            json.WriteNumber("largeFiles", stats.LargeFiles);
            json.WriteNumber("unreadableFiles", stats.UnreadableFiles);
            json.WriteNumber("bytesScanned", stats.BytesScanned);
            json.WriteNumber("bytesRead", stats.BytesRead);
            json.WriteNumber("directories", stats.Directories);
            json.WriteNumber("ignoredEntries", stats.IgnoredEntries);
            json.WriteNumber("durationMs", Math.Round(stats.Duration.TotalMilliseconds, 1));
            json.WriteStartObject("cache");
            json.WriteNumber("hits", stats.CacheHits);
            json.WriteNumber("misses", stats.CacheMisses);
            json.WriteEndObject();
            var patterns = stats.PatternCache;
            json.WriteStartObject("patternCache");
            json.WriteNumber("hits", patterns.Hits);
            json.WriteNumber("misses", patterns.Misses);
            json.WriteNumber("hitRate", Math.Round(patterns.HitRate, 4));
            json.WriteNumber("entries", patterns.Entries);
            json.WriteNumber("estimatedBytes", patterns.EstimatedBytes);
            json.WriteNumber("evictions", patterns.Evictions);
            json.WriteNumber("compileMs", Math.Round(patterns.CompileTime.TotalMilliseconds, 2));
            json.WriteEndObject();
            json.WriteEndObject();

            JsonOutput.WriteNotices(json, [notice]);
            JsonOutput.WriteErrors(json, errors);
            json.WriteEndObject();
        }
        if (stream is MemoryStream buffer)
        {
            context.Output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else
        {
            stream.WriteByte((byte)'\n');
            stream.Flush();
            stream.Dispose();
        }
    }
}
