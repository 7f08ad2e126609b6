using System.Globalization;
using System.Text.Json.Nodes;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Scheduling;
using static TeamsMeetBot.Cards.CardElements;

namespace TeamsMeetBot.Cards;

/// <summary>
/// The scheduling card (date, time, length and subject, prefilled with what the bot understood; the people and the
/// sender's time zone ride along in the action data), its "created" state, and the "starting now" reminder.
/// </summary>
public static class SchedulingCard
{
    public const string CreateVerb = "scheduleMeeting";
    public const string DateInput = "meetingDate";
    public const string TimeInput = "meetingTime";
    public const string DurationInput = "meetingDuration";
    public const string SubjectInput = "meetingSubject";
    public const string TimeZoneData = "timeZone";
    public const string TimeZoneAssumedData = "timeZoneAssumed";
    public const string PeopleData = "people";
    public const string ExcludedData = "except";
    public const string EveryoneData = "everyone";
    public const string RequesterData = "requester";
    public const string LocationData = "where";

    /// <summary>Longest place carried through the card ("conference room Everest, building 4").</summary>
    public const int MaxLocationLength = 100;
    public const int MaxSubjectLength = 250;

    /// <summary>The lengths offered; the requested one is added when it is not among them.</summary>
    public static readonly IReadOnlyList<int> DurationChoices = [15, 30, 45, 60, 90, 120];

    public static JsonObject Build(SchedulingForm form, string? problem)
    {
        var body = new JsonArray { Heading("Set up a meeting") };
        if (!string.IsNullOrWhiteSpace(problem))
        {
            body.Add(Text(CardText.Plain(problem), color: "Attention", size: "Small"));
        }

        body.Add(Text("Times are in " + CardText.Plain(form.TimeZoneId) + (form.TimeZoneAssumed ? " (assumed: your Teams client didn't say which zone you are in)" : "") + ".", subtle: true, size: "Small"));

        var date = new JsonObject { ["type"] = "Input.Date", ["id"] = DateInput, ["label"] = "Date", ["isRequired"] = true, ["errorMessage"] = "Pick a date", ["min"] = Iso(form.Today) };
        if (form.Date is { } d)
        {
            date["value"] = Iso(d);
        }

        var time = new JsonObject { ["type"] = "Input.Time", ["id"] = TimeInput, ["label"] = "Start time", ["isRequired"] = true, ["errorMessage"] = "Pick a start time" };
        if (form.Time is { } t)
        {
            time["value"] = t.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        var choices = new JsonArray();
        foreach (int minutes in DurationChoices.Append(form.DurationMinutes).Distinct().Order())
        {
            choices.Add(new JsonObject { ["title"] = ZonedMinutes(minutes), ["value"] = minutes.ToString(CultureInfo.InvariantCulture) });
        }

        body.Add(new JsonObject
        {
            ["type"] = "ColumnSet",
            ["columns"] = new JsonArray
            {
                new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = new JsonArray { date } },
                new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = new JsonArray { time } },
            },
        });
        body.Add(new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = DurationInput,
            ["label"] = "Length",
            ["style"] = "compact",
            ["isRequired"] = true,
            ["value"] = form.DurationMinutes.ToString(CultureInfo.InvariantCulture),
            ["choices"] = choices,
        });
        var subject = new JsonObject { ["type"] = "Input.Text", ["id"] = SubjectInput, ["label"] = "Subject", ["maxLength"] = MaxSubjectLength, ["placeholder"] = "What is it about? (optional)" };
        if (!string.IsNullOrWhiteSpace(form.Subject))
        {
            subject["value"] = form.Subject;
        }

        body.Add(subject);
        string except = form.Excluded.Count > 0 ? " except " + string.Join(", ", form.Excluded.Select(p => CardText.Plain(p.Name))) : "";
        if (form.InviteEveryone)
        {
            body.Add(Text("With everyone in this conversation" + except, subtle: true));
        }
        else if (form.People.Count > 0)
        {
            body.Add(Text("With " + string.Join(", ", form.People.Select(p => CardText.Plain(p.Name))), subtle: true));
        }

        if (form.Location is { Length: > 0 } place)
        {
            body.Add(Text("Where: " + CardText.Plain(place) + " (not booked: add a room in Outlook or the Teams calendar)", subtle: true));
        }

        var people = new JsonArray();
        foreach (var person in form.People)
        {
            people.Add(new JsonObject { ["id"] = person.Id, ["name"] = person.Name, ["tag"] = person.IsTag });
        }

        var excluded = new JsonArray();
        foreach (var person in form.Excluded)
        {
            excluded.Add(new JsonObject { ["id"] = person.Id, ["name"] = person.Name, ["tag"] = person.IsTag });
        }

        var data = new JsonObject
        {
            [TimeZoneData] = form.TimeZoneId,
            [TimeZoneAssumedData] = form.TimeZoneAssumed,
            [PeopleData] = people,
            [EveryoneData] = form.InviteEveryone,
        };
        if (excluded.Count > 0)
        {
            data[ExcludedData] = excluded;
        }
        if (form.RequesterAadObjectId is not null)
        {
            data[RequesterData] = form.RequesterAadObjectId;
        }

        if (form.Location is { Length: > 0 } where)
        {
            data[LocationData] = where;
        }

        var create = Execute("Create meeting", CreateVerb, data, style: "positive");
        return Card(body, new JsonArray { create }, fallbackText: "Set up a meeting: type it instead, e.g. meet tomorrow at 10:00 for 30 min.");
    }

    /// <summary>What the scheduling card turns into once the meeting exists (the meeting card itself is posted separately).</summary>
    public static JsonObject BuildCreated(MeetingRecord meeting)
    {
        var body = new JsonArray
        {
            Text("Meeting created: " + CardText.Plain(meeting.Subject), weight: "Bolder", color: "Good"),
            Text(CardTime.Date(meeting.StartUtc, "LONG") + ", " + CardTime.Time(meeting.StartUtc) + " – " + CardTime.Time(meeting.EndUtc), spacing: "Small"),
            Text("See the meeting card for the join link and details.", subtle: true),
        };
        return Card(body, fallbackText: "Meeting created: " + meeting.Subject);
    }

    /// <summary>The short "starting now — Join" message posted at the start (less the lead time) of a scheduled meeting.</summary>
    public static JsonObject BuildStartReminder(MeetingRecord meeting)
    {
        var body = new JsonArray
        {
            Text("Starting now — " + CardText.Plain(meeting.Subject), weight: "Bolder", size: "Medium"),
            Text(CardTime.Time(meeting.StartUtc) + " – " + CardTime.Time(meeting.EndUtc), subtle: true, spacing: "None"),
        };
        return Card(body, new JsonArray { OpenUrl("Join", meeting.JoinWebUrl, style: "positive") }, fallbackText: "Starting now — " + meeting.Subject + ": " + meeting.JoinWebUrl);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ZonedMinutes(int minutes) =>
        minutes < 60 ? minutes.ToString(CultureInfo.InvariantCulture) + " min"
        : minutes % 60 == 0 ? (minutes / 60).ToString(CultureInfo.InvariantCulture) + " h"
        : (minutes / 60).ToString(CultureInfo.InvariantCulture) + " h " + (minutes % 60).ToString(CultureInfo.InvariantCulture) + " min";
}
