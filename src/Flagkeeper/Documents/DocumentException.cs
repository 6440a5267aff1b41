using Flagkeeper.Diagnostics;

namespace Flagkeeper.Documents;

/// <summary>Thrown by the document readers; always carries a located <see cref="FlagkeeperError"/>.</summary>
internal sealed class DocumentException(FlagkeeperError error) : Exception(error.ToString())
{
    public FlagkeeperError Error { get; } = error;
}
