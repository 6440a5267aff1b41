using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Languages;
using System.Xml.Linq;
using YamlDotNet.RepresentationModel;
using Flagkeeper.Diagnostics;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// The docs that are generated from code stay in step with it. Set FLAGKEEPER_UPDATE_DOCS=1 to rewrite
/// a generated file instead of comparing.
/// </summary>
public partial class DocsTests
{
    [Fact]
    public void Rules_md_is_generated_from_the_rule_catalog()
    {
        var expected = new StringBuilder()
            .Append("# Rules\n\n")
            .Append("Generated from the rule catalog (`src/Flagkeeper/Diagnostics/RuleCatalog.cs`) by `DocsTests`; do not edit by hand.\n")
            .Append("Rule ids are stable. Change a rule's severity with `rules:` in `flagkeeper.yaml` (`error | warning | off`); ")
            .Append("silence one place with a `flagkeeper-ignore` comment ([cli.md](cli.md#suppressions-and-the-baseline)).\n\n")
            .Append("| rule | gate | default severity | what triggers it | how to fix it |\n")
            .Append("| --- | --- | --- | --- | --- |\n");
        foreach (var rule in RuleCatalog.All)
        {
            expected.Append($"| <a id=\"{rule.Id}\"></a>`{rule.Id}` | {rule.Gate} | {rule.DefaultSeverity.ToString().ToLowerInvariant()} | {ProseCell(rule.Summary)} | {ProseCell(rule.Fix)} |\n");
        }
        expected.Append("\nGates: ").Append(string.Join(", ", RuleCatalog.Gates.Select(g => $"`{g}`")))
            .Append(". `flag-lint` needs the registry and the code; `kill-switch`, `commit-message` and `delivery-mode` read git history ")
            .Append("and are skipped, with a notice, outside a git repository.\n");
        AssertGenerated("rules.md", expected.ToString());
    }

