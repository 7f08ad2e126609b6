using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// <c>/communications/calls</c> of the simulated Graph: join a meeting's call (service-hosted media only), invite
/// people into it, hang up; bodies validated against the strict Graph schema. After each, notifications follow in
/// the background like Graph's (reference §2.3–§2.4): establishing → established → roster with the bot and the
/// people already there; invited people join after <see cref="LocalGraphOptions.InviteAnswerDelayMilliseconds"/>
/// unless listed in <see cref="LocalGraphOptions.NoAnswerUsers"/> (then nothing arrives: Teams sends no decline
/// event); terminated after DELETE, or when the last person leaves (control endpoint <c>/_local/graph/_calls/{id}/leave/{userId}</c>).
/// </summary>
internal static class SimulatedCallEndpoints
{
    public static IResult Create(
        HttpContext context,
        [FromServices] GraphSchemaValidator validator,
        [FromServices] SimulatedCallStore calls,
        [FromServices] SimulatedCallNotifier notifier,
        [FromServices] LocalGraphBehavior behavior,
        [FromServices] TimeProvider time)
    {
        if (LocalGraphRequest.ValidBody(context, validator, time, GraphSchemaDefinitions.Call, out var body) is { } invalid)
        {
            return invalid;
        }

        string? mediaType = body["mediaConfig"]?["@odata.type"]?.GetValue<string>();
        if (!string.Equals(mediaType, "#microsoft.graph.serviceHostedMediaConfig", StringComparison.OrdinalIgnoreCase))
        {
            return GraphResponses.BadRequest(context, time, "The simulated Graph only supports service-hosted media (mediaConfig of type #microsoft.graph.serviceHostedMediaConfig).");
        }

        if (body["callbackUri"]?.GetValue<string>() is not { } callback || !Uri.TryCreate(callback, UriKind.Absolute, out var callbackUri)
            || !(callbackUri.Scheme == Uri.UriSchemeHttps || callbackUri.IsLoopback) || !callbackUri.IsLoopback)
        {
            return GraphResponses.BadRequest(context, time, "callbackUri must be an absolute URL; the simulated Graph only calls back to loopback addresses.");
        }

        string? threadId = body["chatInfo"]?["threadId"]?.GetValue<string>();
        string? organizerId = body["meetingInfo"]?["organizer"]?["user"]?["id"]?.GetValue<string>();
        string? organizerName = body["meetingInfo"]?["organizer"]?["user"]?["displayName"]?.GetValue<string>();
        string? meetingInfoType = body["meetingInfo"]?["@odata.type"]?.GetValue<string>();
        if (string.IsNullOrEmpty(threadId) || string.IsNullOrEmpty(organizerId)
            || !string.Equals(meetingInfoType, "#microsoft.graph.organizerMeetingInfo", StringComparison.OrdinalIgnoreCase))
        {
            return GraphResponses.BadRequest(context, time, "Joining a meeting needs chatInfo.threadId and meetingInfo of type #microsoft.graph.organizerMeetingInfo with the organizer's user id.");
        }

        var current = behavior.Current;
        string tenantId = body["tenantId"]?.GetValue<string>() is { Length: > 0 } sentTenant ? sentTenant : current.TenantId;
        var call = new SimulatedCall(Guid.NewGuid().ToString("D"), tenantId, callbackUri, Guid.NewGuid().ToString("D"), behavior.AppId);
        lock (call.Gate)
        {
            if (current.OrganizerInCall)
            {
                call.People[Guid.NewGuid().ToString("D")] = (organizerId, NameOf(current, organizerId) ?? organizerName);
            }

            foreach (string userId in current.CallParticipants)
            {
                call.People[Guid.NewGuid().ToString("D")] = (userId, NameOf(current, userId));
            }
        }

        calls.Add(call);
        var response = (JsonObject)body.DeepClone();
        response["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#communications/calls/$entity";
        response["id"] = call.Id;
        response["state"] = "establishing";
        response["direction"] = "outgoing";
        response["myParticipantId"] = call.MyParticipantId;
        response["callChainId"] = Guid.NewGuid().ToString("D");
        response["source"] = new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.participantInfo",
            ["identity"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.identitySet", ["application"] = BotIdentity(call) },
        };
        context.Response.Headers.Location = "https://graph.microsoft.com/v1.0/communications/calls/" + call.Id;

        notifier.Send(call, TimeSpan.Zero, () =>
        [
            SimulatedCallNotifier.Envelope(call, "updated", CallPath(call), CallState(call, "establishing")),
            SimulatedCallNotifier.Envelope(call, "updated", CallPath(call), CallState(call, "established")),
            Roster(call),
        ]);
        return GraphResponses.Json(response, StatusCodes.Status201Created);
    }

    public static IResult Invite(
        string callId,
        HttpContext context,
        [FromServices] GraphSchemaValidator validator,
        [FromServices] SimulatedCallStore calls,
        [FromServices] SimulatedCallNotifier notifier,
        [FromServices] LocalGraphBehavior behavior,
        [FromServices] TimeProvider time)
    {
        if (LocalGraphRequest.ValidBody(context, validator, time, GraphSchemaDefinitions.InviteParticipants, out var body) is { } invalid)
        {
            return invalid;
        }

        if (calls.Get(callId) is not { Terminated: false } call)
        {
            return CallNotFound(context, time, callId);
        }

        var participants = body["participants"] as JsonArray ?? [];
        if (participants.Count == 0 || participants.Count > 5)
        {
            return GraphResponses.BadRequest(context, time, "Between 1 and 5 participants can be invited per request.");
        }

        var current = behavior.Current;
        var invited = participants
            .Select(p => (Id: p?["identity"]?["user"]?["id"]?.GetValue<string>(), Name: p?["identity"]?["user"]?["displayName"]?.GetValue<string>()))
            .ToList();
        if (invited.Any(p => string.IsNullOrEmpty(p.Id)))
        {
            return GraphResponses.BadRequest(context, time, "Each invited participant needs identity.user.id.");
        }

        string operationId = Guid.NewGuid().ToString("D");
        string? clientContext = body["clientContext"]?.GetValue<string>();
        var operation = new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.inviteParticipantsOperation",
            ["id"] = operationId,
            ["status"] = "running",
            ["clientContext"] = clientContext,
            ["resultInfo"] = null,
            ["participants"] = participants.DeepClone(),
        };

        var answering = invited.Where(p => !current.NoAnswerUsers.Contains(p.Id!, StringComparer.OrdinalIgnoreCase)).ToList();
        if (answering.Count > 0)
        {
            notifier.Send(call, TimeSpan.FromMilliseconds(Math.Max(0, current.InviteAnswerDelayMilliseconds)), () =>
            {
                lock (call.Gate)
                {
                    if (call.Terminated)
                    {
                        return [];
                    }

                    foreach (var (id, name) in answering)
                    {
                        if (!call.People.Values.Any(p => string.Equals(p.UserId, id, StringComparison.OrdinalIgnoreCase)))
                        {
                            call.People[Guid.NewGuid().ToString("D")] = (id!, NameOf(current, id!) ?? name);
                        }
                    }
                }

                var completed = (JsonObject)operation.DeepClone();
                completed["status"] = "completed";
                return [Roster(call), SimulatedCallNotifier.Envelope(call, "deleted", CallPath(call) + "/operations/" + operationId, completed)];
            });
        }

        return GraphResponses.Json(operation, StatusCodes.Status200OK);
    }

