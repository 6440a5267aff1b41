namespace Flagkeeper.Analysis.Discovery;

/// <summary>What a workspace load keeps of each registry it reads, for an edit to reuse instead of parsing the file again.</summary>
public enum KeptSources
{
    /// <summary>Nothing: the registries are only read.</summary>
    None,

    /// <summary>The text and where each flag is: an edit of a few flags reads only those flags again.</summary>
    TextAndFlagLines,

    /// <summary>
    /// Also every flag's parsed tree. An edit of every flag (<c>flags kill --all</c>) plans against it, where it would
    /// otherwise parse every flag a second time; a large registry then holds its tree in memory, not only its flags.
    /// </summary>
    WholeTree,
}
