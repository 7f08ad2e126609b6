namespace TeamsMeetBot.Hosting;

/// <summary>
/// How this process runs, decided once at startup. Local mode is the only way authentication is
/// relaxed, and it needs both the Development environment and no configured app id: inbound
/// requests are then accepted without a token from loopback callers only, outbound calls to
/// loopback service URLs carry no token, and Graph is the in-process simulated Graph.
/// </summary>
public sealed class BotRuntime
{
    public BotRuntime(bool isLocalMode, string? appId, string? tenantId)
    {
        IsLocalMode = isLocalMode;
        AppId = appId;
        TenantId = tenantId;
    }

    public bool IsLocalMode { get; }

    /// <summary>The bot's app id (null only in local mode).</summary>
    public string? AppId { get; }

    /// <summary>The bot's home tenant (null only in local mode or for a legacy multi-tenant bot).</summary>
    public string? TenantId { get; }
}
