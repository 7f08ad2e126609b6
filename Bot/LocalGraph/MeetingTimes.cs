using System.Globalization;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.LocalGraph;

/// <summary>Graph's rules for a new meeting's start and end (onlinemeeting-createorget, application-post-onlinemeetings).</summary>
internal static class MeetingTimes
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(1);

    /// <summary>
    /// No start and no end → now and now + 1 h; only a start → start + 1 h; an end without a start or an
    /// end before the start → an error message (Graph answers 400).
    /// </summary>
    public static string? ResolveForNewMeeting(JsonObject body, DateTimeOffset now, out DateTimeOffset start, out DateTimeOffset end)
    {
        var requestedStart = Read(body, "startDateTime");
        var requestedEnd = Read(body, "endDateTime");
        start = requestedStart ?? now;
        end = requestedEnd ?? start + DefaultDuration;
        if (requestedStart is null && requestedEnd is not null)
        {
            return "Invalid meeting times: endDateTime was provided without startDateTime.";
        }

        return end < start ? "Invalid meeting times: endDateTime must not be before startDateTime." : null;
    }

    /// <summary>The date-time at <paramref name="property"/>, or null when absent or JSON null (format is checked by the schema).</summary>
    public static DateTimeOffset? Read(JsonObject body, string property) =>
        body[property] is JsonValue value && value.TryGetValue(out string? text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;
}
