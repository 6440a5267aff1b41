using System.Text.Json;
using Flagkeeper.Evaluation;
using Flagkeeper.Extensions;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.FeatureManagement;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddFlagkeeper(builder.Configuration);
// A relative Flagkeeper:Registry is beside the app: from its content root (`dotnet run --project samples/web` runs
// in samples/web), not from wherever the process was started.
builder.Services.PostConfigure<FlagkeeperOptions>(options =>
{
    if (options.Registry is { Length: > 0 } path && !Path.IsPathRooted(path))
    {
        options.Registry = Path.Combine(builder.Environment.ContentRootPath, path);
    }
});
builder.Services.AddHealthChecks().AddFlagkeeper();
// Live overrides from Redis when Flagkeeper:Redis is set (appsettings or
// `--Flagkeeper:Redis=127.0.0.1:6379 --Flagkeeper:Namespace=shop` on the command line); flags.yaml only otherwise.
if (!string.IsNullOrWhiteSpace(builder.Configuration["Flagkeeper:Redis"]))
{
    builder.Services.AddRedisOverrides(builder.Configuration);
}

// Code written for Microsoft.FeatureManagement ([FeatureGate], <feature>, IFeatureManager) answers from the same
// flags.yaml; the signed-in user's claims are the targeting context (anonymous: no user, partial rollouts off).
builder.Services.AddControllersWithViews();
builder.Services.AddFeatureManagement().AddFlagkeeperDefinitions();
builder.Services.AddFlagkeeperClaimsTargeting();

var app = builder.Build();

// The same JSON as `flagkeeper flags eval KEY --format json`.
app.MapGet("/flags/{key}", (string key, string? user, string[]? group, string? env, IFlagkeeperSnapshot flags, IEvaluationContextAccessor defaults) =>
{
    var result = flags.Evaluate(key, new EvaluationContext(user, group ?? [], env ?? defaults.Current.Environment));
    return Results.Json(new FlagAnswer(result.Key, result.Value, result.Reason.ToString(), result.Percentile is { } p ? Math.Round(p, 6) : null));
});

app.MapControllers();
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthJson.WriteAsync });

app.Run();

internal sealed record FlagAnswer(string Flag, bool Value, string Reason, double? Percentile);

/// <summary>The health report as JSON: overall status, and each check's status and description (the located reason when Degraded).</summary>
internal static class HealthJson
{
    public static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            entries = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