    public static IResult Delete(string callId, HttpContext context, [FromServices] SimulatedCallStore calls, [FromServices] SimulatedCallNotifier notifier, [FromServices] TimeProvider time)
    {
        if (calls.Get(callId) is not { } call || !TryTerminate(call))
        {
            return CallNotFound(context, time, callId);
        }

        notifier.Send(call, TimeSpan.Zero, () => [Terminated(call, 7000, "The call was ended by the application.")]);
        return Results.NoContent();
    }

    /// <summary><c>POST /communications/calls/{id}/keepAlive</c>: 200 while the call exists, 404 (8522 "call not found") after it ended.</summary>
    public static IResult KeepAlive(string callId, HttpContext context, [FromServices] SimulatedCallStore calls, [FromServices] TimeProvider time) =>
        calls.Get(callId) is { Terminated: false } ? Results.Ok() : CallNotFound(context, time, callId);

    /// <summary>Control endpoint: someone leaves the call; when the last person has left, the call ends.</summary>
    public static IResult Leave(string callId, string userId, [FromServices] SimulatedCallStore calls, [FromServices] SimulatedCallNotifier notifier)
    {
        if (calls.Get(callId) is not { Terminated: false } call)
        {
            return Results.NotFound();
        }

        bool last;
        lock (call.Gate)
        {
            var leaving = call.People.Where(p => string.Equals(p.Value.UserId, userId, StringComparison.OrdinalIgnoreCase)).Select(p => p.Key).ToList();
            if (leaving.Count == 0)
            {
                return Results.NotFound();
            }

            foreach (string participantId in leaving)
            {
                call.People.Remove(participantId);
            }

            last = call.People.Count == 0;
        }

        if (last && TryTerminate(call))
        {
            notifier.Send(call, TimeSpan.Zero, () => [Roster(call), Terminated(call, 5002, "All other participants left the call.")]);
        }
        else
        {
            notifier.Send(call, TimeSpan.Zero, () => [Roster(call)]);
        }

        return Results.NoContent();
    }

