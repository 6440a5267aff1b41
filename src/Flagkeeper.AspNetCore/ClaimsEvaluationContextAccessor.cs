using System.Security.Claims;
using Flagkeeper.Evaluation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Flagkeeper.AspNetCore;

/// <summary>
/// The current request's <see cref="EvaluationContext"/>, read from <c>HttpContext.User</c>: the targeting key
/// from the first user-id claim type present, the groups from every group claim. An anonymous request (no
/// authenticated identity) has no targeting key and no groups, so a partial rollout serves the flag's default.
/// Outside a request: <c>default</c> plus the configured environment. Read once per request.
/// </summary>
public sealed class ClaimsEvaluationContextAccessor(IHttpContextAccessor http, IOptions<ClaimsTargetingOptions> options) : IEvaluationContextAccessor
{
    private static readonly object ItemKey = new();
    private readonly ClaimsTargetingOptions _options = options.Value;

    public EvaluationContext Current
    {
        get
        {
            var context = http.HttpContext;
            if (context is null)
            {
                return new EvaluationContext(Environment: _options.Environment);
            }
            if (context.Items.TryGetValue(ItemKey, out var cached) && cached is EvaluationContext known)
            {
                return known;
            }
            var read = Read(context.User);
            context.Items[ItemKey] = read;
            return read;
        }
    }

    /// <summary>The context for <paramref name="user"/> under these options (also usable without a request).</summary>
    public EvaluationContext Read(ClaimsPrincipal? user)
    {
        if (user is null || !user.Identities.Any(i => i.IsAuthenticated))
        {
            return new EvaluationContext(Environment: _options.Environment);
        }
        string? key = null;
        foreach (var type in _options.UserIdClaimTypes)
        {
            key = user.FindFirst(type)?.Value;
            if (!string.IsNullOrEmpty(key))
            {
                break;
            }
        }
        var groups = new List<string>();
        foreach (var claim in user.Claims)
        {
            if (_options.GroupClaimTypes.Contains(claim.Type) && claim.Value.Length > 0 && !groups.Contains(claim.Value))
            {
                groups.Add(claim.Value);
            }
        }
        return new EvaluationContext(string.IsNullOrEmpty(key) ? null : key, groups, _options.Environment);
    }
}
