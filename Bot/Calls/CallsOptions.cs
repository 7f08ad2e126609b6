namespace TeamsMeetBot.Calls;

/// <summary>Configuration section <c>Calls</c>: whether and how the bot joins meeting calls.</summary>
public sealed class CallsOptions
{
    public const string Section = "Calls";

    /// <summary>The scheme of Graph's documented legacy notification token issuer and its key metadata.</summary>
    public const string LegacyIssuer = "https://api.botframework.com";

    public const string DefaultLegacyMetadataUrl = "https://api.aps.skype.com/v1/.well-known/OpenIdConfiguration";

    public const string DefaultEntraMetadataUrl = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>
    /// HTTPS base address of the bot as Graph reaches it (e.g. <c>https://bot.example.com</c>); notifications are
    /// posted to this + <c>/api/calls</c>. Calling is "set up" when this is configured. In local mode the bot's
    /// own loopback address is used when it is empty.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long an invited person rings before the card says "did not answer". Teams rings for 60 s.</summary>
    public int RingTimeoutSeconds { get; set; } = 60;

    /// <summary>At most one card update per card in this interval; the last state wins.</summary>
    public int CardUpdateIntervalMilliseconds { get; set; } = 2000;

    /// <summary>Minutes between keep-alives of a call the bot is in (Graph drops the bot after 45 minutes without one).</summary>
    public int KeepAliveMinutes { get; set; } = 15;

    /// <summary>Issuer of the legacy ("OID") notification token.</summary>
    public string NotificationIssuer { get; set; } = LegacyIssuer;

    /// <summary>OpenID metadata with the keys of the legacy token. Local mode: the simulated Graph's metadata unless set.</summary>
    public string? NotificationMetadataUrl { get; set; }

    /// <summary>OpenID metadata with the keys of Entra-issued notification tokens. Local mode: the simulated Graph's metadata unless set.</summary>
    public string? EntraMetadataUrl { get; set; }

    /// <summary>The calling service's app ids accepted as <c>azp</c>/<c>appid</c> of Entra notification tokens (public cloud, US Gov).</summary>
    public IList<string> CallingServiceAppIds { get; } = ["26a18ebc-cdf7-4a6a-91cb-beb352805e81", "e736143e-5e30-4821-9609-0b032986a3a3"];

    /// <summary>Expected token audience; defaults to the bot's app id (local mode: the simulated Graph's app id).</summary>
    public string? NotificationAudience { get; set; }
}
