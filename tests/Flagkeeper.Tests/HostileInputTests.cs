using System.Diagnostics;
using System.Text;
using Flagkeeper.Diagnostics;
using Flagkeeper.Loading;
using static Flagkeeper.Tests.TestRegistries;

namespace Flagkeeper.Tests;

/// <summary>Tests that measure time and process-wide allocation run alone, so other tests cannot skew them.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;

/// <summary>
/// Hostile or accidental inputs: deep nesting, alias bombs, huge files, junk, binary. Each must
/// finish fast with a clear, located error; none may throw.
/// </summary>
[Collection(nameof(RunsAlone))]
public class HostileInputTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(2);

    /// <summary>Reads the text as a registry, failing the test if it throws or takes too long.</summary>
    private static RegistryLoadResult ReadTimed(string fileName, string text)
    {
        using var dir = new TempDirectory();
        var watch = Stopwatch.StartNew();
        var result = RegistryReader.Read(dir[fileName], fileName, text);
        watch.Stop();
        Assert.True(watch.Elapsed < Fast, $"reading took {watch.Elapsed.TotalMilliseconds:0} ms");
        return result;
    }

    private static RegistryLoadResult ReadFileTimed(string path, string displayPath)
    {
        var watch = Stopwatch.StartNew();
        var result = RegistryReader.ReadFile(path, displayPath);
        watch.Stop();
        Assert.True(watch.Elapsed < Fast, $"reading took {watch.Elapsed.TotalMilliseconds:0} ms");
        return result;
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static string RandomPrintable(int length, int seed, bool withLineBreaks)
    {
        var random = new Random(seed);
        var chars = new char[length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = withLineBreaks && random.Next(30) == 0 ? '\n' : (char)random.Next(32, 127);
        }
        return new string(chars);
    }

    private static string BlockMappings(int depth)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append(' ', i).Append("k:\n");
        }
        return text.ToString();
    }

    private static string BlockSequences(int depth)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append(' ', i * 2).Append("-\n");
        }
        return text.ToString();
    }

    public static TheoryData<string, string, string> DeepNesting => new()
    {
        { "yaml flow lists", "flags.yaml", Repeat("[", 10_000) + Repeat("]", 10_000) },
        { "yaml flow lists, never closed", "flags.yaml", Repeat("[", 10_000) },
        { "yaml flow mappings", "flags.yaml", Repeat("{a: ", 10_000) + "1" + Repeat("}", 10_000) },
        { "yaml block mappings", "flags.yaml", BlockMappings(10_000) },
        { "yaml block lists", "flags.yaml", BlockSequences(10_000) },
        { "yaml block lists on one line", "flags.yaml", Repeat("- ", 10_000) + "x\n" },
        { "json arrays", "flags.json", Repeat("[", 10_000) + Repeat("]", 10_000) },
        { "json objects", "flags.json", Repeat("{\"a\":", 10_000) + "1" + Repeat("}", 10_000) },
    };

    [Theory]
    [MemberData(nameof(DeepNesting))]
    public void Nesting_10000_deep_is_FK3006_fast(string shape, string fileName, string text)
    {
        var error = SingleError(ReadTimed(fileName, text));

        Assert.True(error.Code == "FK3006", $"{shape}: {error}");
        Assert.Equal(fileName, error.Location?.File);
        Assert.True(error.Location?.Line >= 1 && error.Location?.Column >= 1, error.ToString());
    }

    [Fact]
    public void Nesting_within_the_limit_is_not_an_error_of_depth()
    {
        // 60 levels of lists under a flag's tags: deep but legal; the registry reader then rejects the type.
        var result = ReadTimed("flags.yaml", "version: 1\nflags:\n  a:\n    tags: " + Repeat("[", 60) + Repeat("]", 60) + "\n");

        Assert.DoesNotContain(result.Errors, e => e.Code == "FK3006");
    }

    [Fact]
    public void Billion_laughs_alias_bomb_is_FK3007_fast()
    {
        // a has 9 values, b nine a's (81), ... i has 9^9 = 387 million once expanded.
        var text = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level < 9; level++)
        {
            var previous = (char)('a' + level - 1);
            var name = (char)('a' + level);
            text.Append($"{name}: &{name} [").AppendJoin(", ", Enumerable.Repeat($"*{previous}", 9)).Append("]\n");
        }

        var error = SingleError(ReadTimed("flags.yaml", text.ToString()));

        Assert.Equal("FK3007", error.Code);
        Assert.NotNull(error.Location);
        Assert.InRange(error.Location.Value.Line, 1, 9);
    }

    [Fact]
    public void File_of_50_MB_is_FK2002_without_being_read()
    {
        using var dir = new TempDirectory();
        var path = dir["flags.yaml"];
        using (var stream = File.Create(path))
        {
            var chunk = Encoding.ASCII.GetBytes(RandomPrintable(1024 * 1024, seed: 1, withLineBreaks: true));
            for (var i = 0; i < 50; i++)
            {
                stream.Write(chunk);
            }
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = ReadFileTimed(path, "flags.yaml");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var error = SingleError(result);
        Assert.Equal("FK2002", error.Code);
        Assert.Contains("52,428,800", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 2 * 1024 * 1024, $"allocated {allocated:N0} bytes reading a file it should have refused");
    }

    [Theory]
    [InlineData("flags.yaml")]
    [InlineData("flags.json")]
    public void Megabytes_of_random_printable_junk_is_an_error(string fileName)
    {
        using var dir = new TempDirectory();
        var path = dir.Write(fileName, RandomPrintable(3 * 1024 * 1024, seed: 42, withLineBreaks: false));

        var result = ReadFileTimed(path, fileName);

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.StartsWith("FK3", e.Code, StringComparison.Ordinal));
    }

    [Fact]
    public void Megabytes_of_random_junk_lines_is_an_error()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", RandomPrintable(3 * 1024 * 1024, seed: 7, withLineBreaks: true));

        var result = ReadFileTimed(path, "flags.yaml");

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Small_random_junk_never_throws()
    {
        // Short random snippets reach odd corners of the YAML scanner (unclosed flow collections and the like).
        for (var seed = 0; seed < 500; seed++)
        {
            var text = RandomPrintable(2000, seed, withLineBreaks: true);
            try
            {
                var result = RegistryReader.Read("/tmp/x/flags.yaml", "flags.yaml", text);
                Assert.False(result.Succeeded, $"seed {seed} read as a registry");
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"seed {seed} threw {ex.GetType().Name}: {ex.Message}\n--- input\n{text}");
            }
        }
    }

    [Theory]
    [InlineData("flags.yaml")]
    [InlineData("flags.json")]
    public void Binary_bytes_with_nuls_are_an_error(string fileName)
    {
        using var dir = new TempDirectory();
        var bytes = new byte[64 * 1024];
        new Random(3).NextBytes(bytes);
        bytes[0] = 0;
        bytes[100] = 0;
        var path = dir.WriteBytes(fileName, bytes);

        var result = ReadFileTimed(path, fileName);

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Nul_bytes_inside_an_otherwise_valid_registry_are_a_located_syntax_error()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", "version: 1\nflags:\n  a:\n    owner: te\0am\n");

        var error = SingleError(ReadFileTimed(path, "flags.yaml"));

        Assert.Equal("FK3001", error.Code);
        Assert.Equal(4, error.Location?.Line);
    }

    [Fact]
    public void Invalid_utf8_junk_is_an_error()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteBytes("flags.yaml", [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0xFF, 0xFE, 0x0A]);

        var result = ReadFileTimed(path, "flags.yaml");

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Invalid_utf8_inside_an_otherwise_valid_registry_is_reported()
    {
        // "José" written in Latin-1: 0xE9 is not valid UTF-8. Reading it silently turns the byte into U+FFFD,
        // and a later edit would write U+FFFD back, changing a line nobody asked to change.
        using var dir = new TempDirectory();
        var bytes = Encoding.ASCII.GetBytes(RegistryText(Flag("a"))).Concat(Encoding.Latin1.GetBytes("    task: Jos\u00e9\n")).ToArray();
        var path = dir.WriteBytes("flags.yaml", bytes);

        var result = ReadFileTimed(path, "flags.yaml");

        Assert.False(result.Succeeded, "a registry with invalid UTF-8 was read as valid");
        Assert.Contains(result.Errors, e => e.Location?.Line == 7);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing here\n# at all\n")]
    [InlineData("\n   \n\n")]
    public void Yaml_registry_without_content_is_FK3002(string text)
    {
        var error = SingleError(ReadTimed("flags.yaml", text));

        Assert.Equal("FK3002", error.Code);
        Assert.Equal(new SourceLocation("flags.yaml", 1, 1), error.Location);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("// only a comment\n")]
    public void Json_registry_without_content_is_FK3002(string text)
    {
        var error = SingleError(ReadTimed("flags.json", text));

        Assert.True(error.Code == "FK3002", error.ToString());
    }

    [Fact]
    public void Empty_file_on_disk_is_FK3002()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", "");

        Assert.Equal("FK3002", SingleError(ReadFileTimed(path, "flags.yaml")).Code);
    }

    [Fact]
    public void Missing_file_is_FK2003()
    {
        using var dir = new TempDirectory();

        Assert.Equal("FK2003", SingleError(RegistryReader.ReadFile(dir["flags.yaml"], "flags.yaml")).Code);
    }

    [Fact]
    public void Alias_to_an_undefined_anchor_is_an_error()
    {
        var error = SingleError(ReadTimed("flags.yaml", "version: 1\nflags:\n  a: *missing\n"));

        Assert.Equal("FK3001", error.Code);
        Assert.Equal(new SourceLocation("flags.yaml", 3, 6), error.Location);
    }

    [Fact]
    public void Json_error_message_does_not_echo_megabytes_of_the_input()
    {
        // An invalid literal followed by a megabyte of junk: the message is printed as one line to users.
        var error = SingleError(ReadTimed("flags.json", "{\"version\": tru" + Repeat("x", 1_000_000)));

        Assert.Equal("FK3001", error.Code);
        Assert.True(error.Message.Length < 500, $"message is {error.Message.Length:N0} characters long");
    }

    [Fact]
    public void Json_error_message_is_a_single_line()
    {
        var error = SingleError(ReadTimed("flags.json", "{\n  \"version\": tru\n}\n"));

        Assert.Equal("FK3001", error.Code);
        Assert.DoesNotContain('\n', error.Message);
    }
}

/// <summary>A registry path that is not a regular file must fail fast, not block.</summary>
public class SpecialFileRegistryTests
{
    [Fact]
    public async Task A_fifo_named_flags_yaml_is_reported_empty_without_being_opened()
    {
        var dir = Directory.CreateTempSubdirectory("flagkeeper-fifo-");
        try
        {
            var path = Path.Combine(dir.FullName, "flags.yaml");
            using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path } })!)
            {
                await mkfifo.WaitForExitAsync();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            var read = Task.Run(() => RegistryReader.ReadFile(path, "flags.yaml"));
            Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30)))); // opening it would block

            var result = await read;
            Assert.Null(result.Registry);
            Assert.Equal("FK3002", Assert.Single(result.Errors).Code);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
