using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

public partial class ScanCommandTests
{
    // ---------------------------------------------------------------- JSON contract

    [Fact]
    public void Json_has_every_contract_field_with_root_relative_slash_paths()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry(("new-checkout", [])));
        // A user pattern for numeric keys: it matches nothing here, but "isEnabled(" is in the file, so the scan builds it
        // through the pattern cache (SDK shapes read their arguments without a regex and ask the cache nothing).
        dir.Write("flagkeeper.yaml", "version: 1\n\npatterns: [{id: numeric, regex: 'isEnabled\\((?<key>[0-9]+)\\)'}]\n");
        dir.Write("src/deep/nested/cart.ts", "// cart\nif (isEnabled('new-checkout')) {\n  go(isEnabled(name));\n}\n");
        Age(dir);

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json().RootElement;
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        var root = json.GetProperty("root").GetString()!;
        Assert.True(Path.IsPathFullyQualified(root), root);
        Assert.Equal(Path.GetFullPath(dir.Path).TrimEnd(Path.DirectorySeparatorChar), root.TrimEnd(Path.DirectorySeparatorChar));

        var usages = Usages(result);
        Assert.Equal(2, usages.Count);
        foreach (var usage in usages)
        {
            foreach (var field in new[] { "flag", "kind", "file", "line", "column", "pattern", "text", "argument", "registryKey" })
            {
                Assert.True(usage.TryGetProperty(field, out _), $"usage is missing field {field}: {usage}");
            }
        }

        var literal = usages[0];
        Assert.Equal("new-checkout", literal.GetProperty("flag").GetString());
        Assert.Equal("usage", literal.GetProperty("kind").GetString());
        Assert.Equal("src/deep/nested/cart.ts", literal.GetProperty("file").GetString());
        Assert.Equal(2, literal.GetProperty("line").GetInt32());
        // 1-based column of the key: "if (isEnabled('" is 15 characters.
        Assert.Equal(16, literal.GetProperty("column").GetInt32());
        Assert.Equal("is-enabled", literal.GetProperty("pattern").GetString());
        Assert.Contains("isEnabled('new-checkout')", literal.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, literal.GetProperty("argument").ValueKind);
        Assert.Equal("new-checkout", literal.GetProperty("registryKey").GetString());

        var dynamic = usages[1];
        Assert.Equal(JsonValueKind.Null, dynamic.GetProperty("flag").ValueKind);
        Assert.Equal("dynamic", dynamic.GetProperty("kind").GetString());
        Assert.Equal("src/deep/nested/cart.ts", dynamic.GetProperty("file").GetString());
        Assert.Equal(3, dynamic.GetProperty("line").GetInt32());
        // "  go(isEnabled(" is 15 characters: the argument starts at column 16.
        Assert.Equal(16, dynamic.GetProperty("column").GetInt32());
        Assert.Equal("name", dynamic.GetProperty("argument").GetString());
        Assert.Equal(JsonValueKind.Null, dynamic.GetProperty("registryKey").ValueKind);

        var stats = json.GetProperty("stats");
        Assert.Equal(1, stats.GetProperty("filesScanned").GetInt32());
        Assert.Equal(0, stats.GetProperty("filesSkipped").GetInt32());
        Assert.Equal(new FileInfo(dir["src/deep/nested/cart.ts"]).Length, stats.GetProperty("bytesScanned").GetInt64());
        Assert.True(stats.GetProperty("durationMs").GetDouble() > 0, "a scan that read a file took some time");
        Assert.Equal(0, stats.GetProperty("cache").GetProperty("hits").GetInt64());
        Assert.True(stats.GetProperty("cache").TryGetProperty("misses", out _));
        // The scan asked the pattern cache for the user pattern: each ask is a hit or a miss.
        var patternCache = stats.GetProperty("patternCache");
        Assert.True(patternCache.GetProperty("hits").GetInt64() + patternCache.GetProperty("misses").GetInt64() > 0, patternCache.ToString());

        Assert.Equal(JsonValueKind.Array, json.GetProperty("errors").ValueKind);
        Assert.Empty(json.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public void Root_in_json_is_absolute_when_the_argument_is_relative()
    {
        using var dir = new TempDirectory();
        dir.Write("project/app.ts", "isEnabled('a');\n");

        var result = Scan(dir.Path, "project", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Path.Combine(Path.GetFullPath(dir.Path), "project"), result.Json().RootElement.GetProperty("root").GetString());
        Assert.Equal("app.ts", Usages(result).Single().GetProperty("file").GetString());
    }

    [Fact]
    public void Usages_are_sorted_by_file_line_and_column_in_ordinal_order()
    {
        using var dir = new TempDirectory();
        // '-' < '.' < '/' < 'B' < '_' < 'a' in ordinal order; culture-aware sorting would differ.
        dir.Write("a.ts", "isEnabled('a1'); isEnabled('a2'); isEnabled('a3');\nisEnabled('a4');\n");
        dir.Write("a-b.ts", "isEnabled('ab');\n");
        dir.Write("a/z.ts", "isEnabled('az');\n");
        dir.Write("B.ts", "\n\nisEnabled('b3');\nisEnabled('b4');\n");
        dir.Write("_u.ts", "isEnabled('u');\n");
        for (var i = 0; i < 30; i++)
        {
            dir.Write($"many/f{i:D2}.ts", string.Concat(Enumerable.Range(0, 5).Select(n => $"useFlag('m{i}-{n}'); isEnabled('n{i}-{n}');\n")));
        }

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        var keys = Usages(result).Select(u => (File: u.GetProperty("file").GetString()!, Line: u.GetProperty("line").GetInt32(), Column: u.GetProperty("column").GetInt32())).ToList();
        Assert.Equal(9 + 30 * 10, keys.Count);
        var sorted = keys.OrderBy(k => k.File, StringComparer.Ordinal).ThenBy(k => k.Line).ThenBy(k => k.Column).ToList();
        Assert.Equal(sorted, keys);
        Assert.Equal(["B.ts", "_u.ts", "a-b.ts", "a.ts", "a/z.ts"], keys.Select(k => k.File).Where(f => !f.StartsWith("many/")).Distinct());

        var firstLine = Usages(result).Where(u => u.GetProperty("file").GetString() == "a.ts" && u.GetProperty("line").GetInt32() == 1).ToList();
        Assert.Equal(["a1", "a2", "a3"], firstLine.Select(u => u.GetProperty("flag").GetString()));
        Assert.Equal([12, 29, 46], firstLine.Select(u => u.GetProperty("column").GetInt32()));
    }

    [Fact]
    public void Column_counts_utf16_code_units()
    {
        using var dir = new TempDirectory();
        // U+1F600 is 2 UTF-16 code units (4 UTF-8 bytes); é is 1 code unit (2 bytes).
        dir.Write("emoji.ts", "const s = \"\U0001F600é\"; if (isEnabled(\"k\")) {}\n");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        var usage = Usages(result).Single();
        var line = "const s = \"\U0001F600é\"; if (isEnabled(\"k\")) {}";
        Assert.Equal(line.IndexOf("\"k\"", StringComparison.Ordinal) + 2, usage.GetProperty("column").GetInt32());
    }

    [Fact]
    public void Json_usages_are_identical_across_runs()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 60; i++)
        {
            dir.Write($"d{i % 7}/s{i % 3}/f{i}.ts", string.Concat(Enumerable.Range(0, 8).Select(n => $"if (isEnabled('k{n}') && useFlag('j{i}')) {{ isEnabled(x{n}); }}\n")));
            dir.Write($"py/m{i}.py", $"if is_enabled(\"p{i}\"):\n    pass\n");
        }

        var first = Scan(dir.Path, ".", "--format", "json", "--no-cache");
        var second = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var a = first.Json().RootElement.GetProperty("usages");
        var b = second.Json().RootElement.GetProperty("usages");
        Assert.Equal(60 * 8 * 3 + 60, a.GetArrayLength());
        Assert.Equal(a.GetRawText(), b.GetRawText());
    }

    [Fact]
    public void Json_of_more_usages_than_one_encoding_chunk_has_every_usage_once_in_order()
    {
        // The usages array is encoded in chunks of 1,024 on every core and written in order: 5,001 usages span five chunks.
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry(("late-flag", [])));
        var expected = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var keys = Enumerable.Range(0, 100).Select(n => $"k{i:D2}-{n:D3}").ToList();
            dir.Write($"f{i:D2}.ts", string.Concat(keys.Select(k => $"if (isEnabled('{k}')) {{ \"quoted\" }}\n")));
            expected.AddRange(keys);
        }
        dir.Write("z.ts", "isEnabled('late-flag');\n");
        expected.Add("late-flag");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        var usages = Usages(result);
        Assert.Equal(expected, usages.Select(u => u.GetProperty("flag").GetString()));
        Assert.All(usages.SkipLast(1), u => Assert.Equal(JsonValueKind.Null, u.GetProperty("registryKey").ValueKind));
        Assert.Equal("late-flag", usages[^1].GetProperty("registryKey").GetString());
        Assert.Equal("if (isEnabled('k49-099')) { \"quoted\" }", usages[^2].GetProperty("text").GetString());
    }

    // ---------------------------------------------------------------- registry resolution

    [Fact]
    public void RegistryKey_is_resolved_by_key_or_alias_and_null_when_unregistered()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry(("new-checkout", ["NEW_CHECKOUT"])));
        dir.Write("services/search/flags.yaml", Registry(("search-box", [])));
        dir.Write("app.ts", "isEnabled('new-checkout');\nisEnabled('NEW_CHECKOUT');\nisEnabled('new_checkout');\nisEnabled('ghost');\nisEnabled('search-box');\n");
        dir.Write("services/search/box.ts", "isEnabled('search-box');\nisEnabled('new-checkout');\n");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        var resolved = Usages(result).Select(u => (u.GetProperty("file").GetString(), u.GetProperty("flag").GetString(), u.GetProperty("registryKey").GetString())).ToList();
        Assert.Equal<(string?, string?, string?)>(
        [
            ("app.ts", "new-checkout", "new-checkout"),
            ("app.ts", "NEW_CHECKOUT", "new-checkout"),
            ("app.ts", "new_checkout", null),   // exact matching: no alias, no match
            ("app.ts", "ghost", null),
            ("app.ts", "search-box", null),     // services/search/flags.yaml applies only below services/search
            ("services/search/box.ts", "search-box", "search-box"),
            ("services/search/box.ts", "new-checkout", "new-checkout"), // the root registry applies everywhere
        ], resolved);
    }

    [Fact]
    public void Loose_key_matching_resolves_across_case_and_separators()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nkeyMatching: loose\n");
        dir.Write("flags.yaml", Registry(("new-checkout", [])));
        dir.Write("app.ts", "isEnabled('NEW_CHECKOUT');\nisEnabled('newCheckout');\nisEnabled('new_checkout');\nisEnabled('new-checkout');\nisEnabled('old-checkout');\n");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["new-checkout", "new-checkout", "new-checkout", "new-checkout", null], Usages(result).Select(u => u.GetProperty("registryKey").GetString()));
        Assert.Equal(["NEW_CHECKOUT", "newCheckout", "new_checkout", "new-checkout", "old-checkout"], Usages(result).Select(u => u.GetProperty("flag").GetString()));
    }

    // ---------------------------------------------------------------- text format

    [Fact]
    public void Text_prints_one_line_per_usage_and_a_summary()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry(("known", [])));
        dir.Write("src/a.ts", "isEnabled('known');\nuseFlag('stranger');\n  isEnabled(someName);\n");
        dir.Write("b.py", "if is_enabled(\"known\"):\n    pass\n");

        var result = Scan(dir.Path, ".", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var usageLines = lines.Where(l => UsageLine().IsMatch(l)).ToList();
        Assert.Equal(
        [
            "b.py:1:16  known  (is-enabled)",
            "src/a.ts:1:12  known  (is-enabled)",
            "src/a.ts:2:10  stranger  (use-flag)",
            "src/a.ts:3:13  <dynamic: someName: someName is not a constant declared or imported in src/a.ts>  (is-enabled)",
        ], usageLines.Select(l => l.Replace("  unregistered", "", StringComparison.Ordinal)));
        Assert.EndsWith("unregistered", usageLines[2]);
        Assert.DoesNotContain("unregistered", usageLines[1]);
        var summary = Assert.Single(lines.Except(usageLines));
        Assert.Contains("4 usages", summary);
        Assert.Contains("1 unregistered", summary);
        Assert.Contains("1 dynamic", summary);
        Assert.Contains("2 files", summary);
    }

    // ---------------------------------------------------------------- the bundled sample

    [Fact]
    public void Sample_shop_usages_include_the_unregistered_and_expired_flags()
    {
        var repository = RepositoryRoot();
        var cache = Path.Combine(repository, "samples", "shop", ".flagkeeper", "cache");
        var before = Snapshot(cache);

        var result = Scan(repository, "samples/shop", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        var usages = Usages(result);
        var byFlag = usages.Where(u => u.GetProperty("kind").GetString() == "usage")
            .ToDictionary(u => u.GetProperty("flag").GetString()!, u => u);
        Assert.Equal("web/src/search.ts", byFlag["beta-recommendations"].GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Null, byFlag["beta-recommendations"].GetProperty("registryKey").ValueKind);
        Assert.Equal("services/pricing/pricing.py", byFlag["express-shipping"].GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Null, byFlag["express-shipping"].GetProperty("registryKey").ValueKind);
        Assert.Equal("web/src/search.ts", byFlag["search-suggestions"].GetProperty("file").GetString());
        Assert.Equal(5, byFlag["search-suggestions"].GetProperty("line").GetInt32());
        Assert.Equal("search-suggestions", byFlag["search-suggestions"].GetProperty("registryKey").GetString());
        Assert.Equal("new-checkout", byFlag["new-checkout"].GetProperty("registryKey").GetString());
        Assert.Equal("dark-mode", byFlag["dark-mode"].GetProperty("registryKey").GetString());
        Assert.Equal("src/Shop.Web/Pages/Layout.cshtml", byFlag["dark-mode"].GetProperty("file").GetString());
        Assert.Equal("bulk-discount", byFlag["BULK_DISCOUNT"].GetProperty("registryKey").GetString());
        Assert.Contains("checkout-kill-switch", byFlag.Keys);
        Assert.Contains("payments-v2", byFlag.Keys);
        Assert.DoesNotContain("legacy-export", byFlag.Keys);
        // The flag helpers in web/src/flags.ts pass a variable: one dynamic usage, not a declaration.
        Assert.Contains(usages, u => u.GetProperty("kind").GetString() == "dynamic" && u.GetProperty("file").GetString() == "web/src/flags.ts");
        Assert.DoesNotContain(usages, u => u.GetProperty("file").GetString()!.EndsWith(".md", StringComparison.Ordinal));

        Assert.Equal(before, Snapshot(cache));
    }
}
