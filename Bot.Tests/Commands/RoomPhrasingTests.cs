using TeamsMeetBot.Commands;
using static TeamsMeetBot.Tests.Commands.CommandTestInputs;

namespace TeamsMeetBot.Tests.Commands;

/// <summary>
/// How people talk to a room: an opening ("heads up: …", "team, …"), a bridge asked for in two words, "can someone …",
/// "everyone on the bridge", and "we're done". Each row got "Sorry, I didn't get …", a meeting named after the opening,
/// or a meeting inviting someone called "link", unless it is marked as a guard.
/// </summary>
public class RoomPhrasingTests
{
    /// <summary>text → the new meeting's subject ("" for none).</summary>
    public static TheoryData<string, string> Openings => new()
    {
        { "heads up: meet now", "" },
        { "fyi: meet now with {B}", "" },
        { "heads up - meet now with {B}", "" },
        { "team: meet now", "" },
        { "everyone: meet now", "" },
        { "hey team - meet at 3", "" },
        { "folks: meet at 3 about the outage", "the outage" },
        // Guards: a label names the meeting as before ("sev2 - open a bridge" is "sev2").
        { "urgent: meet now", "urgent" },
        { "INC-4411: meet now", "INC-4411" },
    };

    [Theory]
    [MemberData(nameof(Openings))]
    public void An_opening_to_the_room_is_not_the_meetings_name(string text, string subject)
    {
        var meeting = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Equal(subject, meeting.Subject ?? "");
    }

