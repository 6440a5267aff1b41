using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.KeySources;

/// <summary>A flag key declared in code named by <c>keySources:</c>: where, and by which declaration.</summary>
/// <param name="Source">The declaration's name (<c>FeatureFlags</c>).</param>
/// <param name="Stage">A Go feature gate's <c>PreRelease</c> stage (<c>Alpha</c>, <c>Beta</c>, <c>GA</c>, <c>Deprecated</c>), when its spec says.</param>
/// <param name="Enabled">Whether the declaration switches the flag on, when it says (Microsoft.FeatureManagement's entries do).</param>
/// <param name="Rollout">The percentage it is rolled out to, when it says (a Percentage filter, a Targeting filter's default).</param>
public sealed record DeclaredKey(string Key, SourceLocation At, string Source, string? Stage = null, bool? Enabled = null, double? Rollout = null);

/// <summary>What the key sources declare, and what went wrong reading them (files or names not found, members that are not keys).</summary>
public sealed record DeclaredKeys(IReadOnlyList<DeclaredKey> Keys, IReadOnlyList<FlagkeeperError> Errors)
{
    public static DeclaredKeys None { get; } = new([], []);

    private readonly Dictionary<string, DeclaredKey> _byKey = Keys.GroupBy(k => k.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>The first declaration of <paramref name="key"/>, or null.</summary>
    public DeclaredKey? Find(string key) => _byKey.GetValueOrDefault(key);
}

/// <summary>One member of a key source as a reader found it: its key, or why it has none.</summary>
internal sealed record SourceMember(string Name, string? Key, int Offset, string? Why = null, string? Stage = null);

/// <summary>What a reader found for a name: its members, or null when the file declares no such name (with the names it does declare).</summary>
internal sealed record SourceReading(List<SourceMember>? Members, IReadOnlyList<string> DeclaredNames, string? Problem = null);
