using System.Globalization;
using System.Text.Json.Nodes;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Calls;
using TeamsMeetBot.Meetings;
using static TeamsMeetBot.Cards.CardElements;

namespace TeamsMeetBot.Cards;

/// <summary>
/// The meeting card: subject, organizer, when (in each viewer's own time), who was invited as real
/// mentions (meetings made through /onlineMeetings send no invitations, so the mention is how people
/// are notified), who could not be added, join details and buttons. A pure function of the record.
/// </summary>
public static class MeetingCard
{
    public const string CancelVerb = "cancelMeeting";
    public const string JoinCallVerb = "joinCall";
    public const string RingVerb = "ringAttendees";
    public const string LeaveCallVerb = "leaveCall";

    /// <summary>Most names listed in the call section, so the card stays well under Teams' 28 KB.</summary>
    private const int MaxNamesShown = 20;

    /// <param name="meeting">The meeting.</param>
    /// <param name="calls">Null when calling is not set up (no call buttons); else the meeting's call, if any.</param>
    public static JsonObject Build(MeetingRecord meeting, CallCardView? calls = null)
    {
        bool cancelled = meeting.Status == MeetingStatus.Cancelled;
        var body = new JsonArray
        {
            Text((cancelled ? "Cancelled: " : "") + CardText.Plain(meeting.Subject), weight: "Bolder", size: "Large", color: cancelled ? "Attention" : null),
            Text("Organized by " + CardText.Plain(meeting.Organizer.Name), subtle: true, spacing: "None"),
            Text(When(meeting), spacing: "Small"),
        };

        if (meeting.TimeZoneAssumed && meeting.IsScheduled)
        {
            body.Add(Text("Your Teams client didn't tell me your time zone, so I read the time you typed as " + CardText.Plain(meeting.TimeZoneId ?? "UTC") + ". The time above is shown in each person's own zone.", subtle: true, size: "Small"));
        }

        if (meeting.Location is { Length: > 0 } place && !cancelled)
        {
            // A Teams online meeting books no room: say where it was asked to be, and that the room is not booked.
            body.Add(Text("Where: " + CardText.Plain(place) + ". I don't book rooms: add one in Outlook or the Teams calendar; the join link works for everyone else.", subtle: true, size: "Small"));
        }

        var entities = new JsonArray();
        if (meeting.Attendees.Count > 0)
        {
            var mentions = new List<string>(meeting.Attendees.Count);
            foreach (var person in meeting.Attendees)
            {
                string markup = MentionMarkup.For(person.Name);
                mentions.Add(markup);
                entities.Add(new JsonObject
                {
                    ["type"] = "mention",
                    ["text"] = markup,
                    ["mentioned"] = new JsonObject { ["id"] = person.TeamsId ?? person.AadObjectId ?? person.UserPrincipalName, ["name"] = person.Name },
                });
            }

            body.Add(Text("Invited: " + string.Join(", ", mentions), separator: true));
        }
        else if (!cancelled)
        {
            // With people named who could not be added, the line below says who and why; the hint would only repeat it.
            body.Add(Text(meeting.NotInvited.Count > 0 ? "No one was invited: share the link." : "No one was invited: share the link, or mention people next time (meet now with @Alice).", subtle: true, separator: true));
        }

        if (meeting.NotInvited.Count > 0 && !cancelled)
        {
            string list = string.Join("; ", meeting.NotInvited.Select(n => CardText.Plain(n.Name) + " (" + CardText.Plain(n.Reason) + ")"));
            body.Add(Text("Couldn't add: " + list, color: "Warning", size: "Small"));
        }

        if (!cancelled && JoinFacts(meeting) is { Count: > 0 } facts)
        {
            body.Add(Facts(facts));
        }
        else
        {
            body.Add(Text("Cancelled by " + CardText.Plain(meeting.CancelledBy ?? meeting.Organizer.Name) + ". The join link no longer works.", subtle: true));
        }

        if (!cancelled && calls?.Call is { } call)
        {
            body.Add(CallSection(call, calls));
        }

        var actions = new JsonArray();
        if (!cancelled)
        {
            actions.Add(OpenUrl("Join", meeting.JoinWebUrl, style: "positive"));
            if (calls is not null)
            {
                var data = new JsonObject { ["meetingKey"] = meeting.Key };
                if (calls.Call is { IsActive: true })
                {
                    actions.Add(Execute("Ring attendees", RingVerb, data));
                    actions.Add(Execute("Bot leaves", LeaveCallVerb, data));
                }
                else
                {
                    actions.Add(Execute(calls.Call is null ? "Bring the bot in" : "Join again with the bot", JoinCallVerb, data));
                }
            }

            actions.Add(Execute("Cancel meeting", CancelVerb, new JsonObject { ["meetingKey"] = meeting.Key }, style: "destructive"));
        }

        var msteams = new JsonObject { ["width"] = "Full" };
        if (entities.Count > 0)
        {
            msteams["entities"] = entities;
        }

        return Card(body, actions, msteams, fallbackText: meeting.Subject + " — join: " + meeting.JoinWebUrl);
    }

