using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// The simulated Microsoft Graph served in local mode under <see cref="GraphBasePath"/>, plus its control
/// endpoints (<c>/_local/graph/_requests</c>, <c>/_local/graph/_behavior</c>). Map it in local mode only.
/// </summary>
public static class LocalGraphEndpoints
{
    public const string Prefix = "/_local/graph";

    /// <summary>What replaces <c>https://graph.microsoft.com/v1.0</c> for the bot's GraphServiceClient in local mode.</summary>
    public const string GraphBasePath = Prefix + "/v1.0";

    public static IEndpointRouteBuilder MapLocalGraph(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var behavior = endpoints.ServiceProvider.GetRequiredService<LocalGraphBehavior>();
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("TeamsMeetBot.LocalGraph");
        LocalGraphLog.Started(logger, GraphBasePath, behavior.Current.Mode);

        var control = endpoints.MapGroup(Prefix).ExcludeFromDescription();
        control.MapGet("/_requests", ([FromServices] LocalGraphRecorder recorder) =>
            Results.Text(JsonSerializer.Serialize(recorder.Snapshot(), LocalGraphJsonContext.Default.IReadOnlyListRecordedGraphRequest), "application/json"));
        control.MapDelete("/_requests", ([FromServices] LocalGraphRecorder recorder) =>
        {
            recorder.Clear();
            return Results.NoContent();
        });
        control.MapGet("/_behavior", ([FromServices] LocalGraphBehavior current) =>
            Results.Text(JsonSerializer.Serialize(current.Current, LocalGraphJsonContext.Default.LocalGraphOptions), "application/json"));
        control.MapPost("/_behavior", SetBehaviorAsync);
        control.MapGet("/_keys/openid-configuration", (HttpContext context) =>
            Results.Text(LocalGraphSigningKey.Metadata($"{context.Request.Scheme}://{context.Request.Host}").ToJsonString(), "application/json"));
        control.MapGet("/_keys/jwks", ([FromServices] LocalGraphSigningKey key) => Results.Text(key.Keys().ToJsonString(), "application/json"));
        control.MapPost("/_calls/{callId}/leave/{userId}", SimulatedCallEndpoints.Leave);

        var graph = endpoints.MapGroup(GraphBasePath).ExcludeFromDescription().AddEndpointFilter<LocalGraphRequestFilter>();
        var meetings = graph.MapGroup("/users/{userId}/onlineMeetings");
        meetings.MapPost("", SimulatedOnlineMeetingEndpoints.Create);
        meetings.MapPost("/createOrGet", SimulatedOnlineMeetingEndpoints.CreateOrGet);
        meetings.MapGet("/{meetingId}", SimulatedOnlineMeetingEndpoints.Get);
        meetings.MapPatch("/{meetingId}", SimulatedOnlineMeetingEndpoints.Update);
        meetings.MapDelete("/{meetingId}", SimulatedOnlineMeetingEndpoints.Delete);
        graph.MapGet("/teams/{teamId}/tags", SimulatedTeamworkEndpoints.Tags);
        graph.MapGet("/teams/{teamId}/tags/{tagId}/members", SimulatedTeamworkEndpoints.TagMembers);
        graph.MapPost("/communications/calls", SimulatedCallEndpoints.Create);
        graph.MapPost("/communications/calls/{callId}/participants/invite", SimulatedCallEndpoints.Invite);
        graph.MapDelete("/communications/calls/{callId}", SimulatedCallEndpoints.Delete);
        graph.MapPost("/communications/calls/{callId}/keepAlive", SimulatedCallEndpoints.KeepAlive);
        graph.Map("/{**segments}", (string? segments, HttpContext context, [FromServices] TimeProvider time) =>
            GraphResponses.BadRequest(context, time, $"Resource not found for the segment '{LastSegment(segments)}'."));
        return endpoints;
    }

    private static async Task<IResult> SetBehaviorAsync(HttpContext context, [FromServices] LocalGraphBehavior behavior, [FromServices] ILoggerFactory loggers)
    {
        LocalGraphOptions? options;
        try
        {
            options = await JsonSerializer.DeserializeAsync(context.Request.Body, LocalGraphJsonContext.Default.LocalGraphOptions, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return Results.Text(new JsonObject { ["error"] = "The behaviour body is not valid: " + e.Message }.ToJsonString(), "application/json", Encoding.UTF8, StatusCodes.Status400BadRequest);
        }

        if (options is null)
        {
            return Results.Text(new JsonObject { ["error"] = "A LocalGraph options object is required." }.ToJsonString(), "application/json", Encoding.UTF8, StatusCodes.Status400BadRequest);
        }

        behavior.Apply(options);
        var logger = loggers.CreateLogger("TeamsMeetBot.LocalGraph");
        LocalGraphLog.BehaviorChanged(logger, options.Mode, options.LatencyMilliseconds);
        return Results.Text(JsonSerializer.Serialize(behavior.Current, LocalGraphJsonContext.Default.LocalGraphOptions), "application/json");
    }

    private static string LastSegment(string? segments) =>
        segments?.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
}