    private static bool TryTerminate(SimulatedCall call)
    {
        lock (call.Gate)
        {
            if (call.Terminated)
            {
                return false;
            }

            call.Terminated = true;
            return true;
        }
    }

    private static string CallPath(SimulatedCall call) => "/communications/calls/" + call.Id;

    private static JsonObject CallState(SimulatedCall call, string state) => new()
    {
        ["@odata.type"] = "#microsoft.graph.call",
        ["state"] = state,
        ["id"] = call.Id,
    };

    private static JsonObject Terminated(SimulatedCall call, int subcode, string message) =>
        SimulatedCallNotifier.Envelope(call, "deleted", CallPath(call), new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.call",
            ["state"] = "terminated",
            ["id"] = call.Id,
            ["resultInfo"] = new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.resultInfo",
                ["code"] = 200,
                ["subcode"] = subcode,
                ["message"] = message,
            },
        });

    /// <summary>The whole roster: the bot's own leg and every person in the call.</summary>
    private static JsonObject Roster(SimulatedCall call)
    {
        var roster = new JsonArray { Participant(call.MyParticipantId, new JsonObject { ["application"] = BotIdentity(call) }) };
        lock (call.Gate)
        {
            foreach (var (participantId, (userId, name)) in call.People)
            {
                var user = new JsonObject { ["@odata.type"] = "#microsoft.graph.identity", ["id"] = userId, ["tenantId"] = call.TenantId };
                if (name is not null)
                {
                    user["displayName"] = name;
                }

                roster.Add(Participant(participantId, new JsonObject { ["user"] = user }));
            }
        }

        return SimulatedCallNotifier.Envelope(call, "updated", CallPath(call) + "/participants", roster);
    }

    private static JsonObject Participant(string participantId, JsonObject identity)
    {
        identity["@odata.type"] = "#microsoft.graph.identitySet";
        return new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.participant",
            ["info"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.participantInfo", ["identity"] = identity, ["endpointType"] = "default" },
            ["mediaStreams"] = new JsonArray(new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.mediaStream",
                ["mediaType"] = "audio",
                ["sourceId"] = "1",
                ["direction"] = "sendReceive",
                ["serverMuted"] = false,
            }),
            ["isMuted"] = false,
            ["isInLobby"] = false,
            ["id"] = participantId,
        };
    }

    private static JsonObject BotIdentity(SimulatedCall call) => new()
    {
        ["@odata.type"] = "#microsoft.graph.identity",
        ["id"] = call.BotAppId,
        ["displayName"] = "TeamsMeetBot",
    };

    private static string? NameOf(LocalGraphOptions options, string userId) =>
        options.Users.TryGetValue(userId, out var user) && user.DisplayName is { Length: > 0 } name ? name : null;

    private static IResult CallNotFound(HttpContext context, TimeProvider time, string callId) =>
        GraphResponses.Error(context, time, StatusCodes.Status404NotFound, "8522", $"Call '{callId}' was not found (it may have ended).");
}
