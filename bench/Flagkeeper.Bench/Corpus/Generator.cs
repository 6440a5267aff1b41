using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Flagkeeper.Bench.Corpus;

/// <summary>What a generated file is for.</summary>
internal enum FileRole
{
    /// <summary>Scanned source: its planted usages are the ground truth.</summary>
    Source,
    /// <summary>Source under an ignored folder or with an ignored name: its usages must not be found.</summary>
    Ignored,
    /// <summary>A source extension with a NUL byte in its first KiB: skipped as binary.</summary>
    Binary,
    /// <summary>Documentation and data (.md, .json, .txt, .yml, .html, .css): not scanned by default.</summary>
    NonSource,
}

internal sealed record FileSpec(string Path, Lang Lang, int Seed, int Target, string? Sdk, bool Crlf, bool Bom, bool InvalidUtf8, Density Density, FileRole Role);

/// <summary>
/// Generates the seeded corpus: a polyglot monorepo-like tree with planted usages, decoys, ignored folders,
/// binary and non-source files, and writes the ground truth next to it (DIR.truth.json), outside the tree.
/// Every random choice comes from System.Random(seed) (one seed per file, drawn in order), so the same
/// seed gives the same bytes whatever the thread count.
/// </summary>
internal static class Generator
{
    private static readonly string[] Areas = ["apps", "services", "packages", "libs", "tools", "web", "platform", "mobile", "api", "internal"];
    private static readonly string[] Packages = ["lodash", "react-dom", "@acme/ui", "unleash-client", "left-pad"];
    private static readonly string[] SubFolders = ["src", "lib", "internal", "components", "handlers", "models", "views", "controllers", "pkg", "core", "utils", "domain", "app", "features"];

    public static int Run(string outDir, int seed, int fileCount, double megabytes, bool dense = false)
    {
        var clock = Stopwatch.StartNew();
        outDir = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(outDir));
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
        Directory.CreateDirectory(outDir);
        var master = new Random(seed);

        var modules = Modules(master);
        var specs = new List<FileSpec>();
        SourceFiles(master, modules, fileCount, megabytes, dense, specs);
        var nestedIgnores = SpecialFiles(master, modules, specs);

        foreach (var directory in specs.Select(s => System.IO.Path.GetDirectoryName(s.Path)!).Distinct(StringComparer.Ordinal))
        {
            Directory.CreateDirectory(System.IO.Path.Combine(outDir, directory));
        }
        File.WriteAllText(System.IO.Path.Combine(outDir, ".gitignore"), string.Join('\n',
            "# Dependencies, build output and generated code: never scanned.", "node_modules/", "dist/", "generated/", "*.min.js",
            "# Only the top-level build folder (a nested build/ is source).", "/build/", ".flagkeeper/", ""));
        foreach (var folder in nestedIgnores)
        {
            File.WriteAllText(System.IO.Path.Combine(outDir, folder, ".gitignore"), "coverage/\n*.snap.ts\n!keep.snap.ts\n");
        }

