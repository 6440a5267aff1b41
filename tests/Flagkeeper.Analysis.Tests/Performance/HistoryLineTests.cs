using System.Text;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Performance.History;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Tests.Performance;

/// <summary>History lines round-trip exactly; anything else is skipped with its line number; the <c>perf:</c> configuration.</summary>
public class HistoryLineTests
{
    private static readonly PerfRecord Record = new()
    {
        At = new DateTimeOffset(2026, 12, 5, 18, 30, 1, 250, TimeSpan.Zero),
        RunId = "abc123",
        Command = "check",
        Operation = "gate.flag-lint",
        Fingerprint = WorkFingerprint.Of(1500, 3_000_000, "1.2.3"),
        Count = 2,
        WallMs = 12.345,
        CpuMs = 20.5,
        AllocatedBytes = 123_456,
        PeakWorkingSetBytes = 98_765_432,
        Files = 1500,
        Bytes = 3_000_000,
        Matches = 42,
        CacheHits = 1400,
        CacheMisses = 100,
    };

    [Fact]
    public void A_record_is_one_line_and_reads_back_equal()
    {
        var line = HistoryLine.Write(Record);

        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("{\"v\":1,\"at\":\"2026-12-05T18:30:01.250Z\",\"run\":\"abc123\",\"command\":\"check\",\"operation\":\"gate.flag-lint\",\"filesBucket\":2048,\"bytesBucket\":4194304,\"version\":\"1.2.3\"", line);
        Assert.Equal(Record, HistoryLine.TryRead(line, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void A_run_line_with_each_caches_counts_reads_back_equal_and_older_lines_without_them_still_read()
    {
        var run = Record with
        {
            Operation = PerfRecord.RunOperation,
            Caches = new CacheCounts([new("pattern-cache", 12, 2), new("scan-cache", 1400, 100)]),
        };

        var line = HistoryLine.Write(run);

        Assert.Contains("\"caches\":{\"pattern-cache\":{\"hits\":12,\"misses\":2},\"scan-cache\":{\"hits\":1400,\"misses\":100}}", line);
        Assert.Equal(run, HistoryLine.TryRead(line, out _));
        Assert.Null(HistoryLine.TryRead(HistoryLine.Write(Record), out _)!.Caches);
    }

    [Theory]
    [InlineData("{\"scan-cache\":{\"hits\":1}}")]
    [InlineData("{\"scan-cache\":{\"hits\":\"many\",\"misses\":1}}")]
    [InlineData("[1]")]
    public void A_malformed_caches_object_makes_the_line_not_a_record(string caches)
    {
        var line = HistoryLine.Write(Record)[..^1] + ",\"caches\":" + caches + "}";

        Assert.Null(HistoryLine.TryRead(line, out var problem));
        Assert.NotNull(problem);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 4)]
    [InlineData(1024, 1024)]
    [InlineData(1025, 2048)]
    public void Work_is_bucketed_to_the_next_power_of_two(long value, long bucket) => Assert.Equal(bucket, WorkFingerprint.Bucket(value));

    [Fact]
    public void The_fingerprint_ignores_the_build_suffix_of_the_version() =>
        Assert.DoesNotContain('+', WorkFingerprint.ToolVersion);

    [Theory]
    [InlineData("", "an empty line")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"v\":2}", "format version 2 is not 1")]
    [InlineData("{\"v\":1,\"at\":\"2026-12-05T18:30:01Z\"}", "a field is missing")]
    public void A_line_that_is_not_a_record_says_why(string line, string why)
    {
        Assert.Null(HistoryLine.TryRead(line, out var problem));
        Assert.Equal(why, problem);
    }

    [Fact]
    public void Parse_keeps_the_records_and_names_the_lines_it_skipped()
    {
        var good = HistoryLine.Write(Record);
        var text = $"{good}\n{{\"v\":1,\"wallMs\":\n\n{good}\n{good[..30]}";

        var contents = HistoryFile.Parse(text);

        Assert.Equal(2, contents.Records.Count);
        var warning = Assert.Single(contents.Warnings);
        Assert.StartsWith(".flagkeeper/perf/history.jsonl: skipped 3 line(s) that are not history records (line 2: ", warning);
        Assert.Contains("; line 3: an empty line; line 5: ", warning);
    }

    [Fact]
    public void Trim_keeps_the_last_200_of_each_series_in_file_order()
    {
        var records = Enumerable.Range(0, 450).Select(i => Record with { Operation = i % 3 == 0 ? "run" : "scan", WallMs = i }).ToList();

        var kept = HistoryFile.Trim(records);

        Assert.Equal(150 + 200, kept.Count); // "run" had 150, "scan" 300
        Assert.Equal(150, kept.Count(r => r.Operation == "run"));
        Assert.Equal(151, kept.Where(r => r.Operation == "scan").Min(r => r.WallMs)); // the 101st "scan" (i = 151) is the first kept
        Assert.Equal(kept.OrderBy(r => r.WallMs), kept);
    }

    [Fact]
    public void A_series_signature_is_found_in_its_own_lines_only()
    {
        var run = HistoryLine.Write(Record with { Command = "scan", Operation = "run" });
        var longer = HistoryLine.Write(Record with { Command = "scan", Operation = "run2" });
        var quoted = Record with { Command = "scan", Operation = "a\"b<c" };

        var signature = HistoryLine.SeriesSignature(Record with { Command = "scan", Operation = "run" });

        Assert.Equal("\"command\":\"scan\",\"operation\":\"run\",", Encoding.UTF8.GetString(signature));
        Assert.True(Encoding.UTF8.GetBytes(run).AsSpan().IndexOf(signature) > 0);
        Assert.True(Encoding.UTF8.GetBytes(longer).AsSpan().IndexOf(signature) < 0);
        // Escaped the way the line escapes it.
        Assert.True(Encoding.UTF8.GetBytes(HistoryLine.Write(quoted)).AsSpan().IndexOf(HistoryLine.SeriesSignature(quoted)) > 0);
    }

    [Fact]
    public void Perf_section_sets_baseline_runs_and_thresholds()
    {
        var result = ConfigLoader.Parse("flagkeeper.yaml", "perf:\n  baselineRuns: 5\n  time: { threshold: 10%, minDeltaMs: 2.5 }\n  memory:\n    threshold: 50\n    minDeltaMB: 1\n");

        Assert.Empty(result.Errors);
        Assert.Equal(5, result.Config.Perf.BaselineRuns);
        Assert.Equal(new MetricThreshold(10, 2.5), result.Config.Perf.Time);
        Assert.Equal(new MetricThreshold(50, 1024 * 1024), result.Config.Perf.Memory);
        Assert.Equal(PerfThresholds.Default, ConfigLoader.Parse("flagkeeper.yaml", "version: 1\n").Config.Perf);
    }

    [Theory]
    [InlineData("perf:\n  baselineRuns: 0\n", 2, 17, "perf: baselineRuns must be from 1 to 200")]
    [InlineData("perf:\n  time:\n    threshold: 2000%\n", 3, 16, "perf: time: threshold must be a percentage from 0 to 1000")]
    [InlineData("perf:\n  memory: { minDeltaMs: 3 }\n", 2, 13, "minDeltaMs")]
    [InlineData("perf:\n  time: { minDeltaMs: fast }\n", 2, 23, "a number")]
    public void A_bad_perf_value_is_an_error_at_its_place(string yaml, int line, int column, string message)
    {
        var error = Assert.Single(ConfigLoader.Parse("flagkeeper.yaml", yaml).Errors);

        Assert.Equal(new SourceLocation("flagkeeper.yaml", line, column), error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("FK100", error.Code, StringComparison.Ordinal);
    }
}
