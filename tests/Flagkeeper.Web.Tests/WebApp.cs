using System.Net.Http.Json;
using Flagkeeper.Evaluation;
using Flagkeeper.Loading;
using Flagkeeper.Web.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Flagkeeper.Web.Tests;

/// <summary>
/// The test web app over a flags.yaml written to a temp folder: the evaluator it serves is the one the tests
/// compare with, and <see cref="Rewrite"/> swaps its snapshot the way the flag cache does on a reload.
/// </summary>
internal sealed class WebApp : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly WebApplicationFactory<Program> _factory;

    public WebApp(string yaml, Action<IServiceCollection>? configure = null)
    {
        Evaluator = new FlagEvaluator(Compile(yaml));
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            services.AddSingleton(Evaluator);
            configure?.Invoke(services);
        }));
        Client = _factory.CreateClient();
    }

    public FlagEvaluator Evaluator { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Writes <paramref name="yaml"/> over flags.yaml, reads it back and swaps the evaluator's snapshot.</summary>
    public void Rewrite(string yaml) => Evaluator.Replace(Compile(yaml));

    /// <summary><c>GET path</c> as a user with these claims (none: anonymous).</summary>
    public Task<HttpResponseMessage> Get(string path, params (string Type, string Value)[] claims)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (claims.Length > 0)
        {
            request.Headers.Add(HeaderClaimsAuthenticationHandler.Header, string.Join(";", claims.Select(c => $"{c.Type}={c.Value}")));
        }
        return Client.SendAsync(request);
    }

    /// <summary>Every key's answers from IFeatureManager, IFeatureManagerSnapshot and IVariantFeatureManager.</summary>
    public async Task<Dictionary<string, bool[]>> Flags(IEnumerable<string> keys, params (string Type, string Value)[] claims)
    {
        using var response = await Get("/flags?" + string.Join("&", keys.Select(k => "key=" + Uri.EscapeDataString(k))), claims);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, bool[]>>())!;
    }

    private FlagSnapshot Compile(string yaml)
    {
        var path = _folder.Write("flags.yaml", yaml);
        var loaded = RegistryReader.ReadFile(path, "flags.yaml");
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Errors));
        return FlagSnapshot.Compile([loaded.Registry!]);
    }

    public void Dispose()
    {
        Client.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }
}
