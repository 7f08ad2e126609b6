using TeamsMeetBot.BotFramework.Authentication;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.BotFramework;

/// <summary>
/// Decides whether a request to /api/messages is from Teams. In production only a valid Bot Connector
/// channel token passes. In local mode (Development and no app id, see <see cref="BotRuntime"/>) a
/// request passes without a token only when it comes from a loopback address; there is no other way
/// to switch authentication off.
/// </summary>
public sealed class InboundAuthenticator(BotRuntime runtime, ChannelTokenValidator validator)
{
    public Task<TokenValidationOutcome> AuthenticateAsync(HttpContext http, Activity activity, CancellationToken cancellationToken)
    {
        if (runtime.IsLocalMode)
        {
            return Task.FromResult(BotHostingExtensions.IsLoopback(http.Connection.RemoteIpAddress)
                ? new TokenValidationOutcome(true, null)
                : new TokenValidationOutcome(false, "local mode accepts requests from loopback addresses only"));
        }

        return validator.ValidateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, activity.ChannelId, activity.ServiceUrl, cancellationToken);
    }
}
