using System.Text;
using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Tests.Walking;

public partial class IgnoreRulesTests
{
    // =====================================================================================
    // 1. Random trees and random ignore files against git ls-files.
    // =====================================================================================

    public static TheoryData<int> Seeds
    {
        get
        {
            var data = new TheoryData<int>();
            for (var i = 1; i <= 40; i++)
            {
                data.Add(i * 7919 + 3);
            }
            // Found by a 3000-seed run: "a**/b" in build/keep/.gitignore vs build/keep/ab, and
            // "docs/lib/lo**/debug.LOG" in info/exclude vs docs/lib/logs/with space/debug.LOG.
            data.Add(799822);
            data.Add(14776857);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_tree_walk_matches_git_ls_files(int seed)
    {
        using var box = new GitSandbox();
        var tree = RandomTree.Generate(new Random(seed));
        tree.WriteTo(box.Repo);

        var git = box.GitUntracked(box.Repo);
        var parallel = WalkedFiles(box.Repo);
        var serial = WalkedFiles(box.Repo, new WalkOptions { Parallelism = 1 });

        Assert.Equal(parallel, serial);
        AssertSameFiles(git, parallel, box.Repo, $"seed {seed}: {tree.Files.Count} files, {tree.Directories.Count} folders; files:\n  "
            + string.Join("\n  ", tree.Files.Select(f => $"[{f}]")));
    }

    /// <summary>A random tree of folders and files with random ignore files, described before it is written.</summary>
    private sealed class RandomTree
    {
        private static readonly string[] DirectoryNames =
        [
            "src", "lib", "build", "docs", "logs", "a", "b", "deep", "out", "Generated", ".hidden",
            "with space", "x.y", "[br]", "node_modules", "keep", "tmp", "sub", "abc", "foo",
        ];

        private static readonly string[] FileStems =
        [
            "main", "readme", "app", "a", "b", "ab", "abc", "data", "notes", ".env", ".config", "with space",
            "file.name.with.dots", "[bracket]", "br[a]c", "#hash", "!bang", "trail ", "Upper", "c", "z9",
            "keep", "important", "debug", "x-y", "_under", "foo", "out",
        ];

        private static readonly string[] Extensions = ["", ".cs", ".txt", ".log", ".md", ".json", ".tmp", ".LOG", ".bak", ".c", ".g.cs"];

        private readonly Random _rng;

        private RandomTree(Random rng) => _rng = rng;

        /// <summary>Folders relative to the top ("" is the top itself).</summary>
        public List<string> Directories { get; } = [""];

        public List<string> Files { get; } = [];

        /// <summary>Ignore file contents by relative path (".git/info/exclude" included).</summary>
        public Dictionary<string, string> IgnoreFiles { get; } = new(StringComparer.Ordinal);

        public static RandomTree Generate(Random rng)
        {
            var tree = new RandomTree(rng);
            tree.AddFolder("", 0);
            foreach (var dir in tree.Directories.ToList())
            {
                if (rng.NextDouble() < (dir.Length == 0 ? 0.9 : 0.5))
                {
                    tree.IgnoreFiles[Join(dir, ".gitignore")] = tree.IgnoreFileText(dir, rng.Next(2, 9));
                }
            }
            if (rng.NextDouble() < 0.6)
            {
                tree.IgnoreFiles[".git/info/exclude"] = "# git ls-files --others --exclude-standard\n" + tree.IgnoreFileText("", rng.Next(1, 4));
            }
            tree.Files.AddRange(tree.IgnoreFiles.Keys.Where(k => !k.StartsWith(".git/", StringComparison.Ordinal)));
            tree.Files.Sort(StringComparer.Ordinal);
            return tree;
        }

        public void WriteTo(string top)
        {
            foreach (var dir in Directories)
            {
                Directory.CreateDirectory(Path.Combine(top, dir));
            }
            foreach (var file in Files)
            {
                if (!IgnoreFiles.ContainsKey(file))
                {
                    File.WriteAllText(Path.Combine(top, file), file);
                }
            }
            foreach (var (path, content) in IgnoreFiles)
            {
                var full = Path.Combine(top, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                if (path.StartsWith(".git/", StringComparison.Ordinal))
                {
                    File.AppendAllText(full, content);
                }
                else
                {
                    File.WriteAllText(full, content);
                }
            }
        }

        private static string Join(string dir, string name) => dir.Length == 0 ? name : $"{dir}/{name}";

        private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

        private bool Chance(double p) => _rng.NextDouble() < p;

        private void AddFolder(string dir, int depth)
        {
            var fileCount = _rng.Next(2, 6);
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (names.Count < fileCount)
            {
                var name = Pick(FileStems) + Pick(Extensions);
                if (name is not ("." or ".." or ".git" or ".gitignore" or ".flagkeeperignore"))
                {
                    names.Add(name);
                }
            }
            foreach (var name in names)
            {
                Files.Add(Join(dir, name));
            }
            var (min, max) = depth switch { 0 => (2, 4), 1 => (1, 4), 2 => (0, 3), 3 => (0, 2), _ => (0, 1) };
            var subCount = _rng.Next(min, max);
            var subs = new HashSet<string>(StringComparer.Ordinal);
            var attempts = 0;
            while (subs.Count < subCount && attempts++ < 50)
            {
                var name = Pick(DirectoryNames);
                if (!names.Contains(name))
                {
                    subs.Add(name);
                }
            }
            foreach (var sub in subs)
            {
                var path = Join(dir, sub);
                Directories.Add(path);
                AddFolder(path, depth + 1);
            }
        }

        /// <summary>Files and folders strictly below <paramref name="dir"/>, relative to it.</summary>
        private (List<string> Files, List<string> Dirs) Below(string dir)
        {
            var prefix = dir.Length == 0 ? "" : dir + "/";
            var files = Files.Where(f => f.StartsWith(prefix, StringComparison.Ordinal)).Select(f => f[prefix.Length..]).ToList();
            var dirs = Directories.Where(d => d.Length > prefix.Length && d.StartsWith(prefix, StringComparison.Ordinal)).Select(d => d[prefix.Length..]).ToList();
            return (files, dirs);
        }

        private string IgnoreFileText(string dir, int count)
        {
            var lines = new List<string>();
            for (var i = 0; i < count; i++)
            {
                lines.AddRange(PatternLines(dir));
            }
            var newline = Chance(0.3) ? "\r\n" : "\n";
            var text = string.Join(newline, lines);
            if (!Chance(0.15))
            {
                text += newline;
            }
            if (Chance(0.05))
            {
                text = "\uFEFF" + text;
            }
            return text;
        }

        /// <summary>A literal name as a pattern: escaped so it matches itself, or sometimes raw.</summary>
        private string Literal(string name)
        {
            if (Chance(0.25))
            {
                return name;
            }
            var sb = new StringBuilder();
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (c is '*' or '?' or '[' or '\\' || (i == 0 && c is '#' or '!') || (i == name.Length - 1 && c == ' '))
                {
                    sb.Append('\\');
                }
                sb.Append(c);
            }
            return sb.ToString();
        }

        private static string BaseName(string path) => path[(path.LastIndexOf('/') + 1)..];

        private IEnumerable<string> PatternLines(string dir)
        {
            var (files, dirs) = Below(dir);
            var entries = files.Concat(dirs).ToList();
            var anyName = entries.Count > 0 ? BaseName(Pick(entries)) : "none";
            var fileName = files.Count > 0 ? BaseName(Pick(files)) : "none.txt";
            var deepEntries = entries.Where(e => e.Contains('/', StringComparison.Ordinal)).ToList();
            switch (_rng.Next(30))
            {
                case 0:
                case 1:
                    return [Literal(anyName)];
                case 2:
                case 3:
                    return ["*" + Pick(Extensions.Where(e => e.Length > 0).ToList())];
                case 4:
                    return dirs.Count > 0 ? [Literal(BaseName(Pick(dirs))) + "/"] : ["build/"];
                case 5:
                {
                    // Anchored to this folder: a direct child, sometimes directory-only.
                    var direct = entries.Where(e => !e.Contains('/', StringComparison.Ordinal)).ToList();
                    var name = direct.Count > 0 ? Pick(direct) : "main.cs";
                    return ["/" + Literal(name) + (dirs.Contains(name) && Chance(0.5) ? "/" : "")];
                }
                case 6:
                case 7:
                {
                    // A middle slash: a path below this folder, anchored whether or not it starts with '/'.
                    var path = deepEntries.Count > 0 ? Pick(deepEntries) : "src/main.cs";
                    var pattern = string.Join('/', path.Split('/').Select(Literal));
                    return [(Chance(0.3) ? "/" : "") + pattern + (dirs.Contains(path) && Chance(0.4) ? "/" : "")];
                }
                case 8:
                case 9:
                    return ["**/" + Literal(anyName)];
                case 10:
                    return dirs.Count > 0 ? [string.Join('/', Pick(dirs).Split('/').Select(Literal)) + "/**"] : ["build/**"];
                case 11:
                {
                    // a/**/b with b somewhere below a (at any depth, including directly).
                    if (dirs.Count == 0)
                    {
                        return ["a/**/b"];
                    }
                    var a = Pick(dirs);
                    var under = entries.Where(e => e.StartsWith(a + "/", StringComparison.Ordinal)).ToList();
                    var b = under.Count > 0 ? BaseName(Pick(under)) : "main.cs";
                    return [string.Join('/', a.Split('/').Select(Literal)) + "/**/" + Literal(b)];
                }
                case 12:
                case 13:
                {
                    // A negation of another pattern.
                    var inner = PatternLines(dir).First();
                    return inner.Length > 0 && inner[0] is not ('#' or '!') ? ["!" + inner] : ["!" + Literal(fileName)];
                }
                case 14:
                {
                    // Ignore all logs but re-include one.
                    var log = files.Where(f => f.EndsWith(".log", StringComparison.Ordinal)).ToList();
                    return ["*.log", "!" + (log.Count > 0 ? Literal(BaseName(Pick(log))) : "important.log")];
                }
                case 15:
                {
                    // A negation that cannot work: its parent folder is excluded.
                    if (dirs.Count == 0)
                    {
                        return ["logs/", "!logs/keep.log"];
                    }
                    var d = Pick(dirs);
                    var inside = files.Where(f => f.StartsWith(d + "/", StringComparison.Ordinal)).ToList();
                    var child = inside.Count > 0 ? Pick(inside) : d + "/keep.txt";
                    return [Literal(BaseName(d)) + "/", "!" + string.Join('/', child.Split('/').Select(Literal))];
                }
                case 16:
                {
                    // "folder/*" with a re-included child: this one does work.
                    if (dirs.Count == 0)
                    {
                        return ["logs/*", "!logs/keep.log"];
                    }
                    var d = Pick(dirs);
                    var inside = entries.Where(f => f.StartsWith(d + "/", StringComparison.Ordinal)).ToList();
                    var child = inside.Count > 0 ? Pick(inside) : d + "/keep.txt";
                    var dLiteral = string.Join('/', d.Split('/').Select(Literal));
                    return [dLiteral + "/*", "!" + string.Join('/', child.Split('/').Select(Literal))];
                }
                case 17:
                {
                    // '?' for one character.
                    var name = anyName;
                    var i = _rng.Next(name.Length);
                    return [Literal(name[..i]) + "?" + Literal(name[(i + 1)..])];
                }
                case 18:
                case 19:
                {
                    // A character class: [abc], [!a], [a-z], [^0-9].
                    var name = fileName;
                    var i = _rng.Next(name.Length);
                    var c = name[i];
                    var cls = _rng.Next(5) switch
                    {
                        0 => $"[{c}xq]",
                        1 => $"[!{(c == 'a' ? 'b' : 'a')}]",
                        2 => "[a-z]",
                        3 => "[^0-9]",
                        _ => "[[:alpha:]]",
                    };
                    if (c is '[' or ']' or '\\' or '!' or '^' or '-')
                    {
                        cls = "?";
                    }
                    return [Literal(name[..i]) + cls + Literal(name[(i + 1)..])];
                }
                case 20:
                    return [Pick<string>(["\\#hash*", "#hash*", "\\!bang*", "!bang*", "\\#hash.txt", "#hash.txt"])];
                case 21:
                    // Trailing spaces: dropped unless escaped.
                    return [Pick<string>(["trail\\ ", "trail ", "trail\\  ", "trail \\ ", "*.txt   ", "trail\\ .*", "*\\ "])];
                case 22:
                    return [Pick<string>(["# a comment", "", "   ", "#", "# *.cs"])];
                case 23:
                {
                    // Prefix and infix wildcards.
                    var name = anyName;
                    var i = _rng.Next(name.Length + 1);
                    return [Pick<string>([Literal(name[..i]) + "*", "*" + Literal(name[i..]), "*" + Literal(name[i..Math.Min(name.Length, i + 2)]) + "*"])];
                }
                case 24:
                    return ["*/" + Literal(anyName)];
                case 25:
                    return Chance(0.3) ? ["*", "!*/", "!*.cs"] : ["*.tmp", "!*/"];
                case 26:
                    if (Chance(0.5) && dirs.Count > 0)
                    {
                        // "**" glued to a literal: git matches the literal prefix first, then the rest.
                        var d = Pick(dirs);
                        var cut = _rng.Next(1, BaseName(d).Length + 1);
                        var head = d[..(d.Length - BaseName(d).Length + cut)];
                        var under = entries.Where(e => e.StartsWith(d + "/", StringComparison.Ordinal)).ToList();
                        var tail = under.Count > 0 ? BaseName(Pick(under)) : "b";
                        return [head + Pick<string>(["**/", "**", "*/", "**/**/"]) + tail];
                    }
                    return [Pick<string>(["**", "foo**", "**foo", "a**/b", "**/*.cs", "**/", "/", "!", "*/**/*.md", "**/out/**", "abc/**/", "**/lib/"])];
                case 27:
                    return [Pick<string>([".gitignore", "!.gitignore", "/.gitignore", "*.LOG", "*.Log", "[Uu]pper*"])];
                case 28:
                    return dirs.Count > 0 ? ["/" + string.Join('/', Pick(dirs).Split('/').Select(Literal)) + "/"] : ["/out/"];
                default:
                    return [Literal(fileName) + (Chance(0.5) ? "/" : "")];
            }
        }
    }
}
