using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Flagkeeper.Web.TestHost;

/// <summary>
/// Test authentication: the request's <c>X-Test-Claims</c> header, <c>type=value</c> pairs separated by
/// <c>;</c>, becomes an authenticated user with exactly those claims. No header: anonymous.
/// </summary>
public sealed class HeaderClaimsAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestClaims";
    public const string Header = "X-Test-Claims";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var header) || string.IsNullOrEmpty(header.ToString()))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var claims = header.ToString()
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => new Claim(parts[0], parts.Length > 1 ? parts[1] : string.Empty));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
