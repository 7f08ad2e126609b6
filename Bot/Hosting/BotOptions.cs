namespace TeamsMeetBot.Hosting;

/// <summary>Product settings (configuration section <c>Bot</c>).</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>
    /// Tenants whose conversations the bot serves. Empty means the bot's own tenant
    /// (<c>MicrosoftAppTenantId</c>); local mode serves any tenant.
    /// </summary>
    public IList<string> AllowedTenants { get; } = [];

    /// <summary>Largest accepted /api/messages body. Teams activities are a few KB; cards posted back are under 100 KB.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>How long a delivery owns an activity before a redelivery may take it over (the first one crashed).</summary>
    public TimeSpan TurnLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long processed activity ids are remembered to drop Teams redeliveries.</summary>
    public TimeSpan RedeliveryWindow { get; set; } = TimeSpan.FromHours(24);
}
