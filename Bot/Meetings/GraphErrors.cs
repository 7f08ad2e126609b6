using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace TeamsMeetBot.Meetings;

/// <summary>Turns whatever the Graph SDK throws into a <see cref="GraphFailureException"/> (reference §4: ODataError, or AggregateException after retries).</summary>
public static class GraphErrors
{
    public static GraphFailureException Classify(Exception exception)
    {
        switch (exception)
        {
            case GraphFailureException already:
                return already;
            case ODataError odata:
                {
                    int status = odata.ResponseStatusCode;
                    string? code = odata.Error?.Code;
                    string message = odata.Error?.Message ?? odata.Message;
                    string? requestId = odata.Error?.InnerError?.RequestId;
                    return new GraphFailureException(KindFor(status, code, message), status, code, requestId, message, odata);
                }

            case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                {
                    var last = aggregate.InnerExceptions[^1];
                    var inner = Classify(last);
                    var kind = inner.StatusCode is 429 or 503 or 504 ? GraphFailureKind.Throttled : inner.Kind;
                    return new GraphFailureException(kind, inner.StatusCode, inner.ErrorCode, inner.RequestId, "Graph kept failing after retries: " + inner.Message, aggregate);
                }

            case ApiException api:
                return new GraphFailureException(KindFor(api.ResponseStatusCode, null, api.Message), api.ResponseStatusCode, null, null, api.Message, api);
            case TaskCanceledException or TimeoutException:
                return new GraphFailureException(GraphFailureKind.Timeout, null, null, null, "Graph did not answer in time", exception);
            case HttpRequestException http:
                return new GraphFailureException(GraphFailureKind.Unavailable, (int?)http.StatusCode, null, null, "Graph could not be reached: " + http.Message, http);
            default:
                return new GraphFailureException(GraphFailureKind.Unavailable, null, null, null, exception.Message, exception);
        }
    }

    private static GraphFailureKind KindFor(int status, string? code, string message) => status switch
    {
        403 when message.Contains("not authorized", StringComparison.OrdinalIgnoreCase)
              || message.Contains("application access policy", StringComparison.OrdinalIgnoreCase)
              || string.Equals(code, "Unauthorized", StringComparison.OrdinalIgnoreCase) => GraphFailureKind.NoApplicationAccessPolicy,
        401 or 403 => GraphFailureKind.Forbidden,
        404 => GraphFailureKind.NotFound,
        400 or 409 or 422 => GraphFailureKind.BadRequest,
        408 => GraphFailureKind.Timeout,
        429 => GraphFailureKind.Throttled,
        503 or 504 => GraphFailureKind.Throttled,
        >= 500 => GraphFailureKind.ServerError,
        _ => GraphFailureKind.Unavailable,
    };
}
