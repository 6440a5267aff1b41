using Microsoft.AspNetCore.Mvc;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Flagkeeper.Web.TestHost.Controllers;

/// <summary>Answers flags through every Microsoft.FeatureManagement entry point, for the current request's user.</summary>
[ApiController]
[Route("flags")]
public sealed class FlagsController(IFeatureManager manager, IFeatureManagerSnapshot snapshot, IVariantFeatureManager variants) : ControllerBase
{
    /// <summary><c>GET /flags?key=a&amp;key=b</c>: per key, [IFeatureManager, IFeatureManagerSnapshot, IVariantFeatureManager].</summary>
    [HttpGet]
    public async Task<Dictionary<string, bool[]>> Get([FromQuery(Name = "key")] string[] keys, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, bool[]>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            answers[key] =
            [
                await manager.IsEnabledAsync(key).ConfigureAwait(false),
                await snapshot.IsEnabledAsync(key).ConfigureAwait(false),
                await variants.IsEnabledAsync(key, cancellationToken).ConfigureAwait(false),
            ];
        }
        return answers;
    }

    /// <summary><c>GET /flags/explicit?key=k&amp;user=u&amp;group=g</c>: a targeting context passed by the caller, not the claims.</summary>
    [HttpGet("explicit")]
    public async Task<bool> Explicit(string key, string? user, [FromQuery(Name = "group")] string[] groups) =>
        await manager.IsEnabledAsync(key, new TargetingContext { UserId = user, Groups = groups }).ConfigureAwait(false);

    /// <summary><c>GET /flags/names</c>: the features Microsoft.FeatureManagement lists.</summary>
    [HttpGet("names")]
    public async Task<List<string>> Names()
    {
        var names = new List<string>();
        await foreach (var name in manager.GetFeatureNamesAsync().ConfigureAwait(false))
        {
            names.Add(name);
        }
        return names;
    }
}
