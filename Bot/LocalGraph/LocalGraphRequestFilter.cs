using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// Runs before every simulated Graph endpoint: sets Graph's <c>request-id</c>/<c>client-request-id</c>
/// headers, reads and records the request (also ones rejected later), applies the configured failure mode
/// before the endpoint sees the request, and answers no sooner than the configured latency after the request
/// arrived. The simulator's own work counts towards that latency, as a remote service's does: a client sees the
/// configured figure, not the figure plus the simulator's CPU time.
/// </summary>
internal sealed class LocalGraphRequestFilter : IEndpointFilter
{
    private readonly LocalGraphRecorder _recorder;
    private readonly LocalGraphBehavior _behavior;
    private readonly TimeProvider _time;
    private readonly ILogger<LocalGraphRequestFilter> _logger;

    public LocalGraphRequestFilter(LocalGraphRecorder recorder, LocalGraphBehavior behavior, TimeProvider time, ILogger<LocalGraphRequestFilter> logger)
    {
        _recorder = recorder;
        _behavior = behavior;
        _time = time;
        _logger = logger;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        CancellationToken cancellationToken = http.RequestAborted;
        long arrived = _time.GetTimestamp();

        http.Response.Headers[GraphResponses.RequestIdHeader] = Guid.NewGuid().ToString("D");
        http.Response.Headers[GraphResponses.ClientRequestIdHeader] =
            request.Headers[GraphResponses.ClientRequestIdHeader] is { Count: > 0 } sent && !string.IsNullOrEmpty(sent[0]) ? sent[0] : Guid.NewGuid().ToString("D");

        string text;
        using (var reader = new StreamReader(request.Body))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        bool hasBody = text.Length > 0;
        JsonNode? body = null;
        bool malformed = false;
        if (hasBody)
        {
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                malformed = true;
            }
        }

        string graphPath = request.Path.Value is { } path && path.StartsWith(LocalGraphEndpoints.Prefix, StringComparison.OrdinalIgnoreCase)
            ? path[LocalGraphEndpoints.Prefix.Length..]
            : request.Path.Value ?? "";
        if (_behavior.RecordsRequests)
        {
            _recorder.Record(request.Method, graphPath, request.QueryString.HasValue ? request.QueryString.Value![1..] : "", body is null ? null : text);
        }

        var behavior = _behavior.Current;
        object? result;
        if (Failure(http, behavior, graphPath) is { } failure)
        {
            result = failure;
        }
        else if (malformed)
        {
            result = Reject(http, graphPath, GraphResponses.BadRequest(http, _time, "Invalid request body: the body is not valid JSON."), "malformed JSON");
        }
        else
        {
            http.Features.Set(new LocalGraphRequest(body, hasBody));
            result = await next(context);
        }

        await SimulatedLatency.WaitOutAsync(_time, arrived, TimeSpan.FromMilliseconds(behavior.LatencyMilliseconds), cancellationToken);

        return result;
    }

    private IResult? Failure(HttpContext http, LocalGraphOptions behavior, string graphPath)
    {
        string? userId = http.Request.RouteValues.TryGetValue("userId", out object? value) ? value as string : null;
        bool isOnlineMeetings = graphPath.Contains("/onlineMeetings", StringComparison.OrdinalIgnoreCase);
        switch (behavior.Mode)
        {
            case LocalGraphMode.Throttle when _behavior.TryTakeThrottle(out int retryAfter):
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                return Reject(http, graphPath, GraphResponses.Error(http, _time, StatusCodes.Status429TooManyRequests, "TooManyRequests",
                    string.Create(CultureInfo.InvariantCulture, $"Too many requests have been sent. Retry after {retryAfter} seconds.")), "throttled");
            case LocalGraphMode.ServerError when behavior.ServerErrorStatusCode == StatusCodes.Status500InternalServerError:
                return Reject(http, graphPath, GraphResponses.Error(http, _time, StatusCodes.Status500InternalServerError, "generalException",
                    "General exception while processing."), "server error mode");
            case LocalGraphMode.ServerError:
                http.Response.Headers.RetryAfter = Math.Max(0, behavior.ThrottleRetryAfterSeconds).ToString(CultureInfo.InvariantCulture);
                return Reject(http, graphPath, GraphResponses.Error(http, _time, StatusCodes.Status503ServiceUnavailable, "serviceNotAvailable",
                    "The service is temporarily unavailable. Try again later."), "server error mode");
            case LocalGraphMode.UserNotFound when userId is not null:
                return Reject(http, graphPath, GraphResponses.Error(http, _time, StatusCodes.Status404NotFound, "Request_ResourceNotFound",
                    $"Resource '{userId}' does not exist or one of its queried reference-property objects are not present."), "user not found mode");
            case LocalGraphMode.NoApplicationAccessPolicy when userId is not null && isOnlineMeetings:
                return Reject(http, graphPath, GraphResponses.Error(http, _time, StatusCodes.Status403Forbidden, "Unauthorized",
                    $"App {_behavior.AppId} is not authorized to {Operation(http.Request.Method)} meeting on behalf of user {userId}"), "no application access policy mode");
            default:
                return null;
        }
    }

    /// <summary>The verb in the access-policy message; the documented example is "Create" for POST.</summary>
    private static string Operation(string method) => method switch
    {
        "GET" => "Get",
        "PATCH" => "Update",
        "DELETE" => "Delete",
        _ => "Create",
    };

    private IResult Reject(HttpContext http, string graphPath, IResult result, string reason)
    {
        int status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : 0;
        LocalGraphLog.Rejected(_logger, http.Request.Method, graphPath, status, reason);
        return result;
    }
}