    private static JsonObject CallSection(CallRecord call, CallCardView view)
    {
        var items = new JsonArray();
        switch (call.State)
        {
            case CallState.Establishing:
                items.Add(Text("Call: the bot is joining…", weight: "Bolder"));
                break;
            case CallState.Established:
                {
                    string since = call.EstablishedAt is { } started
                        ? " · started " + CardTime.Time(started) + ", running " + CallService.Minutes(view.Now - started)
                        : "";
                    items.Add(Text("Call in progress" + since, weight: "Bolder", color: "Good"));
                    var people = CallService.PeopleIn(call);
                    items.Add(Text(people.Count == 0 ? "No one but the bot is in the call." : "In the call (" + people.Count.ToString(CultureInfo.InvariantCulture) + "): " + NameList(people), spacing: "Small"));
                    var lobby = call.Participants.Where(p => p.IsInLobby).Select(p => p.DisplayName).ToList();
                    if (lobby.Count > 0)
                    {
                        items.Add(Text("Waiting in the lobby: " + NameList(lobby), subtle: true, spacing: "Small"));
                    }

                    break;
                }

            default:
                {
                    string ended = call.EndedAt is { } at ? " at " + CardTime.Time(at) : "";
                    string how = call.LeaveRequested ? "The bot left the call" + ended + "." : "The call ended" + ended + ".";
                    string reason = call.EndReason is { Length: > 0 } r && !call.LeaveRequested ? " (" + CardText.Plain(r) + ")" : "";
                    items.Add(Text(how + reason + " Press \"Join again with the bot\" to start the call again.", weight: "Bolder"));
                    break;
                }
        }

        if (call.Invited.Count > 0 && call.State != CallState.Terminated)
        {
            var rung = call.Invited.Take(MaxNamesShown)
                .Select(i => CardText.Plain(i.Name) + ": " + CallService.Describe(i.EffectiveStatus(view.Now, view.RingTimeout)))
                .ToList();
            if (call.Invited.Count > MaxNamesShown)
            {
                rung.Add("and " + (call.Invited.Count - MaxNamesShown).ToString(CultureInfo.InvariantCulture) + " more");
            }

            items.Add(Text("Rung: " + string.Join("; ", rung), size: "Small", spacing: "Small"));
        }

        return Container(items, style: "emphasis", separator: true);
    }

    private static string NameList(IReadOnlyList<string> names)
    {
        var shown = names.Take(MaxNamesShown).Select(CardText.Plain).ToList();
        if (names.Count > MaxNamesShown)
        {
            shown.Add("and " + (names.Count - MaxNamesShown).ToString(CultureInfo.InvariantCulture) + " more");
        }

        return string.Join(", ", shown);
    }

    /// <summary>How to join without the link: the meeting ID and passcode, the dial-in numbers and the conference ID that Graph gave.</summary>
    internal static List<(string Title, string Value)> JoinFacts(MeetingRecord meeting)
    {
        var facts = new List<(string, string)>();
        if (meeting.JoinMeetingId is { Length: > 0 } meetingId)
        {
            facts.Add(("Meeting ID", GroupDigits(meetingId)));
        }

        if (meeting.Passcode is { Length: > 0 } passcode)
        {
            facts.Add(("Passcode", CardText.Plain(passcode)));
        }

        if (meeting.DialInNumber is { Length: > 0 } dialIn)
        {
            facts.Add(("Dial in", CardText.Plain(dialIn)));
        }

        if (meeting.TollFreeNumber is { Length: > 0 } tollFree)
        {
            facts.Add(("Toll free", CardText.Plain(tollFree)));
        }

        if (meeting.ConferenceId is { Length: > 0 } conferenceId)
        {
            facts.Add(("Conference ID", CardText.Plain(conferenceId) + "#"));
        }

        return facts;
    }

    /// <summary>When the meeting is, in each viewer's own zone: "Friday, 27 November 2026, 15:00 – 15:30 (30 min)" or "Now, until 17:00 (2 h)".</summary>
    internal static string When(MeetingRecord meeting)
    {
        string end = CardTime.Time(meeting.EndUtc);
        // "30 min", "1 h 30 min": a meeting "until 11pm" reads "8 h 47 min", not "527 min".
        string minutes = Commands.ZonedTime.FormatDuration(TimeSpan.FromMinutes(Math.Round((meeting.EndUtc - meeting.StartUtc).TotalMinutes)));
        return meeting.IsScheduled
            ? CardTime.Date(meeting.StartUtc, "LONG") + ", " + CardTime.Time(meeting.StartUtc) + " – " + end + " (" + minutes + ")"
            : "Now, until " + end + " (" + minutes + ")";
    }

    private static string GroupDigits(string id)
    {
        var compact = id.Replace(" ", "", StringComparison.Ordinal);
        if (!compact.All(char.IsAsciiDigit))
        {
            return CardText.Plain(id);
        }

        var groups = Enumerable.Range(0, (compact.Length + 2) / 3).Select(i => compact.Substring(i * 3, Math.Min(3, compact.Length - (i * 3))));
        return string.Join(' ', groups);
    }
}
