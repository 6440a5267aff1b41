namespace Flagkeeper.FeatureManagement;

/// <summary>The filter name every Flagkeeper feature definition requires (<c>EnabledFor: [{ Name: "Flagkeeper" }]</c>).</summary>
public static class FlagkeeperFilterAlias
{
    public const string Name = "Flagkeeper";
}
