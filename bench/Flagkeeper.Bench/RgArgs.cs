namespace Flagkeeper.Bench;

/// <summary>
/// The ripgrep arguments for a pattern set equivalent to the scanner's: every call-shape name followed by a
/// parenthesis, the tag / attribute forms, the Ruby receivers, the environment-variable forms with the default
/// prefixes and KILL_SWITCH_ identifiers; restricted to the scanned extensions (as a file type, so .gitignore
/// still applies), hidden files searched but .git excluded, ASCII mode, 2 threads.
/// </summary>
internal static class RgArgs
{
    public static IEnumerable<string> Arguments()
    {
        var prefixes = "(?:" + string.Join('|', Catalog.EnvPrefixes) + ")";
        var names = Catalog.CallNames.Distinct(StringComparer.Ordinal).OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal);
        string[] options = ["--no-config", "--no-unicode", "--line-number", "--column", "--threads=2", "--hidden", "--max-filesize=2M", "--no-messages"];
        string[] patterns =
        [
            @"\b(?:" + string.Join('|', names) + @")\s*(?:<[^<>()]*>\s*)?\(",
            @"\b(?:Feature\s*\.\s*(?:enabled|disabled)|Flipper\s*\.\s*enabled)\?",
            @"<feature\b[^>]*\bname\s*=",
            @"<(?:IfFeatureEnabled|FeatureString)\b[^>]*\bfeature\s*=",
            @"\bprocess\.env(?:\.|\[\s*[""'\x60])" + prefixes + @"\w",
            @"\bimport\.meta\.env\." + prefixes + @"\w",
            @"\b(?:getenv|Getenv|environ\.get|GetEnvironmentVariable|ENV\.fetch|env::var|env::var_os)\(\s*@?[""']" + prefixes + @"\w",
            @"\b(?:environ|ENV)\[\s*[""']" + prefixes + @"\w",
            @"\bKILL_SWITCH_\w+",
        ];
        return
        [
            .. options,
            // A type, not --glob: a --glob whitelist overrides .gitignore (it would search the ignored *.min.js).
            .. Catalog.ScannedExtensions.Select(e => "--type-add=flagsrc:*." + e),
            "--type=flagsrc",
            "--glob=!.git",
            .. patterns.Select(p => "--regexp=" + p),
        ];
    }

    public static int Run()
    {
        foreach (var argument in Arguments())
        {
            Console.WriteLine(argument);
        }
        return 0;
    }
}
