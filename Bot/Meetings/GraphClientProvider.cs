using Azure.Core;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Authentication.Azure;
using TeamsMeetBot.Hosting;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Telemetry;

namespace TeamsMeetBot.Meetings;

/// <summary>
/// The bot's one <see cref="GraphServiceClient"/>, the same code path in both modes: the SDK's default
/// handler chain (its RetryHandler honours Retry-After) over an <see cref="IHttpClientFactory"/> client.
/// Production: base URL <c>Graph:BaseUrl</c> (default <see cref="ProductionBaseUrl"/>), app-only token from
/// the registered <see cref="TokenCredential"/>. Local mode: no token, and unless <c>Graph:BaseUrl</c> is
/// set, the simulated Graph served by this process (its own first http address + <c>/_local/graph/v1.0</c>),
/// resolved on first use because the address is only known once the server listens.
/// </summary>
public sealed class GraphClientProvider
{
    public const string ProductionBaseUrl = "https://graph.microsoft.com/v1.0";

    /// <summary>Name of the <see cref="IHttpClientFactory"/> client Graph requests go through.</summary>
    public const string HttpClientName = "TeamsMeetBot.Graph";

    private readonly IHttpClientFactory _httpClients;
    private readonly BotRuntime _runtime;
    private readonly IServiceProvider _services;
    private readonly Lazy<Uri> _baseUrl;
    private readonly Lock _gate = new();

    // Created on first use, not in the constructor: nothing in this class's construction mentions a Graph SDK type,
    // so the SDK's large assemblies are loaded (and their code compiled) only when the bot first calls Graph.
    private GraphServiceClient? _client;

    public GraphClientProvider(IHttpClientFactory httpClients, IConfiguration configuration, BotRuntime runtime, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? configuredBaseUrl = configuration["Graph:BaseUrl"];
        _httpClients = httpClients;
        _runtime = runtime;
        _services = services;
        _baseUrl = new Lazy<Uri>(() => ResolveBaseUrl(configuredBaseUrl, runtime, services));
    }

    /// <summary>The Graph client; created on first use.</summary>
    public GraphServiceClient Client => Volatile.Read(ref _client) ?? CreateClient();

    /// <summary>The Graph base URL in use (resolved on first use).</summary>
    public Uri BaseUrl => _baseUrl.Value;

    /// <summary>
    /// Registers the provider and its HTTP client: SocketsHttpHandler with pooled-connection recycling (so one
    /// long-lived client still follows DNS changes) under <see cref="GraphRequestBodyCopier"/> and the Graph SDK's
    /// default handlers, rebuilt per pipeline. Trace context goes to Graph only when <paramref name="propagateTraceContext"/>
    /// (<see cref="OutboundHttp"/>).
    /// </summary>
    public static IServiceCollection Register(IServiceCollection services, bool propagateTraceContext = false)
    {
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => OutboundHttp.CreatePrimaryHandler(propagateTraceContext))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
            {
                handlers.Add(new GraphRequestBodyCopier());
                foreach (var handler in GraphClientFactory.CreateDefaultHandlers())
                {
                    handlers.Add(handler);
                }
            });
        services.AddSingleton<GraphClientProvider>();
        return services;
    }

    private GraphServiceClient CreateClient()
    {
        lock (_gate)
        {
            if (_client is { } existing)
            {
                return existing;
            }

            var baseUrl = _baseUrl.Value;
            IAuthenticationProvider authentication = _runtime.IsLocalMode
                ? new AnonymousAuthenticationProvider()
                : new AzureIdentityAuthenticationProvider(
                    _services.GetService<TokenCredential>()
                        ?? throw new InvalidOperationException("No TokenCredential is registered: Graph needs the bot's credential outside local mode."),
                    allowedHosts: [baseUrl.Host],
                    scopes: [$"{baseUrl.Scheme}://{baseUrl.Host}/.default"]);
            var client = new GraphServiceClient(_httpClients.CreateClient(HttpClientName), authentication, baseUrl.ToString().TrimEnd('/'));
            Volatile.Write(ref _client, client);
            return client;
        }
    }

    private static Uri ResolveBaseUrl(string? configured, BotRuntime runtime, IServiceProvider services)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var url)
                ? url
                : throw new ConfigurationException($"Graph:BaseUrl '{configured}' is not an absolute URL.");
        }

        if (!runtime.IsLocalMode)
        {
            return new Uri(ProductionBaseUrl);
        }

        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        string address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                "Local mode: the simulated Graph's address is unknown (the server has no http address yet). Set Graph:BaseUrl or use Graph only after startup.");
        return new Uri(LoopbackFor(address).TrimEnd('/') + LocalGraphEndpoints.GraphBasePath);
    }

    /// <summary><c>http://0.0.0.0:3978</c>, <c>http://[::]:3978</c>, <c>http://+:3978</c> → <c>http://127.0.0.1:3978</c>.</summary>
    internal static string LoopbackFor(string address)
    {
        foreach (string wildcard in (ReadOnlySpan<string>)["://0.0.0.0", "://[::]", "://+", "://*"])
        {
            int at = address.IndexOf(wildcard, StringComparison.Ordinal);
            if (at >= 0 && (address.Length == at + wildcard.Length || address[at + wildcard.Length] is ':' or '/'))
            {
                return string.Concat(address.AsSpan(0, at), "://127.0.0.1", address.AsSpan(at + wildcard.Length));
            }
        }

        return address;
    }
}
