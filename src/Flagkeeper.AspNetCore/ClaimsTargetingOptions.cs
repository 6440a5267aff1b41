using System.Security.Claims;

namespace Flagkeeper.AspNetCore;

/// <summary>Which claims of the request's user become the targeting key and the groups.</summary>
public sealed class ClaimsTargetingOptions
{
    /// <summary>
    /// Claim types tried in order; the first one the user has is the targeting key. Default:
    /// <see cref="ClaimTypes.NameIdentifier"/> (what ASP.NET Core maps a JWT's <c>sub</c> to), then <c>sub</c>
    /// (handlers that keep the token's own claim names).
    /// </summary>
    public IList<string> UserIdClaimTypes { get; } = [ClaimTypes.NameIdentifier, "sub"];

    /// <summary>
    /// Claim types whose values are all groups (duplicates once, in claim order). Default:
    /// <see cref="ClaimTypes.Role"/> (roles as <c>User.IsInRole</c> sees them with the default mapping), then
    /// <c>role</c>, <c>roles</c> and <c>groups</c> (the names tokens use when claims are not mapped).
    /// </summary>
    public IList<string> GroupClaimTypes { get; } = [ClaimTypes.Role, "role", "roles", "groups"];

    /// <summary>The environment every request evaluates in (for example <c>production</c>); null: the flags' own values.</summary>
    public string? Environment { get; set; }
}
