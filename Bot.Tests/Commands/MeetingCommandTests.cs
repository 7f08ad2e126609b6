using TeamsMeetBot.Commands;
using static TeamsMeetBot.Tests.Commands.CommandTestInputs;

namespace TeamsMeetBot.Tests.Commands;

public class MeetingCommandTests
{
    /// <summary>text → attendees (comma-separated names), subject (null = none), minutes, invite everyone. All instant ("now").</summary>
    public static TheoryData<string, string, string?, int, bool> InstantMeetings => new()
    {
        { "meet now", "", null, 30, false },
        { "Meet now", "", null, 30, false },
        { "MEET NOW!", "", null, 30, false },
        { "meet now.", "", null, 30, false },
        { "  meet    now  ", "", null, 30, false },
        { "meet&nbsp;now", "", null, 30, false },
        { "meet now with {A}", "Alice Anders", null, 30, false },
        { "meet now with {A} {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now with {A} and {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now with {A}, {B} & {C}", "Alice Anders,Bob Brown,Carol Chen", null, 30, false },
        { "meet now with {A},{B},{C}", "Alice Anders,Bob Brown,Carol Chen", null, 30, false },
        { "meet now with {A} &amp; {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now with {A}&nbsp;and&nbsp;{B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now with {A} and {A}", "Alice Anders", null, 30, false },
        { "meet now with {T}", "oncall-db", null, 30, false },
        { "meet now with {D}", "Dave O'Neil", null, 30, false },
        { "meet now about the db failover", "", "the db failover", 30, false },
        { "meet now about DB failover.", "", "DB failover", 30, false },
        { "meet now with {A} about the db failover for 45 min", "Alice Anders", "the db failover", 45, false },
        { "meet now about the db failover with {A} for 45 min", "Alice Anders", "the db failover", 45, false },
        { "meet now for 45 min with {A} about the db failover", "Alice Anders", "the db failover", 45, false },
        { "meet now with {A} {B} about the DB failover", "Alice Anders,Bob Brown", "the DB failover", 30, false },
        { "meet now \"Q4 planning\"", "", "Q4 planning", 30, false },
        { "meet now “Q4 planning” with {A}", "Alice Anders", "Q4 planning", 30, false },
        { "meet now about \"release 2.3, go/no-go\" for 1h", "", "release 2.3, go/no-go", 60, false },
        { "meet now on \"incident 4711\"", "", "incident 4711", 30, false },
        { "meet now re: payment outage", "", "payment outage", 30, false },
        { "meet now re payment outage", "", "payment outage", 30, false },
        { "meet now regarding the outage with {B}", "Bob Brown", "the outage", 30, false },
        { "meet now to discuss the roadmap", "", "the roadmap", 30, false },
        { "meet now about {B}'s rollout", "", "Bob Brown's rollout", 30, false },
        { "meet now with {A} about {B}'s rollout", "Alice Anders", "Bob Brown's rollout", 30, false },
        { "meet now about the rollout {B} {C}", "Bob Brown,Carol Chen", "the rollout", 30, false },
        { "meet now with {A}'s team", "Alice Anders", null, 30, false },
        { "meet now about the rollout with {B} and {C}", "Bob Brown,Carol Chen", "the rollout", 30, false },
        { "meet now with everyone", "", null, 30, true },
        { "meet now today", "", null, 30, false },
        { "meet now for an hour and fifteen minutes", "", null, 75, false },
        { "meet now for two hours and thirty minutes", "", null, 150, false },
        { "meet now about \"the 10am incident\"", "", "the 10am incident", 30, false },
        { "meet now with all of you", "", null, 30, true },
        { "meet now with everybody about the outage", "", "the outage", 30, true },
        { "meet now with the team", "", null, 30, true },
        { "meet with you all", "", null, 30, true },
        { "start a meeting with {A}", "Alice Anders", null, 30, false },
        { "Start a meeting with {A} and {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "start meeting", "", null, 30, false },
        { "start a quick teams meeting", "", null, 30, false },
        { "create a meeting with {C}", "Carol Chen", null, 30, false },
        { "call with {A} and {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "call {A}", "Alice Anders", null, 30, false },
        { "new meeting", "", null, 30, false },
        { "New meeting about hiring", "", "hiring", 30, false },
        { "meet {A}", "Alice Anders", null, 30, false },
        { "meet {A} {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "let's meet", "", null, 30, false },
        { "lets meet with {A}", "Alice Anders", null, 30, false },
        { "let’s meet now", "", null, 30, false },
        { "can we meet now?", "", null, 30, false },
        { "please meet now with {A}", "Alice Anders", null, 30, false },
        { "could you start a meeting with {A} please", "Alice Anders", null, 30, false },
        { "{A} {B} meet now", "Alice Anders,Bob Brown", null, 30, false },
        { "meeting now", "", null, 30, false },
        { "quick call with {A}", "Alice Anders", null, 30, false },
        { "huddle with {A}", "Alice Anders", null, 30, false },
        { "meet now for 30 min", "", null, 30, false },
        { "meet now for 30 minutes", "", null, 30, false },
        { "meet now for 1h", "", null, 60, false },
        { "meet now for 1 hour", "", null, 60, false },
        { "meet now for an hour", "", null, 60, false },
        { "meet now for half an hour", "", null, 30, false },
        { "meet now for a half hour", "", null, 30, false },
        { "meet now for 1h30", "", null, 90, false },
        { "meet now for 1h30m", "", null, 90, false },
        { "meet now for 1.5 hours", "", null, 90, false },
        { "meet now for 1,5 hours", "", null, 90, false },
        { "meet now for 90m", "", null, 90, false },
        { "meet now for 90 mins", "", null, 90, false },
        { "meet now for an hour and a half", "", null, 90, false },
        { "meet now for 1 hour and 15 minutes", "", null, 75, false },
        { "meet now for 2 hours", "", null, 120, false },
        { "meet now for 2hrs", "", null, 120, false },
        { "meet now for 45", "", null, 45, false },
        { "meet now for fifteen minutes", "", null, 15, false },
        { "meet now for a quarter of an hour", "", null, 15, false },
        { "meet now for two hours", "", null, 120, false },
        { "a 15 min meeting now with {A}", "Alice Anders", null, 15, false },
        { "meet now 45 min", "", null, 45, false },
        { "meet now for the release review", "", "the release review", 30, false },
        { "meet now db failover", "", "db failover", 30, false },
        { "meet now please", "", null, 30, false },
        { "<p>meet now with {A}</p>", "Alice Anders", null, 30, false },
        { "meet now with {A} about the &quot;big&quot; migration", "Alice Anders", "the \"big\" migration", 30, false },
        { "meet now about 'the cutover'", "", "the cutover", 30, false },
        { "meet now with {A} subject: Hiring sync", "Alice Anders", "Hiring sync", 30, false },
        { "schedule a meeting now with {A}", "Alice Anders", null, 30, false },
        { "set up a call with {B}", "Bob Brown", null, 30, false },
        { "we need to talk with {A}", "Alice Anders", null, 30, false },

        // Chat shorthand: "w/" is "with"; "w/e" and "w/c" are not.
        { "meet now w/ {A}", "Alice Anders", null, 30, false },
        // Other words before the people (these used to become the subject: "w", "bring", "urgently", "bridge").
        { "pls set up a call w {A}", "Alice Anders", null, 30, false },
        { "meet now, bring {A} and {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now and invite {A}", "Alice Anders", null, 30, false },
        { "meet now w/ {A} plus {B}", "Alice Anders,Bob Brown", null, 30, false },
        // Words that join or close a list of people (these used to become the subject: "also", "as well as", "along", "too").
        { "meet now with {A} and also {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now with {A} as well as {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now with {A} along with {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now with {A} together with {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now with {A}, and {B} too", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now with {A}, also {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now with {A} also {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now with {A} as well", "Alice Anders", null, 30, false },
        // "too" and "as well" after the subject add it to the request (they were part of it: "the finance team as well").
        { "meet now with the finance team as well", "", "finance team", 30, false },
        { "meet now about the budget too", "", "the budget", 30, false },
        { "meet now about the me too campaign", "", "the me too campaign", 30, false },
        { "meet about the budget now", "", "the budget", 30, false },
        { "meet about the budget right now", "", "the budget", 30, false },
        { "meet about what to do now", "", "what to do", 30, false },
        { "meet now about the budget asap please", "", "the budget", 30, false },
        // "up" and "in" that make a name ("follow up", "check in") are kept (the subject was "follow", "check").
        { "set up a follow up now with {A}", "Alice Anders", "follow up", 30, false },
        { "schedule a check in now", "", "check in", 30, false },
        { "set up a catch up with {B} now", "Bob Brown", "catch up", 30, false },
        { "meet now to follow up on the incident", "", "follow up on the incident", 30, false },
        // "page" and "ping" before people invite them ("open a bridge and page @oncall-db" was titled "page").
        { "open a bridge and page {A}", "Alice Anders", null, 30, false },
        { "meet now and ping {A} and {B}", "Alice Anders,Bob Brown", null, 30, false },
        // A label, then the request: the label names the meeting (these got "Sorry, I didn't get …").
        { "sev2 - open a bridge with {A}", "Alice Anders", "sev2", 30, false },
        { "INC-4411: meet now with {A}", "Alice Anders", "INC-4411", 30, false },
        { "INC-4411: meet now about the db failover", "", "INC-4411: the db failover", 30, false },
        { "db failover — meet now", "", "db failover", 30, false },
        // "mtg" is a meeting (it was the subject).
        { "mtg now w {A}", "Alice Anders", null, 30, false },
        { "budget mtg now", "", "budget", 30, false },
        { "meet now with {A} also about the budget", "Alice Anders", "the budget", 30, false },
        { "meet now with {A}, cc {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now with {A} fyi {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now about the db w {A}", "Alice Anders", "the db", 30, false },
        { "meet urgently with {A}", "Alice Anders", null, 30, false },
        { "meet now with {A} to discuss how to bring {B} onboard", "Alice Anders", "how to bring Bob Brown onboard", 30, false },
        { "meet now to add {A} to the rota", "", "add Alice Anders to the rota", 30, false },
        { "open a bridge", "", null, 30, false },
        { "open a bridge for the sev1", "", "the sev1", 30, false },
        { "meet about life after the migration", "", "life after the migration", 30, false },
        { "meet now: postmortem after the outage", "", "postmortem after the outage", 30, false },
        // A number that is part of a name is not a time (these used to be asked about: "“incident 123” is not a time").
        { "meet now #incident-123", "", "incident-123", 30, false },
        { "meet now INC-4512 with {T}", "oncall-db", "INC-4512", 30, false },
        { "meet now PR #1234", "", "PR #1234", 30, false },
        // A word near a day word in a subject stays the subject's.
        { "meet now about wendesday planning", "", "wendesday planning", 30, false },
        { "meet now about mondays", "", "mondays", 30, false },
        { "meet about the bring-your-own-device policy", "", "the bring-your-own-device policy", 30, false },
        { "meet now w/{A} and {B}", "Alice Anders,Bob Brown", null, 30, false },
        { "meet now about the w/c plan", "", "the w/c plan", 30, false },
        { "meet now about w/e", "", "w/e", 30, false },

        // A vague length is the default length, not a subject; "in a sec" is as good as now.
        { "meet now for a minute", "", null, 30, false },
        { "meet now for a bit with {A}", "Alice Anders", null, 30, false },
        { "meet now for a few minutes", "", null, 30, false },
        { "meet now for a quick chat", "", "a quick chat", 30, false },
        { "meet in a sec with {A}", "Alice Anders", null, 30, false },
        { "meet in a minute or two about the outage", "", "the outage", 30, false },

        // "hop on a call" is a new meeting; a one-on-one names the meeting and is never a time.
        { "hop on a call with {A}", "Alice Anders", null, 30, false },
        { "jump on a call with {A} now", "Alice Anders", null, 30, false },
        { "1:1 with {A}", "Alice Anders", "1:1", 30, false },
        { "meet now 1on1 with {A}", "Alice Anders", "1on1", 30, false },
        { "meet now 1:1 with {A} budget review", "Alice Anders", "budget review", 30, false },
        { "one-on-one with {A} about goals", "Alice Anders", "goals", 30, false },

        // Time words inside a subject stay the subject's.
        { "meet now about the end of day report", "", "the end of day report", 30, false },
        { "meet now about EOD numbers", "", "EOD numbers", 30, false },
        { "meet now about the after lunch plan", "", "the after lunch plan", 30, false },
        { "meet now about recording policy", "", "recording policy", 30, false },
        { "meet now to review the recording", "", "review the recording", 30, false },
        // Until a time: from now to its next occurrence (these used to be refused, or a meeting at that time titled "until").
        { "meet now until 23:00", "", null, 60, false },
        { "meet now until 11pm", "", null, 60, false },
        { "meet until 22:45", "", null, 45, false },
        { "meet from now until 11pm", "", null, 60, false },
        { "meet now till 23:30 with {A} about the outage", "Alice Anders", "the outage", 90, false },
        { "meet now until 11pm UTC", "", null, 60, false },
        { "meet now until further notice", "", "until further notice", 30, false },
    };

    [Theory]
    [InlineData("meet now until 9pm", "the end you gave is 23 hours away; give the length instead")]
    [InlineData("meet tomorrow until 3pm", "“until” says when the meeting ends, not when it starts")]
    [InlineData("meet now until 11pm for 45 min", "an end time and a length say different things")]
    public void An_end_that_cannot_be_used_with_now_says_why(string text, string problem) =>
        Assert.Contains(problem, Expect<ParseFailure>(CommandParser.Parse(Input(text))).Message, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(InstantMeetings))]
    public void Instant_meeting_phrasings(string text, string attendees, string? subject, int minutes, bool everyone)
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text)));

        Assert.Null(command.Start);
        Assert.Null(command.End);
        Assert.False(command.IsScheduled);
        Assert.Equal(attendees, Names(command.Attendees));
        Assert.Equal(subject, command.Subject);
        Assert.Equal(TimeSpan.FromMinutes(minutes), command.Duration);
        Assert.Equal(everyone, command.InviteEveryone);
        Assert.Empty(command.UnmatchedNames);
    }

    public static TheoryData<string, string, string> PlainNames => new()
    {
        { "meet now with @alice", "alice", "" },
        { "meet now with @alice and {B}", "alice", "Bob Brown" },
        { "meet now with <at>Zed Unknown</at>", "Zed Unknown", "" },
        { "meet @bob.smith about logs", "bob.smith", "" },
        // A name may start with a digit; a time after "@" is read as "at" (ScheduledMeetingTests).
        { "meet now with @1stline", "1stline", "" },
    };

    [Theory]
    [MemberData(nameof(PlainNames))]
    public void Names_typed_without_a_Teams_mention_are_never_attendees(string text, string unmatched, string attendees)
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text)));

        Assert.Equal(unmatched, string.Join(",", command.UnmatchedNames));
        Assert.Equal(attendees, Names(command.Attendees));
    }

    /// <summary>text → names typed as text to look up (comma-separated, as written), mentioned attendees, subject.</summary>
    public static TheoryData<string, string, string, string?> NamesInWords => new()
    {
        { "meet now with alice", "alice", "", null },
        { "meet tomorrow at 3 with bob and carol", "bob,carol", "", null },
        { "meet now with Alice Anders", "Alice Anders", "", null },
        { "meet now with bob, carol and dave about the outage", "bob,carol,dave", "", "the outage" },
        { "meet now with {A} and carol", "carol", "Alice Anders", null },
        { "meet now with alice and @bob", "alice", "", null },
        { "1:1 with alice", "alice", "", "1:1" },
        { "hop on a call with alice and bob", "alice,bob", "", null },
        { "meet now with bob quickly", "bob", "", null },
        { "meet now with me and bob", "bob", "", null },
        { "meet now with bob for 45 min", "bob", "", null },
        { "meet in 10 min with bob", "bob", "", null },
        { "sync with bob re: the rollout", "bob", "", "the rollout" },
        // "now" after a subject is when ("meet about Q4 budget now with bob" made "Q4 budget now with bob" the subject, inviting no one).
        { "meet about Q4 budget now with bob", "bob", "", "Q4 budget" },
        { "meet re: the budget asap with bob", "bob", "", "the budget" },
        { "meet tomorrow at 10 with o'brien", "o'brien", "", null },
        { "meet now with alice@contoso.com", "alice@contoso.com", "", null },
        { "meet now, invite alice.anders@contoso.com and bob@contoso.com.", "alice.anders@contoso.com,bob@contoso.com", "", null },
        { "meet now about the budget with bob@contoso.com", "bob@contoso.com", "", "the budget" },
        { "book a meeting with alice.anders tomorrow at 10", "alice.anders", "", null },
        { "meet now with alice_anders", "alice_anders", "", null },
        { "meet now with everyone and bob", "bob", "", null },
        { "meet now with alice, thanks", "alice", "", null },
        { "meet now with bob as well", "bob", "", null },
        { "meet with tomo at 3", "tomo", "", null },
        { "meet now with alice cc bob", "alice,bob", "", null },
        // "call bob": the people called (this made a meeting titled "bob"); words that are no names stay the subject.
        { "call alice", "alice", "", null },
        { "call alice and bob about the outage", "alice,bob", "", "the outage" },
        { "call bob at 3", "bob", "", null },
        { "call alice for 15 min", "alice", "", null },
        { "call Carol Chen", "Carol Chen", "", null },
        { "call budget review at 3", "", "", "budget review" },
        { "call standup at 9", "", "", "standup" },
        { "call alice again", "alice", "", null },
        { "meet now with bob and carol too about the budget", "bob,carol", "", "the budget" },
        { "meet now with bob also carol", "bob,carol", "", null },
        { "meet now with bob as well as carol", "bob,carol", "", null },
        { "meet tomorrow at 3 with bob, and also carol", "bob,carol", "", null },
        // "get bob on a call": a meeting with them (these got "Sorry, I didn't get …"); "on the call" rings them instead.
        { "get bob on a call", "bob", "", null },
        { "get bob and carol on a quick call about the outage", "bob,carol", "", "the outage" },
        { "get {A} and carol on a call now", "carol", "Alice Anders", null },
        { "grab alice in a huddle at 3", "alice", "", null },
        // Not people: a group, whose name, the sender's manager, words inside a subject, words after a mention.
        { "meet now with the finance team", "", "", "finance" },
        { "meet now with finance folks", "", "", "finance" },
        { "meet now with bob's team", "", "", "bob's" },
        { "meet now with my manager", "", "", "my manager" },
        { "meet now with whoever is on call", "", "", "call" },
        { "meet now with anyone available", "", "", "anyone available" },
        { "meet now about lunch with bob", "", "", "lunch with bob" },
        { "meet now to discuss how to work with legacy code", "", "", "how to work with legacy code" },
        { "meet now 1:1 with {A} budget review", "", "Alice Anders", "budget review" },
        { "meet now with {A} about the budget", "", "Alice Anders", "the budget" },
    };

    /// <summary>
    /// A place written with the meeting is kept as its place, not its subject nor a time ("in room 4" was refused as "not a
    /// time I can read"; "in the boardroom", "at the office" and "in person" became the subject).
    /// </summary>
    [Theory]
    [InlineData("meet tomorrow at 10 in room 4", "room 4", null, "2026-11-27T10:00Z")]
    [InlineData("meet tomorrow at 10 in the boardroom", "the boardroom", null, "2026-11-27T10:00Z")]
    [InlineData("meet in conf room B tomorrow at 10", "conf room B", null, "2026-11-27T10:00Z")]
    [InlineData("meet tomorrow at 10 in building 4", "building 4", null, "2026-11-27T10:00Z")]
    [InlineData("meet tomorrow at 10 at the office", "the office", null, "2026-11-27T10:00Z")]
    [InlineData("meet tomorrow at 10 in person", "in person", null, "2026-11-27T10:00Z")]
    [InlineData("meet in-person tomorrow at 9", "in-person", null, "2026-11-27T09:00Z")]
    [InlineData("meet tomorrow at 10 on site", "on site", null, "2026-11-27T10:00Z")]
    [InlineData("meet now in conference room Everest about the budget", "conference room Everest", "the budget", null)]
    [InlineData("meet in room 4.12 at 3pm", "room 4.12", null, "2026-11-27T15:00Z")]
    [InlineData("meet now at HQ", "HQ", null, null)]
    [InlineData("meet now in room 10", "room 10", null, null)]
    // Not places: a room in a subject, a "war room" (the bridge itself), "in 10" (minutes).
    [InlineData("meet now in the war room", null, "war room", null)]
    [InlineData("meet about the room 4 refurbishment at 3", null, "the room 4 refurbishment", "2026-11-27T15:00Z")]
    [InlineData("meet now about life in person", null, "life in person", null)]
    [InlineData("meet in 10", null, null, "2026-11-26T22:10Z")]
    public void A_place_is_the_meetings_place_not_its_subject_or_time(string text, string? location, string? subject, string? start)
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text)));

        Assert.Equal(location, command.Location);
        Assert.Equal(subject, command.Subject);
        Assert.Equal(start is null ? null : At(start), command.Start);
    }

    /// <summary>
    /// The meeting's name first, then when: "failover review at 3", "sev1 bridge now" (these got "Sorry, I didn't get …").
    /// Times are in UTC; now is Thu 26 Nov 22:00.
    /// </summary>
    [Theory]
    [InlineData("failover review at 3", "failover review", "2026-11-27T15:00Z", "")]
    [InlineData("failover review now", "failover review", null, "")]
    [InlineData("lunch tomorrow at 12", "lunch", "2026-11-27T12:00Z", "")]
    [InlineData("sev1 bridge now with {T}", "sev1 bridge", null, "oncall-db")]
    [InlineData("Q4 planning on Friday at 10", "Q4 planning", "2026-11-27T10:00Z", "")]
    [InlineData("interview debrief at 5 with {A} and {B}", "interview debrief", "2026-11-27T17:00Z", "Alice Anders,Bob Brown")]
    [InlineData("design review in 20 minutes", "design review", "2026-11-26T22:20Z", "")]
    [InlineData("postmortem for INC-123 tomorrow at 10", "postmortem for INC-123", "2026-11-27T10:00Z", "")]
    [InlineData("one on one with {B} at 3", "one on one", "2026-11-27T15:00Z", "Bob Brown")]
    // A name with "up" or a slash in it (these got "Sorry, I didn't get …").
    [InlineData("follow up with {B} at 3", "follow up", "2026-11-27T15:00Z", "Bob Brown")]
    [InlineData("release go/no-go at 4", "release go/no-go", "2026-11-27T16:00Z", "")]
    [InlineData("Q3/Q4 planning tomorrow at 10", "Q3/Q4 planning", "2026-11-27T10:00Z", "")]
    public void The_meetings_name_then_when_is_a_meeting_with_that_subject(string text, string subject, string? start, string attendees)
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text)));

        Assert.Equal(subject, command.Subject);
        Assert.Equal(start is null ? null : At(start), command.Start);
        Assert.Equal(attendees, Names(command.Attendees));
    }

    /// <summary>A sentence, a question, a remark, a misspelt command or a name without a time is not a meeting.</summary>
    [Theory]
    [InlineData("the deploy is at 3")]
    [InlineData("my flight lands at 3")]
    [InlineData("we go live tomorrow")]
    [InlineData("lunch tomorrow at 12?")]
    [InlineData("failover review")]
    [InlineData("great job everyone at 3")]
    [InlineData("sorry I'm late now")]
    [InlineData("happy birthday bob")]
    [InlineData("reschedul to 4pm")]
    [InlineData("record now")]
    [InlineData("brb in 10 min")]
    [InlineData("heads up: maintenance window tonight at 10")]
    [InlineData("sev1 - the db is down")]
    [InlineData("reminder: retro at 4")]
    [InlineData("FYI outage at 3")]
    [InlineData("db down now")]
    [InlineData("wfh tomorrow")]
    [InlineData("deploy done at 3")]
    // A statement about a meeting (these made a meeting at 3).
    [InlineData("the meeting is at 3")]
    [InlineData("meeting is at 3")]
    [InlineData("our meeting starts at 3")]
    [InlineData("the standup is at 9")]
    [InlineData("the call was great")]
    public void Words_before_a_time_that_are_no_meetings_name_are_not_understood(string text) =>
        Assert.Contains(Expect<ParseFailure>(CommandParser.Parse(Input(text))).Kind, new[] { ParseFailureKind.NotUnderstood, ParseFailureKind.TeamsControl });

    [Theory]
    [MemberData(nameof(NamesInWords))]
    public void Names_in_words_after_with_are_people_to_look_up_not_the_subject(string text, string typed, string attendees, string? subject)
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text)));

        Assert.Equal(typed, string.Join(",", command.TypedNames));
        Assert.Equal(attendees, Names(command.Attendees));
        Assert.Equal(subject, command.Subject);
    }

    /// <summary>text → attendees, the people left out (comma-separated; a typed name shows as "@name"), subject, invite everyone.</summary>
    public static TheoryData<string, string, string, string?, bool> Exclusions => new()
    {
        { "meet now with everyone except {A}", "", "Alice Anders", null, true },
        { "meet now with everyone except for {A} and {B}", "", "Alice Anders,Bob Brown", null, true },
        { "meet now with everyone excluding {A}, {B} about the reorg", "", "Alice Anders,Bob Brown", "the reorg", true },
        { "meet now with everyone about the reorg except {A}", "", "Alice Anders", "the reorg", true },
        { "meet now with the team but not {C}", "", "Carol Chen", null, true },
        { "meet now with {A} {B} but not {B}", "Alice Anders", "Bob Brown", null, false },
        { "meet now without {A}", "", "Alice Anders", null, false },
        { "meet now with everyone but {A}", "", "Alice Anders", null, true },
        { "meet now with everyone apart from {A} and {B}", "", "Alice Anders,Bob Brown", null, true },
        { "meet now with everyone other than {C}", "", "Carol Chen", null, true },
        { "meet now with everyone except @alice", "", "@alice", null, true },
        { "meet now with everyone except bob", "", "@bob", null, true },
        { "meet now with everyone but Carol Chen", "", "@Carol Chen", null, true },
        { "meet now with everyone except bob@contoso.com", "", "@bob@contoso.com", null, true },
        { "meet now with everyone w/o {A}", "", "Alice Anders", null, true },
        // "without" not followed by people stays words of the subject.
        { "meet now about life without meetings", "", "", "life without meetings", false },
    };

    [Theory]
    [MemberData(nameof(Exclusions))]
    public void People_to_leave_out_are_never_attendees(string text, string attendees, string excluded, string? subject, bool everyone)
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text)));

        Assert.Equal(attendees, Names(command.Attendees));
        Assert.Equal(excluded, string.Join(",", command.Excluded.Select(e => e.Id.Length == 0 ? "@" + e.Name : e.Name)));
        Assert.Equal(subject, command.Subject);
        Assert.Equal(everyone, command.InviteEveryone);
        Assert.Empty(command.UnmatchedNames);
    }

    [Fact]
    public void People_to_leave_out_are_kept_for_the_scheduling_card()
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input("meet tomorrow with everyone except {A}")));

        Assert.True(failure.NeedsSchedulingCard);
        Assert.True(failure.Understood!.InviteEveryone);
        Assert.Equal("Alice Anders", Names(failure.Understood.Excluded));
    }

    [Fact]
    public void People_named_as_text_are_kept_for_the_scheduling_card_and_its_suggestion()
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input("meet tomorrow at 25:00 with {A}, @carol and bob")));

        Assert.True(failure.NeedsSchedulingCard);
        Assert.Equal("Alice Anders", Names(failure.Understood!.Attendees));
        Assert.Equal(["@carol", "bob"], failure.Understood.TypedNames);
        Assert.Contains("with Alice Anders, @carol, bob", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("with @Alice Anders, @carol and bob", failure.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void Mentions_are_matched_by_markup_even_when_names_repeat_in_text()
    {
        var input = Input("meet now with {A} about Alice Anders onboarding");
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(input));

        Assert.Equal("Alice Anders", Names(command.Attendees));
        Assert.Equal("Alice Anders onboarding", command.Subject);
        Assert.Same(Alice, command.Attendees[0]);
    }

    [Fact]
    public void A_tag_mention_keeps_its_tag_flag()
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input("meet now with {T} and {A}")));

        Assert.True(command.Attendees[0].IsTag);
        Assert.False(command.Attendees[1].IsTag);
    }

    [Fact]
    public void Instant_meeting_describes_its_length_and_zone()
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input("meet now for 45 min", assumed: true)));

        Assert.Equal("now for 45 min (UTC, assumed)", command.ScheduleDescription);
        Assert.True(command.TimeZoneAssumed);
    }

    public static TheoryData<string, ParseFailureKind> InstantFailures => new()
    {
        { "meet now for 0 min", ParseFailureKind.TooShort },
        { "meet now for 25 hours", ParseFailureKind.TooLong },
        { "meet now for 30 min for 45 min", ParseFailureKind.UnreadableTime },
        { "meet later", ParseFailureKind.UnreadableTime },
        { "meet tomorrow-ish", ParseFailureKind.UnreadableTime },
        { "meet sometime next week", ParseFailureKind.UnreadableTime },
        // A minus sign is not passed over ("in -5 min" and "for -5 min" made a 5-minute meeting now), days are a length
        // ("for 2 days" was the subject), and a refused length is never suggested ("… at 10:00 for 48h").
        { "meet in -5 min", ParseFailureKind.UnreadableTime },
        { "meet for -5 min", ParseFailureKind.UnreadableTime },
        { "meet for 2 days", ParseFailureKind.TooLong },
        { "meet tomorrow for 2 days with bob", ParseFailureKind.UnreadableTime },
    };

    [Theory]
    [InlineData("meet in -5 min", "“-5 min” is not a time from now")]
    [InlineData("meet for -5 min", "“-5 min” is not a length")]
    [InlineData("meet for 2 days", "a meeting can last at most 24 hours (48 h asked)")]
    public void Amounts_that_cannot_be_a_meeting_are_named(string text, string problem)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text)));

        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InstantFailures))]
    public void Meeting_failures_say_what_was_wrong_and_suggest_a_command(string text, ParseFailureKind kind)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text)));

        Assert.Equal(kind, failure.Kind);
        Assert.StartsWith("meet", failure.Suggestion, StringComparison.Ordinal);
        AssertMessageQuotesSuggestionOnce(failure, text);
        Assert.NotNull(failure.Understood);
        Assert.IsType<CreateMeetingCommand>(CommandParser.Parse(Input(failure.Suggestion)));
    }
}
