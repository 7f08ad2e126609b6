using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.Calls;

/// <summary>
/// <c>POST /api/calls</c>: Graph's call notifications. The bearer token is checked before the body is read (401
/// with <c>WWW-Authenticate</c> on any failure, never 500), then the body is parsed and applied; a notification for
/// a call of another tenant is refused with 403. Answers 202 like the Comms SDK.
/// </summary>
public sealed class CallNotificationsEndpoint(NotificationTokenValidator validator, CallService calls, ILogger<CallNotificationsEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cancellationToken = http.RequestAborted;
        NotificationAuthResult auth;
        try
        {
            auth = await validator.ValidateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            auth = NotificationAuthResult.Failure("validation error: " + ex.GetType().Name);
        }

        if (!auth.Succeeded)
        {
            CallsLog.NotificationRefused(logger, auth.FailureReason ?? "invalid token");
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            body = null;
        }

        var notifications = CallNotificationParser.Parse(body);
        if (notifications is null)
        {
            CallsLog.MalformedNotification(logger);
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        return await calls.ApplyAsync(auth.TenantId!, notifications, cancellationToken)
            ? Results.StatusCode(StatusCodes.Status202Accepted)
            : Results.StatusCode(StatusCodes.Status403Forbidden);
    }
}
