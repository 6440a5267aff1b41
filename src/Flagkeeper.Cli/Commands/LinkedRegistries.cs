using Flagkeeper.Analysis;
using Flagkeeper.Editing;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Commands;

/// <summary>A registry read through a symbolic link is a shared one: --verbose says so, and where it leads.</summary>
internal static class LinkedRegistries
{
    public static Workspace NoteLinks(this Workspace workspace, CliContext context)
    {
        if (context.Verbose)
        {
            foreach (var registry in workspace.Registries.Registries)
            {
                if (RegistryFileEditor.LinkTarget(registry.FullPath) is { } target)
                {
                    context.Note($"{registry.DisplayPath} is a symbolic link to {target}; it is read, and edited, through the link.");
                }
            }
        }
        return workspace;
    }
}
