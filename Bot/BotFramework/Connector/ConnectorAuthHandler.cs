using System.Net;
using System.Net.Http.Headers;

namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// Innermost handler of the Connector pipeline: checks every outgoing request URL against
/// <see cref="ServiceUrlPolicy"/> (refusing before anything is sent), attaches the bearer token only
/// where the policy says so, and on a 401 drops the token and retries once with a fresh one.
/// </summary>
public sealed class ConnectorAuthHandler : DelegatingHandler
{
    private readonly ServiceUrlPolicy policy;
    private readonly ConnectorTokenProvider tokens;
    private readonly ILogger<ConnectorAuthHandler> logger;

    public ConnectorAuthHandler(ServiceUrlPolicy policy, ConnectorTokenProvider tokens, ILogger<ConnectorAuthHandler> logger)
    {
        this.policy = policy;
        this.tokens = tokens;
        this.logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A Connector request needs an absolute URI.");
        var decision = policy.EvaluateRequest(uri);
        if (!decision.IsAllowed)
        {
            ConnectorLog.ServiceUrlRefused(logger, decision.RefusalReason ?? "not allowed");
            throw new ConnectorException(
                $"The Bot Connector call was refused before sending: {decision.RefusalReason}.",
                statusCode: null,
                ConnectorErrorCodes.ServiceUrlNotAllowed);
        }

        if (!decision.AttachToken)
        {
            request.Headers.Authorization = null;
            return await base.SendAsync(request, cancellationToken);
        }

        string token = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        ConnectorLog.TokenRejected(logger, request.Method.Method, uri.IdnHost);
        response.Dispose();
        tokens.Invalidate(token);
        string fresh = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        return await base.SendAsync(request, cancellationToken);
    }
}
