using System.Text.Json.Nodes;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// Graph's PATCH rules for an onlineMeeting (onlinemeeting-update): only sent properties change; start and
/// end come together and end is not before start; attendees are replaced as a whole list; the organizer,
/// joinMeetingIdSettings and the generated properties cannot change. Complex values are merged one level.
/// </summary>
internal static class MeetingPatch
{
    private static readonly HashSet<string> ReadOnly = new(StringComparer.Ordinal)
    {
        "id", "creationDateTime", "joinWebUrl", "joinUrl", "externalId", "chatInfo", "audioConferencing",
        "videoTeleconferenceId", "joinInformation", "meetingOptionsWebUrl", "isBroadcast", "joinMeetingIdSettings",
    };

    /// <summary>Applies <paramref name="patch"/> to <paramref name="meeting"/>; returns an error message (nothing applied) or null.</summary>
    public static string? Apply(JsonObject meeting, JsonObject patch)
    {
        if (patch.Select(p => p.Key).FirstOrDefault(ReadOnly.Contains) is { } readOnly)
        {
            return $"Invalid request body: property '{readOnly}' cannot be updated.";
        }

        bool hasStart = patch.ContainsKey("startDateTime");
        bool hasEnd = patch.ContainsKey("endDateTime");
        if (hasStart != hasEnd)
        {
            return "Invalid meeting times: startDateTime and endDateTime must be updated together.";
        }

        var start = MeetingTimes.Read(patch, "startDateTime");
        var end = MeetingTimes.Read(patch, "endDateTime");
        if (hasStart && (start is null || end is null))
        {
            return "Invalid meeting times: startDateTime and endDateTime cannot be null.";
        }

        if (end < start)
        {
            return "Invalid meeting times: endDateTime must not be before startDateTime.";
        }

        if (patch["participants"] is JsonObject participants && OrganizerChanged(meeting, participants))
        {
            return "Invalid request body: the organizer of a meeting cannot be changed.";
        }

        foreach (var (name, value) in patch.ToList())
        {
            switch (name)
            {
                case var annotation when annotation.StartsWith('@'):
                    break;
                case "startDateTime":
                    meeting[name] = GraphResponses.FormatDateTime(start!.Value);
                    break;
                case "endDateTime":
                    meeting[name] = GraphResponses.FormatDateTime(end!.Value);
                    break;
                case "participants":
                    if (value is JsonObject { } sent && sent["attendees"] is { } attendees && meeting["participants"] is JsonObject current)
                    {
                        current["attendees"] = attendees.DeepClone();
                    }

                    break;
                default:
                    if (value is JsonObject complex && meeting[name] is JsonObject existing)
                    {
                        foreach (var (inner, innerValue) in complex)
                        {
                            existing[inner] = innerValue?.DeepClone();
                        }
                    }
                    else
                    {
                        meeting[name] = value?.DeepClone();
                    }

                    break;
            }
        }

        return null;
    }

    private static bool OrganizerChanged(JsonObject meeting, JsonObject participants)
    {
        if (!participants.ContainsKey("organizer"))
        {
            return false;
        }

        string? sent = participants["organizer"]?["identity"]?["user"]?["id"]?.GetValue<string>();
        string? current = meeting["participants"]?["organizer"]?["identity"]?["user"]?["id"]?.GetValue<string>();
        return sent is null || !string.Equals(sent, current, StringComparison.OrdinalIgnoreCase);
    }
}
