namespace Flagkeeper.Bench.Corpus;

/// <summary>The 19 default source languages of the corpus, one per extension.</summary>
internal enum Lang
{
    Cs, Razor, Ts, Tsx, Js, Jsx, Mjs, Vue, Svelte, Py, Go, Rb, Erb, Java, Kt, Scala, Swift, Php, Rs,
}

internal static class Langs
{
    public static readonly Lang[] All = Enum.GetValues<Lang>();

    /// <summary>Relative share of files per language (a web-heavy polyglot monorepo).</summary>
    public static int Weight(Lang l) => l switch
    {
        Lang.Ts => 16, Lang.Tsx => 6, Lang.Js => 8, Lang.Jsx => 3, Lang.Mjs => 2, Lang.Vue => 3, Lang.Svelte => 2,
        Lang.Cs => 12, Lang.Razor => 3, Lang.Py => 10, Lang.Go => 7, Lang.Rb => 4, Lang.Erb => 2, Lang.Java => 7,
        Lang.Kt => 4, Lang.Scala => 2, Lang.Swift => 3, Lang.Php => 4, Lang.Rs => 4,
        _ => 1,
    };

    public static string Ext(Lang l) => l switch
    {
        Lang.Cs => "cs", Lang.Razor => "cshtml", Lang.Ts => "ts", Lang.Tsx => "tsx", Lang.Js => "js", Lang.Jsx => "jsx", Lang.Mjs => "mjs",
        Lang.Vue => "vue", Lang.Svelte => "svelte", Lang.Py => "py", Lang.Go => "go", Lang.Rb => "rb", Lang.Erb => "erb",
        Lang.Java => "java", Lang.Kt => "kt", Lang.Scala => "scala", Lang.Swift => "swift", Lang.Php => "php", Lang.Rs => "rs",
        _ => throw new ArgumentOutOfRangeException(nameof(l)),
    };

    /// <summary>JavaScript family (the script part, for Vue and Svelte).</summary>
    public static bool IsJs(Lang l) => l is Lang.Ts or Lang.Tsx or Lang.Js or Lang.Jsx or Lang.Mjs or Lang.Vue or Lang.Svelte;

    public static bool IsTyped(Lang l) => l is Lang.Ts or Lang.Tsx or Lang.Vue or Lang.Svelte;

    public static bool IsJsx(Lang l) => l is Lang.Tsx or Lang.Jsx;

    public static bool IsDotNet(Lang l) => l is Lang.Cs or Lang.Razor;

    public static bool IsRuby(Lang l) => l is Lang.Rb or Lang.Erb;

    public static bool IsJvm(Lang l) => l is Lang.Java or Lang.Kt or Lang.Scala;

    /// <summary>Languages whose expressions the code generator writes C-style (braces, `if (...)`).</summary>
    public static bool IsCLike(Lang l) => !(l is Lang.Py or Lang.Rb or Lang.Erb or Lang.Razor);

    /// <summary>Statements end with a semicolon.</summary>
    public static bool Semicolons(Lang l) => l is Lang.Cs or Lang.Razor or Lang.Java or Lang.Php or Lang.Rs || IsJs(l);

    /// <summary>`if cond {` without parentheses.</summary>
    public static bool BareIf(Lang l) => l is Lang.Go or Lang.Swift or Lang.Rs;

    /// <summary>The snake_case languages.</summary>
    public static bool Snake(Lang l) => l is Lang.Py or Lang.Rb or Lang.Erb or Lang.Rs;
}
