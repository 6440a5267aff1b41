using Flagkeeper.Web.TestHost;
using Microsoft.AspNetCore.Authentication;
using Microsoft.FeatureManagement;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllersWithViews();
builder.Services.AddAuthentication(HeaderClaimsAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, HeaderClaimsAuthenticationHandler>(HeaderClaimsAuthenticationHandler.SchemeName, null);

// The adapter as an application adds it: flags.yaml answers Microsoft.FeatureManagement, claims give the user.
// (The FlagEvaluator comes from the tests here; an application gets it from services.AddFlagkeeper.)
builder.Services.AddFeatureManagement().AddFlagkeeperDefinitions();
builder.Services.AddFlagkeeperClaimsTargeting();

var app = builder.Build();
app.UseAuthentication();
app.MapControllers();
await app.RunAsync().ConfigureAwait(false);

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
