namespace Flagkeeper.Redis;

/// <summary>What a live override forces a flag to: on, off, or a rollout percentage evaluated as the file would.</summary>
public enum LiveState
{
    On,
    Off,
    Rollout,
}

/// <summary>
/// One live override as stored in the namespace's hash: <paramref name="Rollout"/> is the percentage (0..100) when
/// <paramref name="State"/> is <see cref="LiveState.Rollout"/>, otherwise null. <paramref name="Version"/> is the
/// namespace version of the change that wrote it.
/// </summary>
public sealed record LiveOverride(string Key, LiveState State, double? Rollout, string Reason, string By,
                                  DateTimeOffset At, DateTimeOffset? Expires, long Version)
{
    /// <summary>True when <see cref="Expires"/> is at or before <paramref name="now"/>: the override no longer applies.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => Expires is { } expires && expires <= now;
}

/// <summary>
/// One change as published on the namespace's channel (and kept in its history stream): <paramref name="Action"/> is
/// <c>set</c>, <c>clear</c> or <c>kill</c>; <paramref name="Override"/> is null for <c>clear</c>.
/// </summary>
public sealed record LiveChange(long Version, string Key, string Action, LiveOverride? Override);

/// <summary>An entry of the hash that could not be read: its field (the flag key) and why, in the user's words.</summary>
public sealed record LiveMalformedEntry(string Key, string Error);

/// <summary>
/// The whole hash and the namespace version, read in one script so they agree: every well-formed override and, apart,
/// every malformed entry with its error.
/// </summary>
public sealed record LiveStoreSnapshot(long Version, IReadOnlyList<LiveOverride> Overrides, IReadOnlyList<LiveMalformedEntry> Malformed);
