using TeamsMeetBot.BotFramework.Authentication;
using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.BotFramework;

/// <summary>
/// Decides whether a request to /api/messages is from Teams. In production only a valid Bot Connector
/// channel token passes. In local mode (Development and no app id, see <see cref="BotRuntime"/>) a
/// request passes without a token only when it comes from a loopback address; there is no other way
/// to switch authentication off. After the token, the activity's serviceUrl must also be one the bot
/// would send to (protocol reference §1.10 step 7): an https Teams Connector host on the allow-list.
/// </summary>
public sealed class InboundAuthenticator(BotRuntime runtime, ChannelTokenValidator validator, ServiceUrlPolicy serviceUrls)
{
    public Task<TokenValidationOutcome> AuthenticateAsync(HttpContext http, Activity activity, CancellationToken cancellationToken)
    {
        if (runtime.IsLocalMode)
        {
            return Task.FromResult(BotHostingExtensions.IsLoopback(http.Connection.RemoteIpAddress)
                ? new TokenValidationOutcome(true, null)
                : new TokenValidationOutcome(false, "local mode accepts requests from loopback addresses only"));
        }

        return ValidateAsync(http, activity, cancellationToken);
    }

    private async Task<TokenValidationOutcome> ValidateAsync(HttpContext http, Activity activity, CancellationToken cancellationToken)
    {
        string? header = http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null;
        var outcome = await validator.ValidateAsync(header, activity.ChannelId, activity.ServiceUrl, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        var decision = serviceUrls.Evaluate(activity.ServiceUrl);
        return decision.IsAllowed
            ? outcome
            : new TokenValidationOutcome(false, "serviceUrl host is not an allowed Teams Connector host: " + (decision.RefusalReason ?? "no token would be sent there"));
    }
}