        var truth = new List<TruthEntry>[specs.Count];
        var bytes = new long[specs.Count];
        Parallel.For(0, specs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (content, entries) = Generate(specs[i]);
            File.WriteAllBytes(System.IO.Path.Combine(outDir, specs[i].Path), content);
            bytes[i] = content.Length;
            truth[i] = specs[i].Role == FileRole.Source ? entries : [];
        });

        GitInit(outDir);
        var all = truth.SelectMany(t => t).OrderBy(t => t.File, StringComparer.Ordinal).ThenBy(t => t.Line).ToList();
        var truthPath = outDir + ".truth.json";
        WriteTruth(truthPath, all);

        var totalBytes = bytes.Sum();
        var sourceBytes = specs.Select((s, i) => s.Role == FileRole.Source ? bytes[i] : 0).Sum();
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"corpus: {outDir}"));
        Console.WriteLine(string.Create(inv, $"files: {specs.Count + 1 + nestedIgnores.Count} ({specs.Count(s => s.Role == FileRole.Source)} scanned source, {specs.Count(s => s.Role == FileRole.Ignored)} ignored, {specs.Count(s => s.Role == FileRole.Binary)} binary, {specs.Count(s => s.Role == FileRole.NonSource)} non-source, {1 + nestedIgnores.Count} .gitignore)"));
        Console.WriteLine(string.Create(inv, $"size: {totalBytes / 1e6:0.0} MB total, {sourceBytes / 1e6:0.0} MB scanned source"));
        Console.WriteLine(string.Create(inv, $"truth: {all.Count} usages ({all.Count(t => t.Flag is null)} dynamic) -> {truthPath}"));
        Console.WriteLine("languages: " + string.Join(", ", Langs.All.Select(l => string.Create(inv, $"{Langs.Ext(l)} {specs.Count(s => s.Role == FileRole.Source && s.Lang == l)}"))));
        var byShape = all.GroupBy(t => t.Shape, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Console.WriteLine("shapes: " + string.Join(", ", Plants.ShapeIds.Select(id => string.Create(inv, $"{id} {byShape.GetValueOrDefault(id)}"))));
        var missing = Plants.ShapeIds.Where(id => !byShape.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine("warning: no usage planted for: " + string.Join(", ", missing));
        }
        Console.WriteLine(string.Create(inv, $"generated in {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private sealed record Module(string Path, Lang Primary, List<string> Folders);

    private static List<Module> Modules(Random r)
    {
        var modules = new List<Module>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var area in Areas)
        {
            var count = 5 + r.Next(6);
            for (var i = 0; i < count; i++)
            {
                var name = Text.Noun(r) + (r.Next(3) == 0 ? "-" + Text.Noun(r) : "");
                while (!used.Add(area + "/" + name))
                {
                    name += "-" + r.Next(10).ToString(CultureInfo.InvariantCulture);
                }
                var path = area + "/" + name;
                var primary = WeightedLang(r);
                var folders = new List<string> { path };
                var n = 5 + r.Next(12);
                for (var k = 0; k < n; k++)
                {
                    var depth = 1 + r.Next(4);
                    var folder = path;
                    for (var d = 0; d < depth; d++)
                    {
                        folder += "/" + (d == 0 ? SubFolders[r.Next(SubFolders.Length)] : Text.Noun(r));
                    }
                    folders.Add(folder);
                }
                modules.Add(new Module(path, primary, [.. folders.Distinct(StringComparer.Ordinal)]));
            }
        }
        // A nested build/ folder is ordinary source (the root .gitignore anchors /build/ to the top).
        for (var i = 0; i < 3; i++)
        {
            var module = modules[r.Next(modules.Count)];
            module.Folders.Add(module.Path + "/build");
        }
        return modules;
    }

    private static Lang WeightedLang(Random r)
    {
        var total = Langs.All.Sum(Langs.Weight);
        var pick = r.Next(total);
        foreach (var lang in Langs.All)
        {
            pick -= Langs.Weight(lang);
            if (pick < 0)
            {
                return lang;
            }
        }
        return Lang.Ts;
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private static void SourceFiles(Random r, List<Module> modules, int count, double megabytes, bool dense, List<FileSpec> specs)
    {
        var factors = new double[count];
        for (var i = 0; i < count; i++)
        {
            factors[i] = Math.Exp(Gaussian(r) * 0.85) * (r.Next(400) == 0 ? 25 : 1);
        }
        // Written files overshoot their target by a part of the last unit; aim a little lower.
        var scale = megabytes * 1e6 * 0.8 / factors.Sum();
        for (var i = 0; i < count; i++)
        {
            var module = modules[r.Next(modules.Count)];
            var lang = r.Next(2) == 0 ? WeightedLang(r) : module.Primary;
            var folder = module.Folders[r.Next(module.Folders.Count)];
            var target = (int)Math.Clamp(factors[i] * scale, 400, 1_500_000);
            var spec = NewSpec(r, folder + "/" + FileName(r, lang, i), lang, target, FileRole.Source);
            // Dense: every file planted (at least five usages, small files grow until they have them), more decoys.
            specs.Add(dense ? spec with { Density = new Density(0.04 + (r.NextDouble() * 0.03), 0.02 + (r.NextDouble() * 0.02), 0.1, MinUsages: 5) } : spec);
        }
    }

    private static FileSpec NewSpec(Random r, string path, Lang lang, int target, FileRole role)
    {
        var sdks = Plants.SdkIds.Where(s => Plants.ImportLines(s, lang, new Random(0)) is not null).ToArray();
        var sdk = sdks.Length > 0 && r.Next(10) < 3 ? sdks[r.Next(sdks.Length)] : null;
        var plant = r.Next(100) < 30 ? 0 : 0.02 + (r.NextDouble() * 0.03);
        var decoy = r.Next(100) < 40 ? 0 : 0.015 + (r.NextDouble() * 0.025);
        var member = plant > 0 || decoy > 0 ? 0.08 : 0;
        return new FileSpec(path, lang, r.Next(), target, sdk, Crlf: r.Next(100) < 6, Bom: r.Next(1000) < 7, InvalidUtf8: r.Next(1000) < 5 && lang != Lang.Php,
            new Density(plant, decoy, member), role);
    }

    private static string FileName(Random r, Lang lang, int index)
    {
        var n = index.ToString(CultureInfo.InvariantCulture);
        return lang switch
        {
            Lang.Cs or Lang.Java or Lang.Kt or Lang.Scala or Lang.Swift or Lang.Php or Lang.Vue or Lang.Svelte or Lang.Razor or Lang.Tsx or Lang.Jsx =>
                Text.PascalId(r) + n + "." + Langs.Ext(lang),
            Lang.Erb => Text.Snake(r) + "_" + n + ".html.erb",
            Lang.Py or Lang.Rb or Lang.Rs or Lang.Go => Text.Snake(r) + "_" + n + "." + Langs.Ext(lang),
            _ => Text.Noun(r) + "-" + Text.Noun(r) + "-" + n + "." + Langs.Ext(lang),
        };
    }

    /// <summary>Ignored, binary and non-source files; returns the folders that get a nested .gitignore.</summary>
    private static List<string> SpecialFiles(Random r, List<Module> modules, List<FileSpec> specs)
    {
        var index = 1_000_000;
        string Name(Lang lang) => FileName(r, lang, index++);
        FileSpec Ignored(string path, Lang lang) => NewSpec(r, path, lang, 2000 + r.Next(20000), FileRole.Ignored) with { Density = new Density(0.03, 0.01, 0.05) };

        var jsModules = modules.Where(m => Langs.IsJs(m.Primary)).Take(6).ToList();
        if (jsModules.Count == 0)
        {
            jsModules = modules.Take(3).ToList();
        }
        foreach (var module in jsModules)
        {
            foreach (var package in Packages.Take(2 + r.Next(3)))
            {
                for (var k = 0; k < 4 + r.Next(8); k++)
                {
                    var lang = r.Next(3) == 0 ? Lang.Ts : Lang.Js;
                    specs.Add(Ignored($"{module.Path}/node_modules/{package}/{(k == 0 ? "" : "lib/")}{Name(lang)}", lang));
                }
            }
            for (var k = 0; k < 3 + r.Next(4); k++)
            {
                specs.Add(Ignored($"{module.Path}/dist/{Name(Lang.Js)}", Lang.Js));
            }
        }
        for (var k = 0; k < 30; k++)
        {
            var module = modules[r.Next(modules.Count)];
            var lang = (Lang)r.Next(Langs.All.Length);
            specs.Add(Ignored($"{module.Path}/generated/{Name(lang)}", lang));
        }
        for (var k = 0; k < 20; k++)
        {
            var lang = Pick(r, Lang.Cs, Lang.Java, Lang.Ts, Lang.Go);
            specs.Add(Ignored($"build/{Text.Noun(r)}/{Name(lang)}", lang));
        }
        for (var k = 0; k < 30; k++)
        {
            var module = modules[r.Next(modules.Count)];
            specs.Add(Ignored($"{module.Folders[r.Next(module.Folders.Count)]}/{Text.Noun(r)}-{k}.min.js", Lang.Js));
        }

        // Nested .gitignore with a negation: coverage/ and *.snap.ts are ignored, keep.snap.ts is not.
        var nested = new List<string>();
        foreach (var module in modules.Where(m => m.Path.StartsWith("packages/", StringComparison.Ordinal)).Take(2))
        {
            nested.Add(module.Path);
            for (var k = 0; k < 5; k++)
            {
                specs.Add(Ignored($"{module.Path}/coverage/{Name(Lang.Js)}", Lang.Js));
                specs.Add(Ignored($"{module.Path}/src/{Text.Noun(r)}-{k}.snap.ts", Lang.Ts));
            }
            var keep = NewSpec(r, $"{module.Path}/src/keep.snap.ts", Lang.Ts, 6000, FileRole.Source);
            specs.Add(keep with { Density = new Density(0.05, 0.02, 0.05) });
        }

        for (var k = 0; k < 60; k++)
        {
            var module = modules[r.Next(modules.Count)];
            var lang = Pick(r, Lang.Ts, Lang.Js, Lang.Py, Lang.Cs, Lang.Go, Lang.Java, Lang.Rb);
            specs.Add(NewSpec(r, $"{module.Folders[r.Next(module.Folders.Count)]}/{Name(lang)}", lang, 3000 + r.Next(30000), FileRole.Binary));
        }
        var extensions = new[] { "md", "json", "txt", "yml", "html", "css" };
        for (var k = 0; k < 150; k++)
        {
            var module = modules[r.Next(modules.Count)];
            var ext = extensions[r.Next(extensions.Length)];
            var folder = ext == "md" && r.Next(2) == 0 ? module.Path + "/docs" : module.Folders[r.Next(module.Folders.Count)];
            specs.Add(NewSpec(r, $"{folder}/{Text.Noun(r)}-{Text.Noun(r)}-{k}.{ext}", Lang.Ts, 1000 + r.Next(20000), FileRole.NonSource));
        }
        return nested;
    }

    private static T Pick<T>(Random r, params T[] options) => options[r.Next(options.Length)];

    private static (byte[] Content, List<TruthEntry> Truth) Generate(FileSpec spec)
    {
        var r = new Random(spec.Seed);
        switch (spec.Role)
        {
            case FileRole.Binary:
                return (Binary(r, spec), []);
            case FileRole.NonSource:
                return (NonSource(r, spec), []);
        }
        var f = new FileBuilder(spec.Path, spec.Lang, r, spec.Sdk, spec.Crlf);
        if (spec.InvalidUtf8)
        {
            // \u0001 and \u0002 become the bytes 0xFF and 0xE9 (invalid UTF-8) after encoding.
            var text = "Encod\u0002 en Latin-1 par erreur \u0001\u0001 " + Text.Sentence(r);
            f.Emit(spec.Lang switch
            {
                Lang.Py or Lang.Rb => "# " + text,
                Lang.Razor => "@* " + text + " *@",
                Lang.Erb => "<%# " + text + " %>",
                Lang.Vue or Lang.Svelte => "<!-- " + text + " -->",
                _ => "// " + text,
            });
        }
        Writer.Write(f, spec.Target, spec.Density);
        var content = f.Content;
        if (spec.Path.EndsWith(".min.js", StringComparison.Ordinal))
        {
            content = content.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ');
        }
        var bytes = Encoding.UTF8.GetBytes(content);
        if (spec.InvalidUtf8)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = bytes[i] switch { 1 => 0xFF, 2 => 0xE9, var b => b };
            }
        }
        if (spec.Bom)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }
        return (bytes, f.Truth);
    }

    /// <summary>A NUL byte in the first KiB, then text with usages (a binary file must be skipped whole).</summary>
    private static byte[] Binary(Random r, FileSpec spec)
    {
        var head = new byte[64 + r.Next(900)];
        r.NextBytes(head);
        head[r.Next(head.Length)] = 0;
        var f = new FileBuilder(spec.Path, spec.Lang, r, spec.Sdk, crlf: false);
        Writer.Write(f, spec.Target, new Density(0.08, 0, 0));
        return [.. "\u007fELF"u8, .. head, .. Encoding.UTF8.GetBytes(f.Content)];
    }

    /// <summary>Documentation and data mentioning usages: not scanned unless configured.</summary>
    private static byte[] NonSource(Random r, FileSpec spec)
    {
        var f = new FileBuilder(spec.Path, Lang.Ts, r, null, crlf: false);
        var sb = new StringBuilder();
        var ext = System.IO.Path.GetExtension(spec.Path);
        string Usage()
        {
            var planters = Plants.For(Lang.Ts, null, Where.Expr);
            return string.Join(" ", planters[r.Next(planters.Length)].Make(f).Lines);
        }
        while (sb.Length < spec.Target)
        {
            switch (ext)
            {
                case ".md":
                    sb.Append("## ").Append(Text.Sentence(r)).Append("\n\n").Append(Text.Sentence(r)).Append(".\n\n```ts\nif (").Append(Usage()).Append(") {\n  render();\n}\n```\n\n");
                    break;
                case ".json":
                    sb.Append(sb.Length == 0 ? "{\n" : "").Append("  \"").Append(Text.Camel(r)).Append("\": \"").Append(Usage().Replace("\"", "'", StringComparison.Ordinal)).Append("\",\n");
                    break;
                case ".yml":
                    sb.Append(Text.Snake(r)).Append(": \"").Append(Usage().Replace("\"", "'", StringComparison.Ordinal)).Append("\"\n");
                    break;
                case ".html":
                    sb.Append("<script>if (").Append(Usage()).Append(") { show(); }</script>\n<p>").Append(Text.Sentence(r)).Append("</p>\n");
                    break;
                case ".css":
                    sb.Append('.').Append(Text.Noun(r)).Append(" { color: #").Append(r.Next(0x1000000).ToString("x6", CultureInfo.InvariantCulture)).Append("; } /* ").Append(Usage()).Append(" */\n");
                    break;
                default:
                    sb.Append(Text.Sentence(r)).Append(": ").Append(Usage()).Append('\n');
                    break;
            }
        }
        if (ext == ".json")
        {
            sb.Append("  \"end\": true\n}\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void GitInit(string dir)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["init", "-q", dir]) { UseShellExecute = false });
            git?.WaitForExit();
            if (git is null || git.ExitCode != 0)
            {
                Console.Error.WriteLine("warning: git init failed; ripgrep will not honour .gitignore without --no-require-git");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Console.Error.WriteLine($"warning: git not found ({ex.Message}); ripgrep will not honour .gitignore without --no-require-git");
        }
    }

    private static void WriteTruth(string path, List<TruthEntry> entries)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartArray();
        foreach (var entry in entries)
        {
            json.WriteStartObject();
            json.WriteString("file", entry.File);
            json.WriteNumber("line", entry.Line);
            if (entry.Flag is null)
            {
                json.WriteNull("flag");
            }
            else
            {
                json.WriteString("flag", entry.Flag);
            }
            json.WriteString("kind", entry.Kind);
            json.WriteString("shape", entry.Shape);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