    [Fact]
    public void GitHub_Actions_example_uploads_the_sarif_report_that_check_writes()
    {
        var (_, steps) = WorkflowJob();

        var checkout = steps.Single(s => Value(s, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true);
        Assert.Equal("0", Value((YamlMappingNode)checkout["with"], "fetch-depth")); // the git gates need the range's base
        var check = steps.Single(s => Value(s, "run")?.Contains("--format sarif", StringComparison.Ordinal) == true);
        var output = Regex.Match(Value(check, "run")!, @"flagkeeper check .* --output (?<file>\S+)").Groups["file"].Value;
        Assert.NotEmpty(output);
        var upload = steps.Single(s => Value(s, "uses")?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);
        Assert.Equal(output, Value((YamlMappingNode)upload["with"], "sarif_file"));
        Assert.Equal("always()", Value(upload, "if")); // findings are uploaded also when check exits 1
    }

    /// <summary>
    /// The workflow works as written: it packs the tool's own project (a pointer package plus one per runtime the
    /// project lists), installs that package id from where it packed it, puts the tool on the PATH, and every
    /// `flagkeeper` command it runs takes the options it passes (asked of the real CLI's --help). .ci/run runs the
    /// same pack and install commands; running them here would cost minutes of Native AOT compilation.
    /// </summary>
    [Fact]
    public void GitHub_Actions_example_builds_installs_and_runs_the_tool_from_this_repository()
    {
        var (job, steps) = WorkflowJob();
        var source = Value((YamlMappingNode)job["env"], "FLAGKEEPER_SRC")!;
        var lines = steps.Select(s => Value(s, "run")).OfType<string>().SelectMany(r => r.Split('\n')).Select(l => l.Trim()).ToList();
        string[] Words(string line) =>
            line.Replace("\"", "", StringComparison.Ordinal).Replace("$FLAGKEEPER_SRC", source, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var packs = lines.Where(l => l.StartsWith("dotnet pack ", StringComparison.Ordinal)).Select(Words).ToList();
        var project = Path.Combine(RepositoryPaths.Root, Assert.Single(packs.Select(p => p[2]).Distinct()));
        var csproj = XDocument.Load(Assert.Single(Directory.GetFiles(project, "*.csproj")));
        string Property(string name) => csproj.Descendants(name).Single().Value;
        Assert.Equal("flagkeeper", Property("ToolCommandName"));
        Assert.All(packs, p => Assert.Equal("Release", OptionValue(p, "-c")));
        Assert.Equal(
            Property("ToolPackageRuntimeIdentifiers").Split(';').Prepend("(pointer)").Order(StringComparer.Ordinal),
            packs.Select(p => OptionValue(p, "-r") ?? "(pointer)").Order(StringComparer.Ordinal));
        var packages = Assert.Single(packs.Select(p => OptionValue(p, "-o")).Distinct());

        var install = Words(lines.Single(l => l.StartsWith("dotnet tool install ", StringComparison.Ordinal)));
        Assert.Equal(Property("PackageId"), install[^1]);
        Assert.Equal(packages, OptionValue(install, "--add-source"));
        Assert.Contains($"echo {OptionValue(install, "--tool-path")} >> $GITHUB_PATH", lines.Select(l => string.Join(' ', Words(l))));

        var rangeOptions = lines.Where(l => l.Contains("args=", StringComparison.Ordinal)).SelectMany(Options).ToList();
        Assert.Contains("--range", rangeOptions);
        var invocations = lines.Where(l => l.StartsWith("flagkeeper ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(invocations);
        foreach (var line in invocations)
        {
            var words = Words(line);
            var help = CliRunner.Run(RepositoryPaths.Root, words[1], "--help");
            Assert.True(help.ExitCode == 0, help.ToString());
            var options = Options(line).Concat(line.Contains("steps.range.outputs.args", StringComparison.Ordinal) ? rangeOptions : []);
            foreach (var option in options.Append(OptionValue(words, "--format")).OfType<string>())
            {
                Assert.True(help.Stdout.Contains(option, StringComparison.Ordinal), $"`flagkeeper {words[1]} --help` does not know {option} (the workflow runs: {line})");
            }
        }
    }

    private static (YamlMappingNode Job, List<YamlMappingNode> Steps) WorkflowJob()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "examples", "github-actions.yml"))));
        var job = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"])["check"];
        return (job, ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().ToList());
    }

    private static string? Value(YamlMappingNode step, string key) =>
        step.Children.TryGetValue(key, out var node) ? ((YamlScalarNode)node).Value : null;

    private static string? OptionValue(string[] words, string option) =>
        Array.IndexOf(words, option) is var at and >= 0 && at + 1 < words.Length ? words[at + 1] : null;

    private static IEnumerable<string> Options(string line) => LongOption().Matches(line).Select(m => m.Value);

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*")]
    private static partial Regex LongOption();

    /// <summary>Prose in a markdown table cell: a '|' (as in [MODE:F|NF]) would end the cell.</summary>
    private static string ProseCell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    [Fact]
    public void Patterns_md_is_generated_from_the_catalog()
    {
        var md = new StringBuilder()
            .Append("# Usage patterns\n\n")
            .Append("Generated from the scanner's catalogs (`src/Flagkeeper.Analysis/Scanning/`) by `DocsTests`; do not edit by hand.\n")
            .Append("Shape ids are stable: they are the `pattern` of every usage `flagkeeper scan` reports.\n\n")
            .Append("## How a usage is found\n\n")
            .Append("1. Files: the walk honours `.gitignore` (nested, `!`, anchors, `**`), `.git/info/exclude` and `.flagkeeperignore`, ")
            .Append("never enters `.git` and never follows a symbolic link. Only the languages below are read; a NUL byte in the first 8 KiB ")
            .Append("means binary (skipped) unless the file starts with a UTF-16 byte-order mark, and files over `scan.maxFileSize` are skipped; both are counted.\n")
            .Append("2. Prefilter: the raw bytes are searched for the anchor words ")
            .Append(string.Join(", ", BuiltInCatalog.Anchors.Select(a => $"`{a}`")))
            .Append(" plus the environment-variable prefixes. Each hit is widened to the identifier around it.\n")
            .Append("3. Trigger: the identifier must be one of a shape's names (or start with an env prefix or `KILL_SWITCH_`).\n")
            .Append("4. Comments: a trigger inside a comment of the file's language is not a usage.\n")
            .Append("5. SDK: a shape tied to an SDK counts only in a file that imports the SDK (one of its markers on an ")
            .Append("`import`/`using`/`require`/`from`/`use` line), or in every file when `flagkeeper.yaml` lists the SDK under `sdks:`.\n")
            .Append("6. Shape: the shape's regular expression must match from the trigger; the key is taken from where the shape says. ")
            .Append("A literal string (`\"`, `'` or a backtick without `${`) or a Ruby symbol is a usage; anything else is a **dynamic** usage ")
            .Append("(`\"flag\": null`, with the argument text), unless the line declares a function of that name ")
            .Append("(`function isEnabled(key)`, `def is_enabled(key):`, `bool IsEnabled(string key)`, `func IsEnabled(key string)`). ")
            .Append("`LogLevel.*` and `EventLevel.*` arguments (`logger.IsEnabled(LogLevel.Debug)`) are not flags.\n\n")
            .Append("Lines are 1-based; columns are 1-based UTF-16 code units of the key's first character (of the argument, when dynamic).\n\n")
            .Append("Encodings: a file is read as UTF-8. A UTF-8 byte-order mark is dropped first, so an import on the first line still counts and ")
            .Append("first-line columns do not shift. A file that starts with a UTF-16 byte-order mark (LE or BE) is decoded from UTF-16 and matched like any ")
            .Append("other, with the same lines and columns; UTF-32, and UTF-16 without a byte-order mark, have NUL bytes and are skipped as binary ")
            .Append("(`binaryFiles`). `\\n`, `\\r\\n` and a lone `\\r` each end a line, and a last line needs no newline. Invalid UTF-8 does not stop matching: ")
            .Append("each invalid sequence counts as one column (one U+FFFD, as editors show it).\n\n")
            .Append("## Keys behind C# constants\n\n")
            .Append("After the scan, a dynamic usage in a C# or Razor file whose argument is a name is looked up among the C# constants of the tree ")
            .Append("(`src/Flagkeeper.Analysis/Scanning/Symbols/`). It becomes a usage of the constant's value, with `argument` the name as written and ")
            .Append("`declaredAt` where the constant is declared:\n\n")
            .Append("- `const string` and `static readonly string` fields, folded: `Prefix + \"search\"`, `$\"{Prefix}search\"` (holes without format or ")
            .Append("alignment), `nameof(X)`, parentheses; regular, verbatim (`@\"…\"`) and raw (`\"\"\"…\"\"\"`) strings with their escapes;\n")
            .Append("- enum members, whose key is their name: `MyFlags.Beta` (as `[FeatureGate]` takes it), `MyFlags.Beta.ToString()`, and `nameof(…)` of anything (its last name);\n")
            .Append("- a bare name (`LocalKey`) in the enclosing types, partial types in other files included, or in a `using static` type; a qualified name ")
            .Append("(`FeatureFlags.Search`, `Outer.Inner.X`, `global::Shop.FeatureFlags.X`, an alias from `using F = …;`) by the end of its type's full name. ")
            .Append("When types in several namespaces match, those the file can see (its namespace, its parents, its `using` namespaces) win.\n\n")
            .Append("A name resolves only when every declaration it can mean has the same value. Otherwise the usage stays dynamic and `unresolved` ")
            .Append("says why: no constant string or enum member of that name, ambiguous (with the places), not a constant string expression, or a cycle. ")
            .Append("Cost: nothing when no C# or Razor file has a dynamic usage. Otherwise the C# files with such a usage are read again by a small ")
            .Append("lexer (comments, strings and preprocessor lines skipped), but only those whose raw bytes may matter: a file may declare a constant a ")
            .Append("call names (`N =` in a statement with `const` or `readonly`), `using static` a type, or alias a qualified name's first part. After ")
            .Append("the pass, a call file left unread is read, and the pass run again, if a call in it names something a read file declares, or if it ")
            .Append("may declare a type or a constant a lookup looked for: the outcome is the one of reading every call file (on the dense benchmark ")
            .Append("corpus, whose 498 C# call files take parameters and unknown types as keys, none is tokenized). Of the other C# files only those that can declare a qualifier's type ")
            .Append("(`class FeatureFlags`, `enum MyFlags`) are read, in rounds for constants built from constants in other files: the scan notes, in the raw ")
            .Append("bytes of each C# file it reads, the names after `class `, `struct `, `enum `, `interface ` and `record ` (the scan cache keeps them), ")
            .Append("so the other files are not opened again. The outcome is cached next to the scan cache (`symbols-v1.bin`) under a fingerprint of the content hash of every ")
            .Append("file a pass may read (C#, Go, TypeScript, JavaScript, Java, Kotlin, Python) and the dynamic usages: a scan of an unchanged tree applies it without reading one (`--no-cache` and ")
            .Append("`--changed-since` neither read nor write it). On the sparse benchmark corpus (531 unresolvable dynamic C# usages) the pass took about ")
            .Append("270 ms CPU before the index and the cache; now 150 to 250 ms when a C# file changed, and about 15 ms from the cache. Roslyn's parser was not adopted: the pass needs declarations only, and ")
            .Append("measured side by side (bench/README.md), Roslyn parses the sparse corpus's 2,800 C# files in 4.1 s against 0.70 s for this reader (5.8x, ")
            .Append("1.3x the allocation) and adds 10.2 MB to the native binary, with no trimming warning. Not yet resolved: languages other than ")
            .Append("C#, Go, TypeScript, JavaScript, Java, Kotlin and Python, and keys in the kill-switch gate's view of a commit (it matches one file without the tree).\n\n")
            .Append("## Keys behind Go constants\n\n")
            .Append("The same pass for Go: a dynamic usage in a `.go` file whose argument is a name (`MachinePool`) or a qualified name ")
            .Append("(`feature.MachinePool`) is looked up among the package-level constants of the tree's Go packages, and becomes a usage of the ")
            .Append("value with `argument` the name as written and `declaredAt` where the constant is declared:\n\n")
            .Append("- `const` declarations at package level, single or grouped, typed (`MachinePool featuregate.Feature = \"MachinePool\"`) or untyped, ")
            .Append("several names per spec (`A, B = \"a\", \"b\"`), and a spec without a value repeating the previous one of its group; values folded ")
            .Append("from interpreted strings (Go's escapes) and raw strings (carriage returns dropped), `+`, parentheses, conversions ")
            .Append("(`featuregate.Feature(\"x\")`, `string(X)`) and other constants, of the same package or an imported one. `iota` and other ")
            .Append("constants that are not strings stay dynamic;\n")
            .Append("- a bare name in the call's package: the `.go` files of its directory with the same package clause (`_test.go` files only for a call ")
            .Append("in one, as they belong to the package only in its test build), then the file's dot imports (exported names);\n")
            .Append("- `pkg.Name` through the import the file names `pkg`: its alias, or the unaliased import whose directory's package clause is `pkg` ")
            .Append("(imports whose last path element, or the one before `/vN`, is `pkg` are read first); exported names only;\n")
            .Append("- an import path is the directory under a `go.mod` whose module path plus relative path is that path (under `vendor/`, the path after ")
            .Append("it); in a tree without `go.mod`, the directories whose trailing path elements match the import path's, the longest match winning. ")
            .Append("Two directories that match equally leave the usage dynamic (ambiguous), as does a package outside the tree (`not in the scanned tree`).\n\n")
            .Append("A name resolves only when every declaration it can mean has the same value (two files with build tags may both declare it). ")
            .Append("Cost: nothing when no Go usage is dynamic with a name argument; otherwise the Go files of those calls' directories that have ")
            .Append("`const` in their raw bytes are read again, in parallel, by a small Go lexer (comments, strings and runes skipped; an unterminated ")
            .Append("string or comment costs at most its own constant), the call files' headers for their imports, and then only the directories the ")
            .Append("needed imports map to. On the sparse benchmark corpus (80 dynamic Go usages with bare names, all parameters, in 60 directories ")
            .Append("of 409 Go files without a `const`) that is the headers of the 80 call files. Not resolved: constants declared inside functions, ")
            .Append("`var` keys, conversions at the call (`string(feature.X)`), and names a call site shadows with a local variable of the same name ")
            .Append("(the package constant is taken).\n\n")
            .Append("## Keys behind TypeScript and JavaScript constants\n\n")
            .Append("The same pass for `.ts`, `.tsx`, `.mts`, `.cts`, `.js`, `.jsx`, `.mjs` and `.cjs` files: a dynamic usage whose argument is a name ")
            .Append("(`SINGLE`, `Flags.NewCheckout`, `Flags['dark-mode']`, `F.Beta`, `ns.Flags.X`, `a?.b`) becomes a usage of its value, with `declaredAt`:\n\n")
            .Append("- `const`, `let` and `var` strings (type annotations, `as const` and `satisfies` allowed; several declarators in one statement), ")
            .Append("folded: `PREFIX + 'search'`, `` `${PREFIX}banner` ``, names of other constants; object literals, nested, with identifier or quoted keys ")
            .Append("and shorthand members; string enums (`enum F { Beta = 'beta' }`; a numeric member is never a key);\n")
            .Append("- a name in the call's own file first, then its imports: `import { A, B as C }`, `import * as ns`, a default import of ")
            .Append("`export default { … }` or `export default NAME`, followed through `export { A as B }`, `export { A } from`, `export * from` and ")
            .Append("`export * as ns from` (barrels). A relative specifier is resolved as the module resolver does (`./flags`, `./flags.js` for ")
            .Append("`flags.ts`, `./config` for `config/index.ts`); any other (`@/config/flags`, `~/flags`) by the one scanned file whose path ends ")
            .Append("with it, so a specifier several files end with stays unresolved.\n\n")
            .Append("A name declared more than once in a file (in any scope) resolves only when every declaration has the same value. ")
            .Append("Otherwise, and for a name that is not declared or imported, a member that does not exist, a value that is not a constant string, ")
            .Append("a cycle or a chain of more than 128 names, the usage stays dynamic and `unresolved` says why. Cost: nothing when no script ")
            .Append("file has a dynamic usage with a name; otherwise the files of those calls and the modules they import, each read once, ")
            .Append("and a scan of a tree whose C#, Go, script, Java, Kotlin and Python files are unchanged takes every pass's outcome from the symbol cache. ")
            .Append("Not read: `require()`, `tsconfig.json` paths, `.vue` and `.svelte` files, and package modules outside the tree.\n\n")
            .Append("## Keys behind Java and Kotlin constants\n\n")
            .Append("The same pass for `.java`, `.kt` and `.kts` files: a dynamic usage whose argument is a name (`NEW_CHECKOUT`, `Flags.NEW_CHECKOUT`, ")
            .Append("`Flags.Checkout.EXPRESS`, `com.shop.Flags.X`) becomes a usage of the constant's value, with `declaredAt`:\n\n")
            .Append("- Java `static final String` fields (several declarators in one statement) and the fields of an interface (implicitly static ")
            .Append("final); Kotlin `const val` at the top level, in an `object` and in a `companion object` (whose members are its class's: `Svc.X` ")
            .Append("and `Svc.Companion.X`). Values folded from literals (Java's escapes; Kotlin raw strings), `+`, parentheses, Kotlin templates whose ")
            .Append("holes are constants (`\"${PREFIX}x\"`, `\"$PREFIX-x\"`) and other constants. A non-final or instance field, a Kotlin `val` without ")
            .Append("`const`, a number and a Java text block stay dynamic;\n")
            .Append("- enum entries, whose key is their name: `Feature.BETA.name()`, `Feature.BETA.toString()` (Java), `Feature.BETA.name` (Kotlin); ")
            .Append("`Feature.BETA` alone is not a string and stays dynamic, and so does `toString()` of an enum that overrides it (for itself or an entry);\n")
            .Append("- a bare name in the enclosing types (nested classes see their outer class's constants) and, in Java, in the types they extend or ")
            .Append("implement (one level: a constants interface; an UPPER_CASE name only), then through `import static a.Flags.X` or ")
            .Append("`import static a.Flags.*` (Java), `import a.Flags.X`, `import a.X as Y` or `import a.*` (Kotlin), then Kotlin's top-level ")
            .Append("constants of the file's package; a qualified name through the file's imports and aliases (`import a.Flags as F`), by the end of ")
            .Append("its type's full name, preferring the file's package and wildcard imports when types in several packages match.\n\n")
            .Append("A name resolves only when every declaration it can mean has the same value; otherwise it stays dynamic with the reason (no constant ")
            .Append("of that name, ambiguous with the places, not a constant string expression, a cycle). A bare name the call file declares as a ")
            .Append("parameter, a local or a plain field hides any constant of that name (the file is asked, not the scopes) and stays dynamic saying so. ")
            .Append("Cost: nothing when no Java or Kotlin usage is dynamic with a name; otherwise a raw-text check, on the call file's bytes (it answers as ")
            .Append("on the decoded text), rules out a Java bare name its call ")
            .Append("file cannot bind (no `NAME =`, no import of it: a parameter), and the other call files are read again by a small lexer, then, in rounds, only the files whose raw ")
            .Append("bytes can declare a needed type (`class Flags`, `interface Keys`, `enum Feature`, `object Flags`: the scan notes these names for ")
            .Append("Java and Kotlin files as for C#, and the scan cache keeps them) or a Kotlin top-level constant (`val NAME`). Not resolved: constants ")
            .Append("inherited through more than one level of supertypes, and Java text blocks. ")
            .Append("On a synthetic tree of 1,500 Java, 1,500 Kotlin and 1,500 Python files (60 methods each; 450 dynamic usages with parameters, 60 ")
            .Append("with constants), a cold scan's symbol pass took 160 to 240 ms (Release build, not ReadyToRun, on a shared 2-core machine) next to ")
            .Append("200 to 330 ms of walking and matching, and 20 to 30 ms from the symbol cache.\n\n")
            .Append("## Keys behind Python constants\n\n")
            .Append("The same pass for `.py` files: a dynamic usage whose argument is a name or a dotted name (`NEW_CHECKOUT`, `flags.NEW_CHECKOUT`, ")
            .Append("`Flag.BETA`, `Flag.BETA.value`, `app.flags.X`) becomes a usage of its value, with `declaredAt`:\n\n")
            .Append("- module-level assignments `NAME = …`, `NAME: str = …`, `NAME: Final = …` of a name bound only once in its module (a second ")
            .Append("assignment, `+=`, a `def` or `class` of the name, a tuple target or a `global NAME` in a function makes it not a constant); values ")
            .Append("folded from literals (Python's escapes, raw strings), adjacent literals, `+`, parentheses, f-strings whose holes are constants ")
            .Append("(a format spec or a conversion is not) and other constants;\n")
            .Append("- members of enum classes: `class F(str, Enum)` and `class F(StrEnum)` members are strings (`F.BETA`); any `Enum`'s ")
            .Append("`F.BETA.value` is its value and `F.BETA.name` its name; a plain `Enum` member alone (`F.BETA`) is not a string and stays dynamic;\n")
            .Append("- names followed through `from m import A, B as C` (parenthesised too), `from . import m`, `from .m import A` (relative), ")
            .Append("`import a.b`, `import a.b as m` and `from m import *`, through packages' `__init__.py` re-exports. An absolute module `a.b` is ")
            .Append("the file `a/b.py` or `a/b/__init__.py` anywhere in the tree; when several match, the ones under the importing file's root win, ")
            .Append("and if that leaves several the usage stays dynamic (ambiguous).\n\n")
            .Append("Cost: nothing when no Python usage is dynamic with a name; otherwise a raw-text check of the call's file (the name at a line's ")
            .Append("start, after `class`, or in an `import`; on its bytes, each call file read once, on all cores) rules out parameters and locals ")
            .Append("before the file is tokenized, and only the modules the ")
            .Append("names lead to are read. Not read: bindings inside `if`, `try` or functions, `__all__`, and modules outside the tree.\n\n")
            .Append("## Wrapper methods\n\n")
            .Append("After the symbol passes, a C# method or a Go function or method whose body checks exactly one key (a literal, or a constant ")
            .Append("the passes resolved) and holds no other usage is a **wrapper** (`src/Flagkeeper.Analysis/Scanning/Wrappers/`): a derived shape ")
            .Append("for that key. Each call of it (`flags.IsSearchEnabled(user)`, `IsSearchEnabled(u)`, `feature.SearchOn()`) is a usage of the key, ")
            .Append("with the wrapper's check's `pattern`, `argument` and `declaredAt`, and `via` the wrapper's name and where it is declared; the ")
            .Append("wrapper's own check stays a usage as before. The key may be folded from prefix constants (`Prefix + \"Search\"`):\n\n")
            .Append("```csharp\nprivate const string Prefix = \"Gallery.\"; private const string SearchFlight = Prefix + \"Search\";\n")
            .Append("public bool IsSearchEnabled(User u) => _client.IsEnabled(SearchFlight, u);   // a wrapper of Gallery.Search\n")
            .Append("if (featureFlagService.IsSearchEnabled(user)) { … }                          // a usage of Gallery.Search, via IsSearchEnabled\n```\n\n")
            .Append("- Without configuration a wrapper returns a value and its body is one returned expression: C# `bool IsX() => …;` or ")
            .Append("`{ return …; }`, Go `func (r *T) IsX() bool { return … }`. A method that merely contains a check (`void Render() { if (…) … }`) ")
            .Append("is not one. `wrappers: include` in flagkeeper.yaml names methods (patterns with `*` and `?`: `Is*Enabled`) taken whatever their ")
            .Append("body's shape, and `wrappers: exclude` turns one off ([configuration.md](configuration.md)); either way the body must check one key only.\n")
            .Append("- A call is `Name(…)` or `x.Name(…)` outside comments and strings, not a declaration (`bool Name(`, `func Name(`, an interface's ")
            .Append("`Name() bool`), not `new Name(…)`, not inside the wrapper itself, and not a call that already holds a usage (a wrapper named like ")
            .Append("the SDK method it calls). A call with a receiver (`x.Name(…)`) is matched by name in every C# (for a C# wrapper) or Go (for a ")
            .Append("Go wrapper) file of the scan; one without (`Name(…)`) only in the wrapper's own file (C#) or package directory (Go), so a ")
            .Append("method of the same name in another type or package is not taken for it.\n")
            .Append("- When wrappers of one name check different keys, their calls are dynamic usages whose `unresolved` names the method and its keys.\n\n")
            .Append("Cost: nothing when no C# or Go file has a usage with a key. Otherwise the files where a check may be returned (its statement ")
            .Append("holds `return` or `=>` before the key: the scan notes it while the file is in memory, and the scan cache keeps it) are read ")
            .Append("again and tokenized to find the wrappers; with `wrappers: include`, every file with a key is. A key after a brace in the ")
            .Append("same call (`c.IsEnabled(new Ctx { … }, \"x\")`) hides the return; the SDKs take the key first. On the sparse benchmark corpus ")
            .Append("(20,477 files, 4,063 of them C# or Go, no wrapper) a cold scan takes 1.02 times as long as without the wrapper pass ")
            .Append("(`farm-bench`, median of 15 pairs, Native AOT); reading every file with a key again took 1.42 times as long. ")
            .Append("Only when a wrapper exists are the other files of the language searched, and only those whose raw bytes contain a ")
            .Append("wrapper's name are decoded and tokenized. The outcome is cached next to the scan cache (`wrappers-v1.bin`) under a fingerprint of ")
            .Append("the content hash of every C# and Go file, their usages (keys resolved) and the `wrappers:` section: a scan of an unchanged tree ")
            .Append("reads none of them, and a warm scan after a wrapper's key changed in one file reports the new key at its calls in every other. ")
            .Append("Not yet followed: a wrapper ")
            .Append("that calls another wrapper, properties, other languages (Razor views included), calls through a method group or a delegate, ")
            .Append("wrappers declared outside the files a `--changed-since` scan reads, and the kill-switch gate's view of a commit.\n\n")
            .Append("## Declared-key sources\n\n")
            .Append("Many codebases already list their flags in code: a class of constants, an enum, a Go `featuregate` map, a TypeScript ")
            .Append("union type. Name that declaration under `keySources:` in flagkeeper.yaml and its keys count as declared, like a ")
            .Append("registry's, in `check`: a usage of one is not `unregistered-flag`, and one that no code uses is `unused-flag` at its ")
            .Append("declaration (a key that is also registered is judged with its registry).\n\n")
            .Append("```yaml\nkeySources:\n  - { file: src/Shop/FeatureFlags.cs, name: FeatureFlags }   # public const string X = \"x\";\n")
            .Append("  - { file: src/Shop/FeatureFlags.cs, name: Experiments }    # enum Experiments { Beta } -> key Beta (nameof)\n")
            .Append("  - { file: pkg/features/gates.go, name: defaultGates }      # var defaultGates = map[featuregate.Feature]…{ MachinePool: {…} }\n")
            .Append("  - { file: web/src/flags.ts, name: FlagKey }                # type FlagKey = 'new-checkout' | 'beta'\n")
            .Append("  - { file: web/src/flags.ts, name: Flags }                  # export const Flags = { A: 'a' } as const; or a string enum\n```\n\n")
            .Append("- C#: the string constants (`const`, `static readonly`) of the class, struct, record or interface of that name, folded as ")
            .Append("above (`Prefix + \"Search\"`); `private` ones are building blocks, not keys. An enum gives its member names. A nested ")
            .Append("type is named by its own name.\n")
            .Append("- Go: the keys of the package-level map of that name (`var name = map[K]V{…}` or `var name map[K]V = …`): string literals, ")
            .Append("and constants of its package (the files of its folder), folded as above.\n")
            .Append("- TypeScript and JavaScript: a type alias that is a union of string literals, or a const object or string enum whose ")
            .Append("member values are the keys (folded from constants of the same file).\n")
            .Append("- Only the named files are read, when `check` runs its `flag-lint` gate. A file or a name that is not there is an error ")
            .Append("(`FK1011`, exit 2, with a \"did you mean\" among the names the file declares); a member that is not a constant key is ")
            .Append("skipped and reported (`FK5003`), the others still count. Keys are compared exactly, whatever `keyMatching` says. Not ")
            .Append("yet read: constants from other files or packages than the source's own (C#, TypeScript), Java, Kotlin and Python ")
            .Append("sources, and a Go map in another file than the constants its keys name. `flagkeeper init` lists under `keySources:` ")
            .Append("the declarations that the code's resolved keys come from, and registers every key they declare (docs/cli.md).\n\n")
            .Append("## Call shapes\n\n")
            .Append("| id | used by | trigger | key | languages | only with SDK | example → key |\n")
            .Append("| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var shape in BuiltInCatalog.Shapes)
        {
            var trigger = shape.TriggeredByPrefix
                ? shape.Position == KeyPosition.Identifier ? "identifiers starting `KILL_SWITCH_`" : "names starting with an env prefix"
                : string.Join(", ", shape.Names.Select(n => $"`{n}`"));
            var languages = string.Join(", ", LanguageCatalog.All.Where(l => (l.Family & shape.Languages) != 0).Select(l => l.Id));
            var example = shape.Examples[0];
            md.Append($"| `{shape.Id}` | {shape.Source} | {trigger} | {KeyText(shape)} | {languages} | {(shape.Sdk is null ? "-" : $"`{shape.Sdk}`")} | `{Cell(example.Code)}` → {string.Join(", ", example.Keys.Select(k => $"`{k}`"))} |\n");
        }
        md.Append("\n## SDKs\n\n")
          .Append("| sdk (for `sdks:`) | name | import markers (case-insensitive) |\n| --- | --- | --- |\n");
        foreach (var sdk in Sdks.All)
        {
            md.Append($"| `{sdk.Id}` | {sdk.Name} | {string.Join(", ", sdk.ImportMarkers.Select(m => $"`{m}`"))} |\n");
        }
        md.Append("\n## Environment-variable prefixes\n\n")
          .Append("Default `envPrefixes` (longest first; the first that matches is stripped to give the key): ")
          .Append(string.Join(", ", FlagkeeperConfig.Default.EnvPrefixes.OrderByDescending(p => p.Length).Select(p => $"`{p}`")))
          .Append(". A variable without one of them (`process.env.NODE_ENV`) is not a flag.\n")
          .Append("\n## Languages\n\n")
          .Append("| id | language | extensions | line comments | block comments | scanned by default |\n| --- | --- | --- | --- | --- | --- |\n");
        foreach (var language in LanguageCatalog.All)
        {
            md.Append($"| `{language.Id}` | {language.Name} | {string.Join(" ", language.Extensions.Select(e => $"`{e}`"))} | ")
              .Append(language.LineComments.Count == 0 ? "-" : string.Join(" ", language.LineComments.Select(c => $"`{c}`")))
              .Append(" | ")
              .Append(language.BlockComments.Count == 0 ? "-" : string.Join(" ", language.BlockComments.Select(b => $"`{b.Open} … {b.Close}`")))
              .Append($" | {(language.ScannedByDefault ? "yes" : "with `scan.extensions`")} |\n");
        }
        md.Append("\n## Custom patterns\n\n")
          .Append("`patterns:` in `flagkeeper.yaml` adds shapes of your own: a regular expression with a named group `key`, an `id` ")
          .Append("(printed as the usage's pattern) and optional `files` globs. They run over the whole file (decoded when it is ")
          .Append("UTF-8 with non-ASCII text, else byte for byte) and skip comments like the built-in shapes. A pattern runs on ")
          .Append(".NET's backtracking interpreter, which costs next to nothing to build, with a 1-second match timeout. If it ")
          .Append("takes longer than that on a file, the file is run again on .NET's linear-time NonBacktracking engine, and so is ")
          .Append("every later file in that scan: no input can hang it, and only such a pattern pays to build that engine (tens of ")
          .Append("milliseconds for a large alternation). A pattern that needs lookarounds or backreferences has no linear engine: ")
          .Append("one that times out is reported (FK6002) and not run again in that scan. A pattern that does not compile is ")
          .Append("reported with its line (FK6001) and skipped while the rest run.\n\n")
          .Append("Like the built-in shapes, a pattern first goes through a literal prefilter: the texts every match must contain are ")
          .Append("read from the regex (`\\b(?:IsOn|IsOff)\\(\"` needs `IsOn(\"` or `IsOff(\"`; a group's alternatives multiply the ")
          .Append("text around them), and a file with none of them is skipped without running the regex (or building it, when no ")
          .Append("file has them). A pattern whose literals cannot be told for certain runs on every file: one with inline options ")
          .Append("(`(?i)`), an escape such as `\\x41` or `\\1`, or a branch without three literal characters in a row.\n");
        AssertGenerated("patterns.md", md.ToString());
    }

    private static string KeyText(CallShape shape) => shape.Position switch
    {
        KeyPosition.FirstArgument => "1st argument",
        KeyPosition.SecondArgument => "2nd argument",
        KeyPosition.SecondOrFirstArgument => "2nd argument if a literal, else 1st",
        KeyPosition.EveryStringArgument => "every string argument",
        KeyPosition.TagAttribute => $"`{shape.Attribute}` attribute (comma-separated names)",
        KeyPosition.EnvironmentVariable => "variable name minus env prefix",
        KeyPosition.Identifier => "the identifier",
        _ => shape.Position.ToString(),
    };

    private static string Cell(string code) => code.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);

    [Fact]
    public void Cli_md_documents_every_command_and_option()
    {
        using var monitor = new PerformanceMonitor();
        var tree = CliApplication.BuildCommandTree(new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System, monitor));
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "cli.md"));

        foreach (var (path, command) in Walk(tree, "flagkeeper"))
        {
            Assert.True(doc.Contains(path.Replace("flagkeeper ", ""), StringComparison.Ordinal), $"docs/cli.md does not mention `{path}`");
            foreach (var option in command.Options.Where(o => !o.Name.StartsWith("-h", StringComparison.Ordinal) && o.Name != "--help" && o.Name != "--version"))
            {
                Assert.True(doc.Contains(option.Name, StringComparison.Ordinal), $"docs/cli.md does not mention {option.Name} of `{path}`");
            }
        }
    }

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var item in Walk(sub, $"{path} {sub.Name}"))
            {
                yield return item;
            }
        }
    }

    private static void AssertGenerated(string name, string expected)
    {
        var path = Path.Combine(RepositoryPaths.Docs, name);
        if (Environment.GetEnvironmentVariable("FLAGKEEPER_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }
        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }
}
