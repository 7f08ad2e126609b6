using TeamsMeetBot.Commands;
using static TeamsMeetBot.Tests.Commands.CommandTestInputs;

namespace TeamsMeetBot.Tests.Commands;

/// <summary>
/// Chat shorthand for meetings: a length first ("30 min sync with bob"), "we need a bridge", "a teams link", "call in 5", "hop on teams",
/// "+@Carol", "title it …", "drop the meeting", "call it a day", "nudge @Alice", "at 3ish". Each row got "Sorry, I didn't get …" (or "not a time I can read"), a
/// wrong command (ringing everyone invited, for "call in 5") or a wrong subject, unless it is marked as a guard. Los
/// Angeles, Thu 26 Nov 2026 14:00.
/// </summary>
public class ChatShorthandTests
{
    /// <summary>text → start in UTC ("now" for an instant meeting), length, subject ("" for none), people (mentioned or typed).</summary>
    public static TheoryData<string, string, int, string, string> Meetings => new()
    {
        // A length first, then the kind of meeting.
        { "30 min sync with bob tomorrow at 2", "2026-11-27T22:00Z", 30, "", "bob" },
        { "5 min call with {A}", "now", 5, "", "Alice Anders" },
        { "45 min meeting with {A} about the budget", "now", 45, "the budget", "Alice Anders" }, // guard: read so before
        { "an hour sync with bob tomorrow at 10", "2026-11-27T18:00Z", 60, "", "bob" },
        // Needed, by "we" as by "I".
        { "we need a bridge for INC-5521", "now", 30, "INC-5521", "" },
        { "we need a call with {A} at 3", "2026-11-26T23:00Z", 30, "", "Alice Anders" },
        { "i need a call with {A} tomorrow at 3", "2026-11-27T23:00Z", 30, "", "Alice Anders" }, // guard: understood before
        // When the call is: it rang everyone invited.
        { "call in 5", "2026-11-26T22:05Z", 30, "", "" },
        { "call in 10 min", "2026-11-26T22:10Z", 30, "", "" },
        { "call in an hour", "2026-11-26T23:00Z", 30, "", "" },
        // A link to a new meeting ("the link" of one there is lists them).
        { "create a teams link", "now", 30, "", "" },
        { "can i get a teams link", "now", 30, "", "" },
        { "need a link for a call with {A}", "now", 30, "", "Alice Anders" },
        { "make a new teams link with {B} about the outage", "now", 30, "the outage", "Bob Brown" },
        // On Teams is where, not what: "let's jump on teams" was titled "teams", "hop on teams with @Alice" not understood.
        { "let's jump on teams", "now", 30, "", "" },
        { "hop on teams with {A}", "now", 30, "", "Alice Anders" },
        { "let's hop on teams at 3", "2026-11-26T23:00Z", 30, "", "" },
        { "a teams meeting with {A}", "now", 30, "", "Alice Anders" }, // guard: read so before
        // About a time: "at 3ish" was "not a time I can read", "at 3-ish" titled "ish".
        { "meet at 3ish", "2026-11-26T23:00Z", 30, "", "" },
        { "meet at 3pmish", "2026-11-26T23:00Z", 30, "", "" },
        { "meet at 3-ish", "2026-11-26T23:00Z", 30, "", "" },
        { "meet tomorrow at 10ish with {A}", "2026-11-27T18:00Z", 30, "", "Alice Anders" },
        { "meet at 3:30ish", "2026-11-26T23:30Z", 30, "", "" },
        // Someone's phone is them, in Teams: it made a meeting titled "bob's cell".
        { "call bob's cell", "now", 30, "", "bob" },
        { "call bob's phone now", "now", 30, "", "bob" },
    };

    [Theory]
    [MemberData(nameof(Meetings))]
    public void Chat_shorthand_for_a_meeting_is_understood(string text, string start, int minutes, string subject, string people)
    {
        var meeting = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Equal(start == "now" ? null : At(start), meeting.Start);
        Assert.Equal(TimeSpan.FromMinutes(minutes), meeting.Duration);
        Assert.Equal(subject, meeting.Subject ?? "");
        Assert.Equal(people, string.Join(",", meeting.Attendees.Select(p => p.Name).Concat(meeting.TypedNames)));
    }

