using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using TeamsMeetBot.LocalGraph;

namespace TeamsMeetBot.Tests.LocalGraph;

/// <summary>A minimal web app on 127.0.0.1:0 serving only the simulated Graph, with a fake clock.</summary>
internal sealed class LocalGraphTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 21, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private LocalGraphTestHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri Address { get; }

    public string GraphBaseUrl => new Uri(Address, LocalGraphEndpoints.GraphBasePath).ToString();

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public IConfigurationRoot Configuration => (IConfigurationRoot)_app.Configuration;

    public LocalGraphRecorder Recorder => _app.Services.GetRequiredService<LocalGraphRecorder>();

    public LocalGraphBehavior Behavior => _app.Services.GetRequiredService<LocalGraphBehavior>();

    public FakeTimeProvider Clock => (FakeTimeProvider)_app.Services.GetRequiredService<TimeProvider>();

    public GraphSchemaValidator Validator => _app.Services.GetRequiredService<GraphSchemaValidator>();

    public static async Task<LocalGraphTestHost> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        builder.Services.AddLocalGraph(builder.Configuration);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapLocalGraph();
        map?.Invoke(app);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalGraphTestHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A real Graph SDK client (default handler chain, so its RetryHandler runs) pointed at the simulated Graph.</summary>
    public GraphServiceClient CreateGraphClient() =>
        new(GraphClientFactory.Create(GraphClientFactory.CreateDefaultHandlers()), new AnonymousAuthenticationProvider(), GraphBaseUrl);

    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string graphPath, string? json = null)
    {
        using var request = new HttpRequestMessage(method, LocalGraphEndpoints.GraphBasePath + graphPath);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
