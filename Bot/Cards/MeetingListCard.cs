using System.Globalization;
using System.Text.Json.Nodes;
using TeamsMeetBot.Meetings;
using static TeamsMeetBot.Cards.CardElements;

namespace TeamsMeetBot.Cards;

/// <summary>
/// The answer to "list meetings": one entry per meeting, soonest first, each with its subject, when it is (in every
/// viewer's own zone), who organized it and a Join button. Its cards are where the meetings are changed or cancelled.
/// </summary>
public static class MeetingListCard
{
    /// <summary>The most meetings one card lists; a Teams message holds about 28 KB.</summary>
    public const int MaxShown = 10;

    /// <param name="heading">What is listed, as plain text (it may hold the words the sender typed).</param>
    /// <param name="withCount">Whether the heading ends with how many there are: "Meetings here still to come (2)".</param>
    /// <param name="withDialIn">"what's the dial-in?": each meeting with its meeting ID, dial-in numbers and conference ID.</param>
    public static JsonObject Build(string heading, IReadOnlyList<MeetingRecord> meetings, bool withCount, bool withDialIn = false)
    {
        var body = new JsonArray { Heading(CardText.Plain(heading) + (withCount ? " (" + meetings.Count.ToString(CultureInfo.InvariantCulture) + ")" : "")) };
        foreach (var meeting in meetings.Take(MaxShown))
        {
            var items = new JsonArray
            {
                Text(CardText.Plain(meeting.Subject), weight: "Bolder"),
                Text(MeetingCard.When(meeting), spacing: "None"),
                Text("Organized by " + CardText.Plain(meeting.Organizer.Name)
                    + (meeting.Attendees.Count > 0 ? " · " + meeting.Attendees.Count.ToString(CultureInfo.InvariantCulture) + (meeting.Attendees.Count == 1 ? " person" : " people") + " invited" : ""),
                    subtle: true, spacing: "None"),
            };
            if (withDialIn)
            {
                items.Add(meeting.DialInNumber is { Length: > 0 }
                    ? Facts(MeetingCard.JoinFacts(meeting))
                    : Text("No dial-in number: the organizer has no audio conferencing in Teams, so join with the link.", subtle: true, size: "Small"));
            }

            if (Uri.TryCreate(meeting.JoinWebUrl, UriKind.Absolute, out var join) && join.Scheme == Uri.UriSchemeHttps)
            {
                items.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray { OpenUrl("Join", meeting.JoinWebUrl) } });
            }

            body.Add(Container(items, separator: true));
        }

        if (meetings.Count > MaxShown)
        {
            int more = meetings.Count - MaxShown;
            body.Add(Text($"and {more.ToString(CultureInfo.InvariantCulture)} more: name a day to see them, e.g. “what's on tomorrow”.", subtle: true, separator: true));
        }

        body.Add(Text("To change or cancel one, use the buttons on its own card, or say, e.g., “move the budget meeting to 4pm”.", subtle: true, size: "Small", separator: true));
        return Card(body, fallbackText: heading + ": " + string.Join("; ", meetings.Take(MaxShown).Select(m => m.Subject)));
    }
}
