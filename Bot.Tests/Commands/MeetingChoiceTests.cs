using System.Globalization;
using TeamsMeetBot.Commands;
using TeamsMeetBot.Meetings;
using static TeamsMeetBot.Tests.Commands.CommandTestInputs;

namespace TeamsMeetBot.Tests.Commands;

/// <summary>
/// What a typed cancel or change says about which meeting besides its start: words of the subject, people, "last",
/// "next", a part of the day; and the words that say nothing about it. Los Angeles, Thu 26 Nov 2026 14:00.
/// </summary>
public class MeetingChoiceTests
{
    private static RescheduleMeetingCommand ChangeOf(string text) => Expect<RescheduleMeetingCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

    private static MeetingChoice WhichOf(string text) => CommandParser.Parse(Input(text, "America/Los_Angeles")) switch
    {
        CancelMeetingCommand cancel => cancel.Which,
        RescheduleMeetingCommand change => change.Which,
        var other => throw new Xunit.Sdk.XunitException("Expected a cancel or a change but got " + other),
    };

    /// <summary>text → the day and the start times a typed cancel or change names (Los Angeles, Thu 26 Nov 14:00); "" for none.</summary>
    [Theory]
    [InlineData("cancel", "", "")]
    [InlineData("cancel the meeting", "", "")]
    [InlineData("cancel tomorrow's meeting", "2026-11-27", "")]
    [InlineData("cancel 2moro's meeting", "2026-11-27", "")]
    [InlineData("cancel tmrw's meeting", "2026-11-27", "")]
    [InlineData("cancel tmr's standup", "2026-11-27", "")]
    [InlineData("cancel Friday’s call", "2026-11-27", "")]
    [InlineData("cancel the 3pm meeting", "", "15:00")]
    [InlineData("cancel the meeting at 3", "", "03:00,15:00")]
    [InlineData("cancel the meeting on 29 Nov at 15:00", "2026-11-29", "15:00")]
    [InlineData("move tomorrow's meeting to 4pm", "2026-11-27", "")]
    [InlineData("push the 3pm call by 15 min", "", "15:00")]
    [InlineData("move the 10:00 meeting to 11:00", "", "10:00,22:00")]
    [InlineData("move it to 4pm", "", "")]
    [InlineData("move the meeting to tomorrow", "", "")]
    // "instead of" names the meeting by its start (these were "“instead of 3” is not a time I can read").
    [InlineData("move it to 4 instead of 3", "", "03:00,15:00")]
    [InlineData("meet at 4 instead of 3", "", "03:00,15:00")]
    [InlineData("make it 4pm instead of 3pm", "", "15:00")]
    [InlineData("let's do friday instead of thursday", "2026-11-26", "")]
    public void A_typed_cancel_or_change_keeps_the_day_and_time_that_say_which_meeting(string text, string day, string times)
    {
        var which = WhichOf(text);

        Assert.Equal(day, which.OnDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
        Assert.Equal(times, string.Join(",", which.AtTimes.Select(t => t.ToString("HH:mm", CultureInfo.InvariantCulture))));
        Assert.Equal(day.Length > 0 || times.Length > 0, which.SaysWhich);
    }

    /// <summary>text → the words kept (| between), the people, "latest"/"next"/"" and the part of the day ("" for none).</summary>
    public static TheoryData<string, string, string, string, string> Named => new()
    {
        { "cancel the budget meeting", "budget", "", "", "" },
        { "cancel budget review", "budget|review", "", "", "" },
        { "cancel the meeting about the budget", "budget", "", "", "" },
        { "cancel the meeting re failover", "failover", "", "", "" },
        { "cancel \"Budget review\"", "Budget review", "", "", "" },
        { "cancel the failover one", "failover", "", "", "" },
        { "call off the budget sync", "budget", "", "", "" },
        { "call the standup off", "standup", "", "", "" },
        { "cancel the daily standup", "daily|standup", "", "", "" },
        { "cancel the stand-up", "stand-up", "", "", "" },
        { "cancel the 1:1", "1:1", "", "", "" },
        { "cancel alice's meeting", "alice", "", "", "" },
        { "cancel the meeting with alice", "alice", "", "", "" },
        { "cancel the meeting with @alice", "alice", "", "", "" },
        { "cancel my meeting with {A}", "", "Alice Anders", "", "" },
        { "cancel the catch-up with {B}", "catch-up", "Bob Brown", "", "" },
        { "cancel my next meeting", "", "", "next", "" },
        { "cancel the upcoming call", "", "", "next", "" },
        { "cancel the last one", "", "", "latest", "" },
        { "cancel the meeting I just made", "", "", "latest", "" },
        { "cancel the morning meeting", "", "", "", "00:00-12:00" },
        { "cancel this afternoon's call", "", "", "", "12:00-17:00" },
        { "cancel tonight's meeting", "", "", "", "17:00-00:00" },
        { "cancel the retro please, thank you", "retro", "", "", "" },
        { "cancel the standup, something came up", "standup", "", "", "" },
        { "cancel the standup because alice is out", "standup", "", "", "" },
        { "move the budget meeting to 4pm", "budget", "", "", "" },
        { "move the budget review to 4pm", "budget|review", "", "", "" },
        { "postpone the standup by an hour", "standup", "", "", "" },
        { "postpone the standup until monday", "standup", "", "", "" },
        { "push back the standup by 10 minutes", "standup", "", "", "" },
        { "bring forward the standup by 10", "standup", "", "", "" },
        { "reschedule budget review to friday", "budget|review", "", "", "" },
        { "make the standup 30 min", "standup", "", "", "" },
        { "move my 1:1 to 4pm", "1:1", "", "", "" },
        { "move my meeting with {A} to 4pm", "", "Alice Anders", "", "" },
        { "cancel the meeting with {T}", "", "oncall-db", "", "" },
        { "move it to 4pm if the room is free", "", "", "", "" },
        // Words that say nothing about which meeting.
        { "cancel", "", "", "", "" },
        { "cancel it", "", "", "", "" },
        { "cancel that", "", "", "", "" },
        { "cancel this one", "", "", "", "" },
        { "cancel the meeting we set up for everyone please", "", "", "", "" },
        { "cancel meeting now", "", "", "", "" },
        { "cancel the meeting for now", "", "", "", "" },
        { "cancel it asap", "", "", "", "" },
        { "cancel all meetings", "", "", "", "" },
        { "cancel it because alice is sick", "", "", "", "" },
        { "call it off", "", "", "", "" },
        { "move it up by 15", "", "", "", "" },
        { "push it back 30 min", "", "", "", "" },
        { "extend the meeting by 15 min", "", "", "", "" },
        { "move it to 4pm, thanks", "", "", "", "" },
        { "change my meeting to 4pm", "", "", "", "" },
        { "cancel the meeting link", "", "", "", "" },
        { "cancel the first one", "", "", "", "" },
        { "cancel the meeting no longer needed", "", "", "", "" },
        { "cancel the meeting in this channel", "", "", "", "" },
        { "move the meeting to 4pm on the same day", "", "", "", "" },
        { "could we push the meeting by an hour", "", "", "", "" },
    };

    [Theory]
    [MemberData(nameof(Named))]
    public void A_typed_cancel_or_change_keeps_what_names_the_meeting(string text, string words, string people, string order, string window)
    {
        var which = WhichOf(text);

        Assert.Equal(words, string.Join("|", which.Words));
        Assert.Equal(people, string.Join("|", which.With.Select(p => p.Name)));
        Assert.Equal(order, which.Latest ? "latest" : which.Next ? "next" : "");
        Assert.Equal(window, which.Window is { } w ? w.From.ToString("HH:mm", CultureInfo.InvariantCulture) + "-" + w.Before.ToString("HH:mm", CultureInfo.InvariantCulture) : "");
    }

    [Theory]
    [InlineData("cancel christmas eve's meeting", "2026-12-24", "")]
    [InlineData("cancel the christmas party", "", "christmas|party")]
    [InlineData("cancel fridays meeting", "2026-11-27", "")]
    [InlineData("move fridays meeting to 4pm", "2026-11-27", "")]
    public void A_holiday_or_a_weekday_without_its_apostrophe_names_the_day_and_a_holidays_party_its_subject(string text, string day, string words)
    {
        var which = WhichOf(text);

        Assert.Equal(day, which.OnDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
        Assert.Equal(words, string.Join("|", which.Words));
    }

    [Theory]
    [InlineData("bring forward the standup by 10", -10)]
    [InlineData("move up the 3pm meeting by 15", -15)]
    [InlineData("push back the standup by 10 minutes", 10)]
    [InlineData("postpone the standup by an hour", 60)]
    public void A_direction_before_the_meetings_name_still_says_which_way(string text, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), ChangeOf(text).ShiftBy);

    /// <summary>
    /// A start written before the change names the meeting, and the change is the rest: text → the day and start times
    /// that name the meeting, and the new start (these used to be read as a new meeting time "from 10 to 11", or "two
    /// different days").
    /// </summary>
    [Theory]
    [InlineData("move the meeting from 10 to 11", "", "10:00,22:00", "2026-11-27T19:00Z")]
    [InlineData("move the budget meeting from 3pm to 4pm", "", "15:00", "2026-11-27T00:00Z")]
    [InlineData("move tomorrow's meeting from 10 to 2", "2026-11-27", "10:00,22:00", "2026-11-26T22:00Z")]
    [InlineData("push the 3pm to 4", "", "15:00", "2026-11-27T00:00Z")]
    [InlineData("move my 3pm to 4pm", "", "15:00", "2026-11-27T00:00Z")]
    [InlineData("move the 10am to 11", "", "10:00", "2026-11-27T19:00Z")]
    [InlineData("can you move my 2pm to 3pm?", "", "14:00", "2026-11-26T23:00Z")]
    [InlineData("move it from friday to monday", "2026-11-27", "", null)]
    // Without a start before "to", the range is the new time.
    [InlineData("move it to 3pm to 4pm", "", "", "2026-11-26T23:00Z")]
    [InlineData("reschedule for 3 to 4pm", "", "", "2026-11-26T23:00Z")]
    public void A_start_before_the_change_names_the_meeting(string text, string day, string times, string? newStart)
    {
        var change = ChangeOf(text);

        Assert.Equal(day, change.Which.OnDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
        Assert.Equal(times, string.Join(",", change.Which.AtTimes.Select(t => t.ToString("HH:mm", CultureInfo.InvariantCulture))));
        Assert.Equal(newStart is null ? null : At(newStart), change.NewStart);
    }

    [Theory]
    [InlineData("shorten tomorrow's standup to 15 min", 15, null)]
    [InlineData("extend it to an hour", 60, null)]
    [InlineData("extend it 15 min", null, 15)]
    [InlineData("shorten it by 10 min", null, -10)]
    [InlineData("cut it to 20 min", 20, null)]
    [InlineData("trim the standup to 15 minutes", 15, null)]
    [InlineData("reduce it to 20 min", 20, null)]
    [InlineData("can we cut it to 20 min", 20, null)]
    [InlineData("stretch it to an hour", 60, null)]
    [InlineData("expand it to 90 min", 90, null)]
    [InlineData("cut it by 10 min", null, -10)]
    [InlineData("trim the standup by 5 min", null, -5)]
    [InlineData("lengthen it by 15 min", null, 15)]
    public void Extend_or_shorten_to_a_length_is_the_new_length_and_by_one_is_the_difference(string text, int? length, int? by)
    {
        var change = ChangeOf(text);

        Assert.Equal(length is { } l ? TimeSpan.FromMinutes(l) : null, change.NewDuration);
        Assert.Equal(by is { } b ? TimeSpan.FromMinutes(b) : null, change.ExtendBy);
    }

    [Theory]
    [InlineData("make the standup 30 min", null, 30)]
    [InlineData("change the retro to 4pm", "2026-11-27T00:00Z", null)]
    [InlineData("update my 1:1 to 45 min", null, 45)]
    public void Make_change_or_update_the_named_meeting_is_a_change_not_a_new_meeting(string text, string? start, int? minutes)
    {
        var change = ChangeOf(text);

        Assert.Equal(start is null ? null : At(start), change.NewStart);
        Assert.Equal(minutes is { } m ? TimeSpan.FromMinutes(m) : null, change.NewDuration);
        Assert.True(change.Which.SaysWhich);
    }

    [Fact]
    public void Make_the_call_still_places_one() =>
        Assert.Equal("Alice Anders", Names(Expect<CreateMeetingCommand>(CommandParser.Parse(Input("make the call with {A}"))).Attendees));

    [Theory]
    [InlineData("cancel the meeting on Feb 30", "“Feb 30” is not a date in the calendar")]
    [InlineData("cancel the meeting at 25:00", "“25:00” is not a time of day")]
    [InlineData("cancel the meeting after lunch", "“after lunch” does not say what time")]
    [InlineData("cancel the thursdya meeting", "“thursdya” is not a day I know (did you mean Thursday?)")]
    public void A_cancel_whose_day_or_time_cannot_be_read_cancels_nothing_and_says_why(string text, string problem)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Equal(ParseFailureKind.UnreadableTime, failure.Kind);
        Assert.StartsWith("I couldn't tell which meeting to cancel, so I cancelled nothing: " + problem + ".", failure.Message, StringComparison.Ordinal);
        Assert.IsType<CancelMeetingCommand>(CommandParser.Parse(Input(failure.Suggestion, "America/Los_Angeles")));
    }

    /// <summary>words | people (Teams ids) → whether a meeting "Budget review" with Alice Anders (29:alice-id) fits.</summary>
    [Theory]
    [InlineData("budget", "", true)]
    [InlineData("BUDGET", "", true)]
    [InlineData("budgets", "", true)]
    [InlineData("budget|review", "", true)]
    [InlineData("Budget review", "", true)]
    [InlineData("budget|retro", "", false)]
    [InlineData("bud", "", false)]
    [InlineData("alice", "", true)]
    [InlineData("anders", "", true)]
    [InlineData("bob", "", false)]
    [InlineData("", "29:alice-id", true)]
    [InlineData("", "29:bob-id", false)]
    [InlineData("budget", "29:alice-id", true)]
    public void A_meeting_fits_when_its_subject_or_invitees_have_every_word_and_every_person(string words, string people, bool fits)
    {
        var meeting = StoredMeeting("Budget review", new MeetingPerson("29:alice-id", "Alice Anders", "aad-alice", null));
        var which = new MeetingChoice
        {
            Words = words.Length == 0 ? [] : words.Split('|'),
            With = people.Length == 0 ? [] : [.. people.Split('|').Select(id => id == Alice.Id ? Alice : Bob)],
        };

        Assert.Equal(fits, which.Fits(meeting));
    }

    [Theory]
    [InlineData("Stand-up", "standup", true)]
    [InlineData("standup", "stand-up", true)]
    [InlineData("Daily stand-up", "stand-up", true)]
    [InlineData("1:1", "1:1", true)]
    [InlineData("Sprint 11 planning", "1:1", false)]
    [InlineData("Incident bridge", "incident", true)]
    public void Words_written_with_or_without_a_hyphen_are_the_same(string subject, string word, bool fits) =>
        Assert.Equal(fits, new MeetingChoice { Words = [word] }.Fits(StoredMeeting(subject)));

    [Theory]
    [InlineData("2026-11-27T17:00Z", true)]  // 09:00 in Los Angeles
    [InlineData("2026-11-27T20:00Z", false)] // 12:00
    public void A_part_of_the_day_fits_the_meetings_that_start_in_it(string startUtc, bool fits) =>
        Assert.Equal(fits, new MeetingChoice { Window = (TimeOnly.MinValue, new TimeOnly(12, 0)), Zone = Zone("America/Los_Angeles") }.Fits(StoredMeeting("Standup", start: startUtc)));

    private static MeetingRecord StoredMeeting(string subject, MeetingPerson? attendee = null, string start = "2026-11-27T17:00Z") => new()
    {
        Key = "k",
        TenantId = "t",
        Conversation = new TeamsMeetBot.Conversation.ConversationReference { ServiceUrl = "http://127.0.0.1:1/", ConversationId = "c", TenantId = "t", BotId = "28:bot" },
        SourceActivityId = "a",
        Organizer = new MeetingPerson("29:org", "Olga Organizer", "aad-org", null),
        Subject = subject,
        StartUtc = At(start),
        EndUtc = At(start).AddMinutes(30),
        GraphMeetingId = "g",
        JoinWebUrl = "https://teams.microsoft.com/l/meetup-join/x",
        Attendees = attendee is null ? [] : [attendee],
    };
}