    public static TheoryData<string, Type> Kinds => new()
    {
        { "hop on the call", typeof(JoinCallCommand) }, // guard: the call there is
        { "drop the meeting", typeof(CancelMeetingCommand) },
        { "drop the standup", typeof(CancelMeetingCommand) },
        { "drop it", typeof(CancelMeetingCommand) },
        { "drop the call", typeof(ParseFailure) }, // guard: may mean hanging up, so nothing is deleted
        { "drop the link", typeof(ListMeetingsCommand) }, // guard: a question for the link
        { "drop off", typeof(LeaveCallCommand) }, // guard
        { "drop {B}", typeof(ChangeMeetingCommand) }, // guard: takes Bob off the invite
        { "title it Q4 sync", typeof(ChangeMeetingCommand) },
        { "call it off", typeof(CancelMeetingCommand) }, // guard
        { "can i get the link", typeof(ListMeetingsCommand) },
        { "send a meeting link", typeof(ListMeetingsCommand) }, // guard: the link there is
        { "30 min meetings are too long", typeof(ParseFailure) }, // guard: a remark
        { "call everyone in", typeof(RingCommand) }, // guard
        { "call in {B}", typeof(RingCommand) }, // guard
        { "we need 10 more min", typeof(RescheduleMeetingCommand) }, // guard: more time
        { "+1", typeof(ParseFailure) }, // guard: agreement, not a person
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Chat_shorthand_chooses_the_command(string text, Type expected) =>
        Assert.IsType(expected, CommandParser.Parse(Input(text, "America/Los_Angeles")));

    /// <summary>The new subject ("rename it to 'Sev1 bridge'" kept the closing quote: "Sev1 bridge'").</summary>
    [Theory]
    [InlineData("title it Q4 sync", "Q4 sync")]
    [InlineData("name the meeting retro", "retro")]
    [InlineData("call it the retro", "retro")]
    [InlineData("rename it to 'Sev1 bridge'", "Sev1 bridge")]
    [InlineData("change the subject to 'Sev1 bridge'", "Sev1 bridge")]
    [InlineData("rename it to \"Sev1 bridge\"", "Sev1 bridge")] // guard
    [InlineData("rename it to the teams' sync", "the teams' sync")] // guard: an apostrophe that closes no quote stays
    public void A_new_subject_is_read_without_its_quotes(string text, string subject) =>
        Assert.Equal(subject, Expect<ChangeMeetingCommand>(CommandParser.Parse(Input(text))).NewSubject);

    [Theory]
    [InlineData("call it a day")]
    [InlineData("let's call it a day")]
    [InlineData("call it quits")]
    [InlineData("call it a night")]
    public void Calling_it_a_day_makes_the_bot_leave_its_call(string text) =>
        Assert.True(Expect<LeaveCallCommand>(CommandParser.Parse(Input(text))).WrappingUp);

    [Theory]
    [InlineData("+{C}", "Carol Chen")]
    [InlineData("+{C} +{D}", "Carol Chen,Dave O'Neil")]
    public void A_plus_before_a_mention_invites_them(string text, string invited) =>
        Assert.Equal(invited, Names(Expect<ChangeMeetingCommand>(CommandParser.Parse(Input(text))).Invite));

    [Theory]
    [InlineData("nudge {A}", "Alice Anders")]
    [InlineData("poke bob", "bob")]
    public void A_nudge_rings_them(string text, string person)
    {
        var ring = Expect<RingCommand>(CommandParser.Parse(Input(text)));

        Assert.Equal(person, string.Join(",", ring.Targets.Select(p => p.Name).Concat(ring.TypedNames)));
    }

    /// <summary>"can I get the link" asks for the link of any meeting here: "I" is the asker, not "my meetings", and "get" no subject word.</summary>
    [Fact]
    public void Asking_for_the_link_names_no_meeting()
    {
        var list = Expect<ListMeetingsCommand>(CommandParser.Parse(Input("can i get the link")));

        Assert.False(list.Mine);
        Assert.Empty(list.Which.Words);
    }
}
