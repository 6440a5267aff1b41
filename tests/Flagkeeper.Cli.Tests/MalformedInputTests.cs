using System.Text;
using System.Text.RegularExpressions;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// Bad input through the real CLI: a clear `path:line:column: error FKnnnn: message`, exit 2,
/// no stack trace, and bounded time and memory for hostile files.
/// </summary>
public partial class MalformedInputTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        // name, registry text, expected "file:line:col: error CODE" prefix
        { "yaml syntax", "version: 1\nflags:\n  f:\n    owner: [unclosed\n", "flags.yaml:5:1: error FK3001" },
        { "tab indentation", "version: 1\nflags:\n\tf:\n", "flags.yaml:3:1: error FK3001" },
        { "wrong type", "version: 1\nflags:\n  f:\n    enabled: maybe\n", "flags.yaml:4:14: error FK3004" },
        { "list for a number", "version: 1\nflags:\n  f:\n    rollout: [1, 2]\n", "flags.yaml:4:14: error FK3004" },
        { "unknown field", "version: 1\nflags:\n  f:\n    ownr: team\n", "flags.yaml:4:5: error FK3003" },
        { "unknown top-level field", "version: 1\nflag:\n  f: {}\n", "flags.yaml:2:1: error FK3003" },
        { "empty file", "", "flags.yaml:1:1: error FK3002" },
        { "only comments", "# nothing here yet\n", "flags.yaml:1:1: error FK3002" },
        { "root is a list", "- a\n- b\n", "flags.yaml:1:1: error FK3004" },
        { "unsupported version", "version: 7\nflags: {}\n", "flags.yaml:1:10: error FK3005" },
        { "duplicate field", "version: 1\nflags:\n  f:\n    owner: a\n    owner: b\n", "flags.yaml:5:5: error FK3014" },
        { "unclosed flow list", "version: 1\nflags: [1, 2\nb: 3\n", "flags.yaml:2:" },
        { "undefined alias", "version: 1\nflags:\n  f: *nothing\n", "flags.yaml:3:6: error FK3001" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_registry_is_a_located_error_and_exit_2(string name, string text, string expected)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", text);

        var result = CliRunner.Run(dir.Path, "flags", "validate");

        Assert.True(result.ExitCode == 2, $"{name}: {result}");
        Assert.Contains(expected, result.Stderr);
        AssertNoStackTrace(result);
    }

    [Fact]
    public void Unknown_field_suggests_the_field_meant()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  f:\n    ownr: team\n");

        var result = CliRunner.Run(dir.Path, "flags", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean 'owner'?", result.Stderr);
    }

    [Fact]
    public void Json_registry_errors_are_located_too()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.json", "{\n  \"version\": 1,\n  \"flags\": {\n    \"f\": { \"enabled\": \"yes\" }\n  }\n}\n");

        var result = CliRunner.Run(dir.Path, "flags", "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("flags.json:4:23: error FK3004", result.Stderr);
    }

    [Fact]
    public void Json_output_counts_errors_by_category_and_severity()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  f:\n    ownr: team\n    enabled: maybe\n");

        var result = CliRunner.Run(dir.Path, "flags", "validate", "--format", "json");

        Assert.Equal(2, result.ExitCode);
        var root = result.Json().RootElement;
        Assert.Equal(2, root.GetProperty("errors").GetArrayLength());
        Assert.Equal(2, root.GetProperty("errorCounts").GetProperty("byCategory").GetProperty("Registry").GetInt32());
        Assert.Equal(2, root.GetProperty("errorCounts").GetProperty("bySeverity").GetProperty("High").GetInt32());
        var first = root.GetProperty("errors")[0];
        Assert.Equal("FK3003", first.GetProperty("code").GetString());
        Assert.Equal(4, first.GetProperty("line").GetInt32());
    }

    [Fact]
    public void Deep_nesting_fails_fast()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  f:\n    tags: " + new string('[', 100_000) + new string(']', 100_000) + "\n");

        var result = CliRunner.Run(dir.Path, "flags", "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"flags\.yaml:4:\d+: error FK3006", result.Stderr);
        AssertNoStackTrace(result);
    }

    [Fact]
    public void Alias_bomb_fails_fast_with_bounded_memory()
    {
        using var dir = new TempDirectory();
        var bomb = new StringBuilder("version: 1\nbomb:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            bomb.Append($"  a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }
        dir.Write("flags.yaml", bomb.ToString());

        var result = CliRunner.Run(dir.Path, "flags", "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error FK3007", result.Stderr);
    }

    [Fact]
    public void Fifty_megabytes_of_junk_is_refused_before_reading()
    {
        using var dir = new TempDirectory();
        var junk = new byte[50 * 1024 * 1024];
        new Random(42).NextBytes(junk);
        dir.WriteBytes("flags.yaml", junk);

        var result = CliRunner.Run(dir.Path, "flags", "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error FK2002", result.Stderr);
        Assert.Contains("52,428,800 bytes", result.Stderr);
    }

    [Fact]
    public void Binary_junk_under_the_size_limit_is_an_encoding_error_at_the_first_bad_byte()
    {
        using var dir = new TempDirectory();
        var junk = new byte[200_000];
        new Random(7).NextBytes(junk);
        dir.WriteBytes("flags.yaml", [.. "version: 1\n"u8, .. junk]);

        var result = CliRunner.Run(dir.Path, "flags", "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"flags\.yaml:\d+:\d+: error FK2004: byte 0x[0-9A-F]{2} is not valid UTF-8", result.Stderr);
        AssertNoStackTrace(result);
    }

    [Fact]
    public void Printable_junk_under_the_size_limit_is_a_located_syntax_or_schema_error()
    {
        using var dir = new TempDirectory();
        var random = new Random(11);
        const string alphabet = "abc:-[]{}'\"#&*!|>%@` \n\t,?";
        var junk = new string(Enumerable.Range(0, 500_000).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        dir.Write("flags.yaml", junk);

        var result = CliRunner.Run(dir.Path, "flags", "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"flags\.yaml:\d+:\d+: error FK300\d", result.Stderr);
        AssertNoStackTrace(result);
    }

    [Fact]
    public void Bad_configuration_is_located_and_exit_2()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registries.Valid);
        dir.Write("flagkeeper.yaml", "version: 1\nkeymatching: loose\nrules:\n  missing-owner: fatal\n");

        var result = CliRunner.Run(dir.Path, "flags", "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("flagkeeper.yaml:2:1: error FK1002: unknown field 'keymatching'", result.Stderr);
        Assert.Contains("did you mean 'keyMatching'?", result.Stderr);
        Assert.Contains("flagkeeper.yaml:4:18: error FK1003", result.Stderr);
    }

    [Fact]
    public void An_unknown_sdk_in_the_configuration_is_located_and_exit_2()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registries.Valid);
        dir.Write("flagkeeper.yaml", "version: 1\nsdks: [configcat, nope, unleesh]\n");

        var result = CliRunner.Run(dir.Path, "scan");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("flagkeeper.yaml:2:19: error FK1003: unknown SDK 'nope' in sdks (known SDKs: launchdarkly,", result.Stderr);
        Assert.Contains("flagkeeper.yaml:2:25: error FK1003: unknown SDK 'unleesh' in sdks; did you mean 'unleash'?", result.Stderr);
    }

    [Fact]
    public void A_git_failure_says_what_failed_in_the_users_words_with_gits_message()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registries.Valid);

        var result = CliRunner.Run(dir.Path, "check", "--range", "main..HEAD", "--gate", "commit-message",
            "--verbose", "--no-cache");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error FK7002: finding the git repository that holds the folder failed: fatal: not a git repository", result.Stderr);
        Assert.DoesNotContain("rev-parse", result.Stderr);
        Assert.DoesNotContain("--git-path", result.Stderr);
    }

    [Fact]
    public void Missing_root_is_exit_2()
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "flags", "list", "no-such-folder");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error FK1006", result.Stderr);
    }

    [Theory]
    [InlineData("flags", "frobnicate")]
    [InlineData("flags", "add", "x")]
    [InlineData("flags", "rollout", "x", "lots")]
    [InlineData("flags", "list", "--format", "xml")]
    public void Usage_errors_are_exit_2(params string[] args)
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error FK1005", result.Stderr);
        Assert.Contains("--help", result.Stderr);
    }

    private static void AssertNoStackTrace(CliResult result)
    {
        Assert.DoesNotMatch(StackFrame(), result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
    }

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
