namespace Flagkeeper.Cli.Invocation;

/// <summary>When human output is coloured: <c>--color auto|always|never</c>.</summary>
internal enum ColorMode
{
    /// <summary>NO_COLOR, then FORCE_COLOR, then whether the stream is a terminal.</summary>
    Auto,
    Always,
    Never,
}
