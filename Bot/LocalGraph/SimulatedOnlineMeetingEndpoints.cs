using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// <c>/users/{userId}/onlineMeetings</c> of the simulated Graph: POST, createOrGet, GET, PATCH, DELETE, with
/// request bodies validated against the strict Graph schema.
/// </summary>
internal static class SimulatedOnlineMeetingEndpoints
{
    public static IResult Create(
        string userId,
        HttpContext context,
        [FromServices] GraphSchemaValidator validator,
        [FromServices] SimulatedMeetingStore store,
        [FromServices] SimulatedOnlineMeetingFactory factory,
        [FromServices] TimeProvider time)
    {
        if (LocalGraphRequest.ValidBody(context, validator, time, GraphSchemaDefinitions.OnlineMeeting, out var body) is { } invalid)
        {
            return invalid;
        }

        if (MeetingTimes.ResolveForNewMeeting(body, time.GetUtcNow(), out var start, out var end) is { } timesError)
        {
            return GraphResponses.BadRequest(context, time, timesError);
        }

        var meeting = store.Add(userId, factory.Create(userId, body, start, end, externalId: null));
        return GraphResponses.Json(meeting, StatusCodes.Status201Created);
    }

    public static IResult CreateOrGet(
        string userId,
        HttpContext context,
        [FromServices] GraphSchemaValidator validator,
        [FromServices] SimulatedMeetingStore store,
        [FromServices] SimulatedOnlineMeetingFactory factory,
        [FromServices] TimeProvider time)
    {
        if (LocalGraphRequest.ValidBody(context, validator, time, GraphSchemaDefinitions.CreateOrGetOnlineMeeting, out var body) is { } invalid)
        {
            return invalid;
        }

        if (body["externalId"]?.GetValue<string>() is not { Length: > 0 } externalId)
        {
            return GraphResponses.BadRequest(context, time, "Invalid request body: property 'externalId' is required for createOrGet.");
        }

        if (MeetingTimes.ResolveForNewMeeting(body, time.GetUtcNow(), out var start, out var end) is { } timesError)
        {
            return GraphResponses.BadRequest(context, time, timesError);
        }

        var (meeting, created) = store.CreateOrGet(userId, externalId, () => factory.Create(userId, body, start, end, externalId));
        return GraphResponses.Json(meeting, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    public static IResult Get(string userId, string meetingId, HttpContext context, [FromServices] SimulatedMeetingStore store, [FromServices] TimeProvider time) =>
        store.Get(userId, meetingId) is { } meeting
            ? GraphResponses.Json(meeting, StatusCodes.Status200OK)
            : MeetingNotFound(context, time, userId, meetingId);

    public static IResult Update(
        string userId,
        string meetingId,
        HttpContext context,
        [FromServices] GraphSchemaValidator validator,
        [FromServices] SimulatedMeetingStore store,
        [FromServices] TimeProvider time)
    {
        if (LocalGraphRequest.ValidBody(context, validator, time, GraphSchemaDefinitions.OnlineMeeting, out var body) is { } invalid)
        {
            return invalid;
        }

        var (meeting, error) = store.Update(userId, meetingId, current => MeetingPatch.Apply(current, body));
        return error is not null ? GraphResponses.BadRequest(context, time, error)
            : meeting is not null ? GraphResponses.Json(meeting, StatusCodes.Status200OK)
            : MeetingNotFound(context, time, userId, meetingId);
    }

    public static IResult Delete(string userId, string meetingId, HttpContext context, [FromServices] SimulatedMeetingStore store, [FromServices] TimeProvider time) =>
        store.Delete(userId, meetingId) ? Results.NoContent() : MeetingNotFound(context, time, userId, meetingId);

    private static IResult MeetingNotFound(HttpContext context, TimeProvider time, string userId, string meetingId) =>
        GraphResponses.NotFound(context, time, $"The online meeting '{meetingId}' was not found for user '{userId}'.");
}
