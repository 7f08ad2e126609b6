using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using TeamsMeetBot.Hosting;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Calls;

/// <summary>
/// Whether calling is set up, and the addresses that follow from <see cref="CallsOptions"/>: the callback URL Graph posts
/// notifications to, the token audience and the key metadata notifications are checked against. In local mode with no
/// <c>Calls:PublicBaseUrl</c>, the bot's own loopback address is used and the simulated Graph's signing-key metadata is
/// trusted, so the same validation code runs locally and in tests. Resolved on first use (the address is only known once
/// the server listens).
/// </summary>
public sealed class CallingSetup
{
    public const string NotificationsPath = "/api/calls";

    private readonly CallsOptions _options;
    private readonly BotRuntime _runtime;
    private readonly IServiceProvider _services;
    private readonly Uri? _publicBaseUrl;
    private readonly Lazy<Uri> _localBaseUrl;

    public CallingSetup(IOptions<CallsOptions> options, BotRuntime runtime, IServiceProvider services)
    {
        _options = options.Value;
        _runtime = runtime;
        _services = services;
        if (!string.IsNullOrWhiteSpace(_options.PublicBaseUrl))
        {
            if (!Uri.TryCreate(_options.PublicBaseUrl.Trim(), UriKind.Absolute, out var url)
                || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            {
                throw new ConfigurationException($"Calls:PublicBaseUrl '{_options.PublicBaseUrl}' must be an absolute https URL (Graph only calls back over HTTPS).");
            }

            _publicBaseUrl = url;
        }

        _localBaseUrl = new Lazy<Uri>(ResolveLocalBaseUrl);
    }

    /// <summary>True when the bot can join calls: a public base URL is configured, or the bot runs in local mode.</summary>
    public bool IsConfigured => _publicBaseUrl is not null || _runtime.IsLocalMode;

    /// <summary>The ring timeout (at least one second).</summary>
    public TimeSpan RingTimeout => TimeSpan.FromSeconds(Math.Max(1, _options.RingTimeoutSeconds));

    /// <summary>Minimum time between two updates of the same card.</summary>
    public TimeSpan CardUpdateInterval => TimeSpan.FromMilliseconds(Math.Max(0, _options.CardUpdateIntervalMilliseconds));

    /// <summary>Where Graph posts this bot's call notifications.</summary>
    public Uri CallbackUri => new(BaseUrl.ToString().TrimEnd('/') + NotificationsPath);

    /// <summary>The <c>aud</c> notification tokens must carry.</summary>
    public string Audience => _options.NotificationAudience is { Length: > 0 } configured ? configured
        : _runtime.AppId is { Length: > 0 } appId ? appId
        : _services.GetService<LocalGraphBehavior>()?.AppId ?? LocalGraphOptions.DefaultAppId;

    public string NotificationIssuer => _options.NotificationIssuer;

    public string LegacyMetadataUrl => _options.NotificationMetadataUrl is { Length: > 0 } configured ? configured
        : _runtime.IsLocalMode ? LocalMetadataUrl : CallsOptions.DefaultLegacyMetadataUrl;

    public string EntraMetadataUrl => _options.EntraMetadataUrl is { Length: > 0 } configured ? configured
        : _runtime.IsLocalMode ? LocalMetadataUrl : CallsOptions.DefaultEntraMetadataUrl;

    public IReadOnlyCollection<string> CallingServiceAppIds => [.. _options.CallingServiceAppIds];

    private Uri BaseUrl => _publicBaseUrl ?? (_runtime.IsLocalMode ? _localBaseUrl.Value
        : throw new InvalidOperationException("Calling is not set up: Calls:PublicBaseUrl is not configured."));

    private string LocalMetadataUrl => _localBaseUrl.Value.ToString().TrimEnd('/') + LocalGraphSigningKey.MetadataPath;

    private Uri ResolveLocalBaseUrl()
    {
        var addresses = _services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        string address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException("Local mode: the bot's own address is unknown (the server has no http address yet). Set Calls:PublicBaseUrl.");
        return new Uri(GraphClientProvider.LoopbackFor(address).TrimEnd('/') + "/");
    }
}
