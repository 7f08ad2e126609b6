namespace TeamsMeetBot.BotFramework.Authentication;

/// <summary>
/// Where the Bot Connector's signing keys come from and how long they are trusted. Bound from the
/// <c>BotAuthentication</c> configuration section; every default is the public-cloud production value
/// (bot-framework-protocol.md §1.2–§1.4), so a normal deployment configures nothing here.
/// </summary>
public sealed class BotAuthenticationOptions
{
    public const string SectionName = "BotAuthentication";

    /// <summary>The largest clock skew the validator accepts (protocol reference §1.3: 5 minutes).</summary>
    public static readonly TimeSpan MaximumClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>OpenID metadata document whose <c>jwks_uri</c> lists the channel signing keys.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The only accepted <c>iss</c> value (compared exactly).</summary>
    public string ValidIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>Tolerance for <c>nbf</c> and <c>exp</c>; at most <see cref="MaximumClockSkew"/>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Age after which the cached keys are downloaded again (in the background, old keys stay in use meanwhile).</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Minimum gap between two forced downloads caused by tokens signed with an unknown <c>kid</c>,
    /// and between two retries of a failed scheduled refresh.
    /// </summary>
    public TimeSpan MinimumForcedRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Minimum gap between download attempts while no key set was ever loaded (every request would
    /// otherwise start one while the metadata endpoint is unreachable).
    /// </summary>
    public TimeSpan InitialLoadRetryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Require https for the metadata and jwks URLs. Only tests turn this off, and even then plain http
    /// is accepted only for loopback hosts.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
