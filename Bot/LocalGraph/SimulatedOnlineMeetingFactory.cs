using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// Builds new onlineMeeting documents the way Graph returns them: generated id, chat thread, join links,
/// dial-in and join-meeting-id coordinates, default settings, organizer from the request path.
/// </summary>
public sealed class SimulatedOnlineMeetingFactory
{
    /// <summary>Properties Graph generates; a value sent for them at creation is not used.</summary>
    private static readonly HashSet<string> Generated = new(StringComparer.Ordinal)
    {
        "id", "creationDateTime", "startDateTime", "endDateTime", "joinWebUrl", "joinUrl", "externalId", "participants",
        "joinMeetingIdSettings", "audioConferencing", "chatInfo", "videoTeleconferenceId", "joinInformation", "meetingOptionsWebUrl",
    };

    private readonly TimeProvider _time;
    private readonly LocalGraphBehavior _behavior;

    public SimulatedOnlineMeetingFactory(TimeProvider time, LocalGraphBehavior behavior)
    {
        _time = time;
        _behavior = behavior;
    }

    /// <param name="organizerId">The user id from the request path.</param>
    /// <param name="body">The validated request body (onlineMeeting or createOrGet parameters).</param>
    public JsonObject Create(string organizerId, JsonObject body, DateTimeOffset start, DateTimeOffset end, string? externalId)
    {
        ArgumentNullException.ThrowIfNull(body);
        var behavior = _behavior.Current;
        string tenantId = behavior.TenantId;
        string threadId = body["chatInfo"]?["threadId"]?.GetValue<string>() is { Length: > 0 } sentThread
            ? sentThread
            : $"19:meeting_{Convert.ToBase64String(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("D"))).TrimEnd('=')}@thread.v2";
        string joinWebUrl = JoinWebUrl(threadId, tenantId, organizerId);
        string conferenceId = Digits(9);
        bool passcodeRequired = body["joinMeetingIdSettings"]?["isPasscodeRequired"]?.GetValue<bool>() ?? false;
        string tollNumber = "+1206555" + Digits(4);
        string tollFreeNumber = "+1800555" + Digits(4);
        behavior.Users.TryGetValue(organizerId, out var organizer);

        var meeting = new JsonObject
        {
            ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#users('{organizerId}')/onlineMeetings/$entity",
            ["id"] = MeetingId(organizerId, threadId),
            ["creationDateTime"] = GraphResponses.FormatDateTime(_time.GetUtcNow()),
            ["startDateTime"] = GraphResponses.FormatDateTime(start),
            ["endDateTime"] = GraphResponses.FormatDateTime(end),
            ["joinUrl"] = joinWebUrl,
            ["joinWebUrl"] = joinWebUrl,
            ["meetingOptionsWebUrl"] = "https://teams.microsoft.com/meetingOptions/?organizerId=" + Uri.EscapeDataString(organizerId)
                + "&tenantId=" + Uri.EscapeDataString(tenantId) + "&threadId=" + Uri.EscapeDataString(threadId) + "&messageId=0&language=en-US",
            ["subject"] = null,
            ["externalId"] = externalId,
            ["isBroadcast"] = false,
            ["isEntryExitAnnounced"] = true,
            ["allowedPresenters"] = "everyone",
            ["allowMeetingChat"] = "enabled",
            ["allowAttendeeToEnableCamera"] = true,
            ["allowAttendeeToEnableMic"] = true,
            ["allowTeamworkReactions"] = true,
            ["allowRecording"] = true,
            ["allowTranscription"] = true,
            ["recordAutomatically"] = false,
            ["videoTeleconferenceId"] = null,
            ["lobbyBypassSettings"] = new JsonObject { ["scope"] = "organization", ["isDialInBypassEnabled"] = false },
            ["chatInfo"] = new JsonObject { ["threadId"] = threadId, ["messageId"] = "0", ["replyChainMessageId"] = null },
            ["joinMeetingIdSettings"] = new JsonObject
            {
                ["isPasscodeRequired"] = passcodeRequired,
                ["joinMeetingId"] = Digits(14),
                ["passcode"] = passcodeRequired ? Passcode() : null,
            },
            ["audioConferencing"] = new JsonObject
            {
                ["conferenceId"] = conferenceId,
                ["tollNumber"] = tollNumber,
                ["tollNumbers"] = new JsonArray(tollNumber),
                ["tollFreeNumber"] = tollFreeNumber,
                ["tollFreeNumbers"] = new JsonArray(tollFreeNumber),
                ["dialinUrl"] = $"https://dialin.teams.microsoft.com/{Guid.NewGuid():D}?id={conferenceId}",
            },
            ["joinInformation"] = new JsonObject
            {
                ["content"] = "data:text/html," + Uri.EscapeDataString(
                    $"<div>Microsoft Teams meeting (simulated)</div><a href=\"{joinWebUrl}\">Join the meeting now</a>"),
                ["contentType"] = "html",
            },
            ["participants"] = new JsonObject
            {
                ["organizer"] = new JsonObject
                {
                    ["identity"] = new JsonObject
                    {
                        ["user"] = new JsonObject
                        {
                            ["id"] = organizerId,
                            ["displayName"] = organizer?.DisplayName,
                            ["tenantId"] = tenantId,
                            ["identityProvider"] = "AAD",
                        },
                    },
                    ["upn"] = organizer?.UserPrincipalName,
                    ["role"] = "presenter",
                },
                ["attendees"] = body["participants"]?["attendees"]?.DeepClone() ?? new JsonArray(),
            },
        };

        foreach (var (name, value) in body)
        {
            if (!Generated.Contains(name) && !name.StartsWith('@'))
            {
                meeting[name] = value?.DeepClone();
            }
        }

        return meeting;
    }

    /// <summary>Teams' long join link form: <c>/l/meetup-join/{thread}/0?context={"Tid","Oid"}</c>, lower-case escapes.</summary>
    private static string JoinWebUrl(string threadId, string tenantId, string organizerId)
    {
        string thread = threadId.Replace(":", "%3a", StringComparison.Ordinal).Replace("@", "%40", StringComparison.Ordinal);
        string context = "%7b%22Tid%22%3a%22" + tenantId + "%22%2c%22Oid%22%3a%22" + organizerId + "%22%7d";
        return $"https://teams.microsoft.com/l/meetup-join/{thread}/0?context={context}";
    }

    /// <summary>Graph's ids are base64 of <c>1*{organizer}*0**{thread}</c>; URL-safe alphabet here so the id is a plain path segment.</summary>
    private static string MeetingId(string organizerId, string threadId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"1*{organizerId}*0**{threadId}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Digits(int count)
    {
        var digits = new StringBuilder(count);
        digits.Append((char)('1' + RandomNumberGenerator.GetInt32(9)));
        while (digits.Length < count)
        {
            digits.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }

        return digits.ToString();
    }

    private static string Passcode() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 6);
}
