using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;

namespace Flagkeeper.Loading;

/// <summary>
/// A flag as it reads when its lines moved down (or up) by a number of lines and nothing else about it changed: every
/// position it holds moves with it. An edit that adds a line to one flag moves every later flag; moving their
/// positions costs a fraction of reading the whole edited registry again (<see cref="RegistryRegionReader"/>).
/// </summary>
internal static class ShiftedFlags
{
    /// <summary>False when the flag holds positions this does not know how to move (the caller reads whole).</summary>
    public static bool CanShift(FlagDefinition flag) => flag.FieldLocations is FieldLocationMap;

    /// <returns>The moved flag; null when it cannot be moved (<see cref="CanShift"/>).</returns>
    public static FlagDefinition? Shift(FlagDefinition flag, int lines)
    {
        if (flag.FieldLocations is not FieldLocationMap fields)
        {
            return null;
        }
        return flag with
        {
            Location = Shift(flag.Location, lines),
            FieldLocations = fields.Shifted(lines),
            Environments = Map(flag.Environments, e => e with { Location = Shift(e.Location, lines), Targeting = Shift(e.Targeting, lines) }),
            Requires = Map(flag.Requires, r => r with { Location = Shift(r.Location, lines) }),
            Targeting = Shift(flag.Targeting, lines),
        };
    }

    private static FlagTargeting? Shift(FlagTargeting? targeting, int lines) => targeting is null ? null : targeting with
    {
        Location = Shift(targeting.Location, lines),
        Users = Map(targeting.Users, u => u with { Location = Shift(u.Location, lines) }),
        Groups = Map(targeting.Groups, g => g with { Location = Shift(g.Location, lines) }),
        ExcludedUsers = Map(targeting.ExcludedUsers, u => u with { Location = Shift(u.Location, lines) }),
        ExcludedGroups = Map(targeting.ExcludedGroups, g => g with { Location = Shift(g.Location, lines) }),
    };

    private static SourceLocation Shift(SourceLocation location, int lines) => location with { Line = location.Line + lines };

    /// <summary>An exact-size array of the moved items; the same empty list when there are none.</summary>
    private static IReadOnlyList<T> Map<T>(IReadOnlyList<T> items, Func<T, T> move)
    {
        if (items.Count == 0)
        {
            return items;
        }
        var moved = new T[items.Count];
        for (var i = 0; i < moved.Length; i++)
        {
            moved[i] = move(items[i]);
        }
        return moved;
    }
}