    public static TheoryData<string, Type> Kinds => new()
    {
        { "btw: cancel the 3pm", typeof(CancelMeetingCommand) },
        { "all: cancel the 3pm", typeof(CancelMeetingCommand) },
        { "psst, move it to 4", typeof(RescheduleMeetingCommand) },
        { "heads up: maintenance tonight at 10", typeof(ParseFailure) }, // guard: a remark, not a request
        { "heads up, the meeting moved to 4", typeof(ParseFailure) }, // guard: a statement
        // The link of the meeting here ("call link?" made a meeting inviting someone called "link").
        { "call link?", typeof(ListMeetingsCommand) },
        { "bridge link?", typeof(ListMeetingsCommand) },
        { "bridge link pls", typeof(ListMeetingsCommand) },
        { "where's the bridge?", typeof(ListMeetingsCommand) },
        // Asked of anyone in the room, the bot does it.
        { "can someone start a call", typeof(CreateMeetingCommand) },
        { "can somebody open a bridge", typeof(CreateMeetingCommand) },
        { "could someone set up a meeting tomorrow at 3", typeof(CreateMeetingCommand) },
        { "can anyone cancel it", typeof(CancelMeetingCommand) },
        { "can anyone make it at 3?", typeof(ParseFailure) }, // guard: a question for the people, not a change
        // "everyone on the bridge": ring them into the call there is (it made a meeting titled "the bridge now").
        { "everyone on the bridge now", typeof(RingCommand) },
        { "everybody on the call please", typeof(RingCommand) },
        // The meeting is over: the bot leaves its call (these got "Sorry, I didn't get …").
        { "we're done here. meet tomorrow at 3", typeof(CreateMeetingCommand) },
        { "we're done with {B}", typeof(ParseFailure) }, // guard: said of someone
        { "we're done at 5", typeof(ParseFailure) }, // guard: a time, not the end
        { "i'm done", typeof(ParseFailure) }, // guard: one person, not the meeting
        { "meeting over?", typeof(ParseFailure) }, // asked, not said: the bot stays in its call
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Room_phrasings_choose_the_command(string text, Type expected)
    {
        Assert.IsType(expected, CommandParser.Parse(Input(text, "America/Los_Angeles")));
    }

    [Theory]
    [InlineData("bridge please")]
    [InlineData("bridge now")]
    [InlineData("bridge with {B}")]
    [InlineData("a bridge pls")] // guard: read so before
    public void A_bridge_asked_for_is_a_meeting_now_without_a_name(string text)
    {
        var meeting = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text)));

        Assert.Null(meeting.Subject);
        Assert.Null(meeting.Start);
    }

    [Fact]
    public void A_meeting_about_a_bridge_keeps_its_name()
    {
        var meeting = Expect<CreateMeetingCommand>(CommandParser.Parse(Input("bridge review at 3", "America/Los_Angeles")));

        Assert.Equal("bridge review", meeting.Subject);
    }

    [Theory]
    [InlineData("everyone on a call now", null)]
    [InlineData("everyone on a call about the outage at 3", "the outage")]
    public void Everyone_on_a_call_is_a_new_meeting_with_everyone(string text, string? subject)
    {
        var meeting = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.True(meeting.InviteEveryone);
        Assert.Equal(subject, meeting.Subject);
    }

    [Fact]
    public void Everyone_on_the_bridge_rings_everyone_invited()
    {
        var ring = Expect<RingCommand>(CommandParser.Parse(Input("everyone on the bridge now")));

        Assert.False(ring.NamesSomeone);
    }

    [Theory]
    [InlineData("we're done")]
    [InlineData("we are done.")]
    [InlineData("we're all done")]
    [InlineData("we're wrapping up")]
    [InlineData("we are finished for today, thanks!")]
    [InlineData("all done, thanks bot")]
    [InlineData("that's a wrap")]
    [InlineData("meeting over")]
    [InlineData("meeting's over")]
    [InlineData("the meeting is over")]
    [InlineData("the call has ended")]
    [InlineData("thanks, we're done")]
    public void The_meeting_said_to_be_over_makes_the_bot_leave_its_call(string text)
    {
        var leave = Expect<LeaveCallCommand>(CommandParser.Parse(Input(text)));

        Assert.True(leave.WrappingUp);
    }

    [Theory]
    [InlineData("we're done here, you can leave")]
    [InlineData("we're done here, thanks, you can leave")]
    public void A_request_to_leave_after_it_is_a_plain_leave(string text)
    {
        var leave = Expect<LeaveCallCommand>(CommandParser.Parse(Input(text)));

        Assert.False(leave.WrappingUp);
    }

    /// <summary>
    /// Questions about joining by phone list the meetings with their dial-in details (they got "Sorry, I didn't get …";
    /// "phone number for the bridge?" rang someone called "number"). text → words naming the meeting.
    /// </summary>
    [Theory]
    [InlineData("what's the dial-in", "")]
    [InlineData("dial-in number?", "")]
    [InlineData("what's the conference id", "")]
    [InlineData("phone number for the bridge?", "")]
    [InlineData("how do I join by phone", "")]
    [InlineData("is there a dial-in", "")]
    [InlineData("send me the dial-in", "")]
    [InlineData("what's the dial in number for the standup", "standup")]
    public void Questions_about_joining_by_phone_list_the_dial_in(string text, string words)
    {
        var list = Expect<ListMeetingsCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.True(list.DialIn);
        Assert.False(list.Mine);
        Assert.Equal(words, string.Join(" ", list.Which.Words));
    }

    [Theory]
    [InlineData("phone bob", typeof(RingCommand))]
    [InlineData("dial bob", typeof(RingCommand))]
    [InlineData("dial in", typeof(JoinCallCommand))]
    [InlineData("what's the link", typeof(ListMeetingsCommand))]
    public void Phone_words_that_ask_no_dial_in_keep_their_meaning(string text, Type expected)
    {
        var result = CommandParser.Parse(Input(text));

        Assert.IsType(expected, result);
        Assert.False(result is ListMeetingsCommand { DialIn: true });
    }

    /// <summary>
    /// Other ways to ask for a meeting (text → start in UTC, length): each got "Sorry, I didn't get …", or a meeting titled
    /// "up" or "stick a call in the diary". Los Angeles, Thu 26 Nov 2026 14:00.
    /// </summary>
    [Theory]
    [InlineData("pop a meeting in for tomorrow at 10", "2026-11-27T18:00Z", 30)]
    [InlineData("stick a call in the diary for 3pm", "2026-11-26T23:00Z", 30)]
    [InlineData("chuck a meeting in at 4", "2026-11-27T00:00Z", 30)]
    [InlineData("put a meeting in for 3pm", "2026-11-26T23:00Z", 30)]
    [InlineData("fancy a call at 3?", "2026-11-26T23:00Z", 30)]
    [InlineData("grab 30 mins with {B} tomorrow at 2", "2026-11-27T22:00Z", 30)]
    [InlineData("block 45 min at 3", "2026-11-26T23:00Z", 45)]
    [InlineData("book 1 hour with {B} tomorrow at 2", "2026-11-27T22:00Z", 60)] // guard: read so before
    [InlineData("carve out 30 min tomorrow at 9", "2026-11-27T17:00Z", 30)]
    [InlineData("let's catch up at 3", "2026-11-26T23:00Z", 30)]
    [InlineData("let's sync up tomorrow at 10", "2026-11-27T18:00Z", 30)] // guard: read so before
    public void Other_ways_to_ask_for_a_meeting(string text, string start, int minutes)
    {
        var meeting = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Equal(At(start), meeting.Start);
        Assert.Equal(TimeSpan.FromMinutes(minutes), meeting.Duration);
        Assert.Null(meeting.Subject);
    }

    /// <summary>"grab a coffee with bob at 3" was titled "grab a coffee".</summary>
    [Theory]
    [InlineData("grab a coffee with bob at 3", "coffee")]
    [InlineData("grab lunch with alice tomorrow at 12", "lunch")]
    [InlineData("get a quick coffee tomorrow at 10", "coffee")]
    [InlineData("lunch tomorrow at 12 with bob", "lunch")] // guard: named so before
    public void What_is_grabbed_names_the_meeting(string text, string subject) =>
        Assert.Equal(subject, Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles"))).Subject);

    [Theory]
    [InlineData("put the meeting back to 3")] // guard: no new meeting
    [InlineData("put it in the diary")] // guard
    public void Put_without_a_new_meeting_makes_none(string text) =>
        Assert.IsNotType<CreateMeetingCommand>(CommandParser.Parse(Input(text)));

    /// <summary>A series asked for first is explained as one ("every monday at 9 standup" got "Sorry, I didn't get …").</summary>
    [Theory]
    [InlineData("every monday at 9 standup", "“every monday” is a series")]
    [InlineData("every day at 9", "“every day” is a series")]
    [InlineData("every other friday at 3", "“every other friday” is a series")]
    public void A_series_asked_for_first_is_explained(string text, string problem)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Equal(ParseFailureKind.UnreadableTime, failure.Kind);
        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
    }

    /// <summary>"every now and then" made a meeting titled "every then".</summary>
    [Fact]
    public void Every_now_and_then_is_no_meeting() =>
        Assert.Equal(ParseFailureKind.NotUnderstood, Expect<ParseFailure>(CommandParser.Parse(Input("every now and then"))).Kind);

    /// <summary>"ring bob's phone" rang every attendee not in the call.</summary>
    [Fact]
    public void Ringing_someones_phone_rings_them()
    {
        var ring = Expect<RingCommand>(CommandParser.Parse(Input("ring bob's phone")));

        Assert.Equal(["bob"], ring.TypedNames);
    }

    /// <summary>
    /// A standup asked for is named so, as a 1:1 is: it was the organizer's default name, which "move the standup to
    /// 10" could not find. A subject given wins.
    /// </summary>
    [Theory]
    [InlineData("standup tomorrow at 9 with {B}", "standup")]
    [InlineData("Standup at 9", "Standup")]
    [InlineData("schedule a standup tomorrow at 9", "standup")]
    [InlineData("quick stand-up now", "stand-up")]
    [InlineData("weekly standup tomorrow at 10", "weekly standup")]
    [InlineData("standup about the release at 9", "the release")] // guard: the subject given
    [InlineData("huddle now", null)] // guard: a huddle is any meeting
    public void A_standup_is_named_so(string text, string? subject)
    {
        var meeting = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Equal(subject, meeting.Subject);
    }

    /// <summary>The words before a number that ends "make …" name the meeting ("make the standup 30" was "not a time").</summary>
    [Theory]
    [InlineData("make the standup 30", "standup")]
    [InlineData("make the retro 45", "retro")]
    [InlineData("make the standup 4", "standup")]
    [InlineData("knock 5 min off the standup", "standup")]
    public void The_meeting_named_before_a_new_time_or_length_is_chosen_by_its_name(string text, string word)
    {
        var change = Expect<RescheduleMeetingCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Equal([word], change.Which.Words);
    }
}
