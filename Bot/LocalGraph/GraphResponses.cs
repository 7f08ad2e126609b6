using System.Globalization;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.LocalGraph;

/// <summary>Responses in Graph's wire format: OData JSON bodies and the Graph error envelope.</summary>
internal static class GraphResponses
{
    /// <summary>Content type Graph answers JSON with.</summary>
    public const string JsonContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    public const string RequestIdHeader = "request-id";
    public const string ClientRequestIdHeader = "client-request-id";

    public static IResult Json(JsonNode body, int statusCode) =>
        Results.Text(body.ToJsonString(), JsonContentType, statusCode: statusCode);

    /// <summary><c>{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}</c>.</summary>
    public static IResult Error(HttpContext context, TimeProvider time, int statusCode, string code, string message) =>
        Results.Text(ErrorBody(context, time, code, message).ToJsonString(), "application/json", statusCode: statusCode);

    public static JsonObject ErrorBody(HttpContext context, TimeProvider time, string code, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject
            {
                ["date"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                ["request-id"] = context.Response.Headers[RequestIdHeader].ToString(),
                ["client-request-id"] = context.Response.Headers[ClientRequestIdHeader].ToString(),
            },
        },
    };

    public static IResult BadRequest(HttpContext context, TimeProvider time, string message) =>
        Error(context, time, StatusCodes.Status400BadRequest, "BadRequest", message);

    public static IResult NotFound(HttpContext context, TimeProvider time, string message) =>
        Error(context, time, StatusCodes.Status404NotFound, "NotFound", message);

    /// <summary>Date-times the way Graph writes them: UTC, seven fractional digits, <c>Z</c>.</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
