using TeamsMeetBot.Commands;
using static TeamsMeetBot.Tests.Commands.CommandTestInputs;

namespace TeamsMeetBot.Tests.Commands;

public class OtherCommandTests
{
    public static TheoryData<string, Type> Kinds => new()
    {
        { "", typeof(HelpCommand) },
        { "   ", typeof(HelpCommand) },
        { "help", typeof(HelpCommand) },
        { "Help!", typeof(HelpCommand) },
        { "?", typeof(HelpCommand) },
        { "what can you do?", typeof(HelpCommand) },
        { "how does this work", typeof(HelpCommand) },
        { "commands", typeof(HelpCommand) },
        { "Hey", typeof(HelpCommand) },
        { "hello", typeof(HelpCommand) },
        { "cancel", typeof(CancelMeetingCommand) },
        { "Cancel.", typeof(CancelMeetingCommand) },
        { "cancel the meeting", typeof(CancelMeetingCommand) },
        { "cancel it please", typeof(CancelMeetingCommand) },
        { "please cancel my meeting", typeof(CancelMeetingCommand) },
        { "call it off", typeof(CancelMeetingCommand) },
        { "delete the meeting", typeof(CancelMeetingCommand) },
        { "could we cancel the standup", typeof(CancelMeetingCommand) },
        { "can we move it to 4pm", typeof(RescheduleMeetingCommand) },
        { "resched to 4pm", typeof(RescheduleMeetingCommand) },
        { "should we cancel the standup?", typeof(ParseFailure) },
        { "join", typeof(JoinCallCommand) },
        { "join the call", typeof(JoinCallCommand) },
        { "Join the meeting please", typeof(JoinCallCommand) },
        { "join us", typeof(JoinCallCommand) },
        { "bring the bot in", typeof(JoinCallCommand) },
        { "come in", typeof(JoinCallCommand) },
        { "hop on the call", typeof(JoinCallCommand) },
        { "hop in", typeof(JoinCallCommand) },
        // A call with an article is a new one.
        { "hop on a call with {A}", typeof(CreateMeetingCommand) },
        { "jump on a quick call", typeof(CreateMeetingCommand) },
        { "bring it forward 10 min", typeof(RescheduleMeetingCommand) },
        { "dial in", typeof(JoinCallCommand) },
        { "can you join the call?", typeof(JoinCallCommand) },
        { "leave", typeof(LeaveCallCommand) },
        { "leave the call", typeof(LeaveCallCommand) },
        { "hang up", typeof(LeaveCallCommand) },
        { "hangup", typeof(LeaveCallCommand) },
        { "bot leave", typeof(LeaveCallCommand) },
        { "please leave", typeof(LeaveCallCommand) },
        { "drop off", typeof(LeaveCallCommand) },
        { "disconnect", typeof(LeaveCallCommand) },
        { "bye", typeof(LeaveCallCommand) },
        { "status", typeof(StatusCommand) },
        { "who is in the call", typeof(StatusCommand) },
        { "who's in the call?", typeof(StatusCommand) },
        { "who joined", typeof(StatusCommand) },
        { "roster", typeof(StatusCommand) },
        { "ring {A}", typeof(RingCommand) },
        { "ring everyone", typeof(RingCommand) },
        { "ring attendees", typeof(RingCommand) },
        { "call in {B}", typeof(RingCommand) },
        { "call {B} in", typeof(RingCommand) },
        { "dial {A}", typeof(RingCommand) },
        { "give {A} a ring", typeof(RingCommand) },
        { "give {A} and {B} a call", typeof(RingCommand) },
        { "ping {A}", typeof(RingCommand) },
        { "ping {A} to join", typeof(RingCommand) },
        { "ping everyone", typeof(RingCommand) },
        { "buzz {B}", typeof(RingCommand) },
        { "ping", typeof(ParseFailure) },
        { "you can leave", typeof(LeaveCallCommand) },
        { "feel free to leave", typeof(LeaveCallCommand) },
        { "thank you, you can leave now", typeof(LeaveCallCommand) },
        { "thanks bot, you can go", typeof(LeaveCallCommand) },
        { "you can go ahead and meet now", typeof(CreateMeetingCommand) },
        // Who is invited, and the subject, of a meeting there is ("remove {B} from the meeting" used to cancel it).
        { "invite {C}", typeof(ChangeMeetingCommand) },
        { "invite {C} too", typeof(ChangeMeetingCommand) },
        { "add bob and carol to tomorrow's standup", typeof(ChangeMeetingCommand) },
        { "add {A} to the meeting", typeof(ChangeMeetingCommand) },
        { "remove {B} from the meeting", typeof(ChangeMeetingCommand) },
        { "uninvite bob", typeof(ChangeMeetingCommand) },
        { "take bob off the invite", typeof(ChangeMeetingCommand) },
        { "rename it to retro", typeof(ChangeMeetingCommand) },
        { "change the subject to retro", typeof(ChangeMeetingCommand) },
        { "rename it", typeof(ParseFailure) },
        { "remove the meeting", typeof(CancelMeetingCommand) },
        { "remove it", typeof(CancelMeetingCommand) },
        { "add {A} to the call", typeof(RingCommand) },
        { "get {A} on the call", typeof(RingCommand) },
        { "change the standup to 4pm", typeof(RescheduleMeetingCommand) },
        { "add an hour", typeof(ParseFailure) },
        { "invite everyone to the standup", typeof(ChangeMeetingCommand) },
        { "add everyone to the call", typeof(RingCommand) },
        // "to a meeting" asks for a new one, with them.
        { "invite bob to a meeting tomorrow at 3", typeof(CreateMeetingCommand) },
        { "invite {A} to a quick call", typeof(CreateMeetingCommand) },
        { "add bob to a new meeting at 4", typeof(CreateMeetingCommand) },
        // "is alice in the call?" asks who is in it (it used to get "Sorry, I didn't get …").
        { "is {A} in the call?", typeof(StatusCommand) },
        { "are bob and carol on the call yet", typeof(StatusCommand) },
        { "is anyone in the call", typeof(StatusCommand) },
        { "is there a meeting today", typeof(ListMeetingsCommand) },
        // "who are you" is about the bot, not the call.
        { "who are you", typeof(HelpCommand) },
        { "who's in the call", typeof(StatusCommand) },
        // Thanks and acknowledgements are answered in a line (these used to get "Sorry, I didn't get …" and the help card).
        { "thanks", typeof(AcknowledgementCommand) },
        { "thank you so much!", typeof(AcknowledgementCommand) },
        { "{A} thanks a lot", typeof(AcknowledgementCommand) },
        { "thanks for the meeting", typeof(AcknowledgementCommand) },
        { "thank you so much for setting this up", typeof(AcknowledgementCommand) },
        { "ok for tomorrow", typeof(ParseFailure) },
        { "ok, great", typeof(AcknowledgementCommand) },
        { "got it", typeof(AcknowledgementCommand) },
        { "never mind", typeof(AcknowledgementCommand) },
        { "nvm", typeof(AcknowledgementCommand) },
        { "yes", typeof(ParseFailure) },
        { "that's all", typeof(ParseFailure) },
        { "thanks, what's the weather", typeof(ParseFailure) },
        // A request after a correction is the request (these used to get "Sorry, I didn't get …").
        { "actually, make it 4pm", typeof(RescheduleMeetingCommand) },
        { "actually make it 4pm", typeof(RescheduleMeetingCommand) },
        { "wait, make it 45 minutes", typeof(RescheduleMeetingCommand) },
        { "no, cancel it", typeof(CancelMeetingCommand) },
        { "oops cancel that", typeof(CancelMeetingCommand) },
        { "scratch that", typeof(CancelMeetingCommand) },
        { "sorry, I meant 4pm", typeof(RescheduleMeetingCommand) },
        { "I meant tomorrow", typeof(RescheduleMeetingCommand) },
        // "instead" with only a new time moves the meeting just made (it made a second one); with none to move, it makes one.
        { "hmm, meet at 3 instead", typeof(RescheduleMeetingCommand) },
        { "hmm, meet at 3 with {B} instead", typeof(CreateMeetingCommand) },
        { "meet now instead", typeof(CreateMeetingCommand) },
        // A new time alone after a word that corrects, or with "instead" (these got "Sorry, I didn't get …").
        { "actually 4pm", typeof(RescheduleMeetingCommand) },
        { "no, tomorrow at 3", typeof(RescheduleMeetingCommand) },
        { "how about 4?", typeof(RescheduleMeetingCommand) },
        { "what about 30 min?", typeof(RescheduleMeetingCommand) },
        { "4pm instead", typeof(RescheduleMeetingCommand) },
        { "4pm works better", typeof(RescheduleMeetingCommand) },
        { "4pm", typeof(ParseFailure) },
        { "no, 4pm doesn't work for me", typeof(ParseFailure) },
        { "how about a call at 4?", typeof(CreateMeetingCommand) },
        // The call: who is in it, and the bot leaving it (these got "Sorry, I didn't get …").
        { "is carol here?", typeof(StatusCommand) },
        { "is {A} on the bridge?", typeof(StatusCommand) },
        { "how many people are in the call", typeof(StatusCommand) },
        { "kick the bot", typeof(LeaveCallCommand) },
        { "kick {A}", typeof(ChangeMeetingCommand) },
        // Other ways to cancel (these got "Sorry, I didn't get …").
        { "nuke it", typeof(CancelMeetingCommand) },
        { "ditch the standup", typeof(CancelMeetingCommand) },
        { "we don't need the meeting anymore", typeof(CancelMeetingCommand) },
        { "we no longer need the call", typeof(CancelMeetingCommand) },
        { "i don't need it", typeof(ParseFailure) },
        { "drop the link", typeof(ListMeetingsCommand) },
        { "start 10 min late", typeof(RescheduleMeetingCommand) },
        { "no", typeof(ParseFailure) },
        { "actually", typeof(ParseFailure) },
        { "no, the budget meeting", typeof(ParseFailure) },
        // A request after thanks or an acknowledgement is the request.
        { "thank you! cancel it", typeof(CancelMeetingCommand) },
        { "great, meet tomorrow at 3 with {A}", typeof(CreateMeetingCommand) },
        { "got it - ring {B}", typeof(RingCommand) },
        { "ok cool, list meetings", typeof(ListMeetingsCommand) },
        { "invite {C} to the call", typeof(RingCommand) },
        { "reschedule to 4pm", typeof(RescheduleMeetingCommand) },
        { "make it 30 min", typeof(RescheduleMeetingCommand) },
        { "push it by 15 minutes", typeof(RescheduleMeetingCommand) },
        { "meet now", typeof(CreateMeetingCommand) },
        { "call with {A}", typeof(CreateMeetingCommand) },
        { "probe", typeof(ParseFailure) },
        { "TestMessage", typeof(ParseFailure) },
        { "what's the weather", typeof(ParseFailure) },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Command_words_choose_the_command(string text, Type expected)
    {
        Assert.IsType(expected, CommandParser.Parse(Input(text)));
    }

    /// <summary>The suggestion after "Sorry, I didn't get …" starts at a word (it was “meet , 4pm for me”).</summary>
    [Theory]
    [InlineData("no, 4pm doesn't work for me", "meet 4pm")]
    [InlineData("hmm; tomorrow at 3 could be better for bob", "meet tomorrow at 3")]
    public void A_suggestion_never_starts_with_punctuation(string text, string start)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text)));

        Assert.StartsWith(start, failure.Suggestion, StringComparison.Ordinal);
    }

    /// <summary>text → people to invite, people to take off (mentions and names as written), new subject, words naming the meeting.</summary>
    [Theory]
    [InlineData("invite {C}", "Carol Chen", "", null, "")]
    [InlineData("add bob and @carol to the budget meeting", "@carol,bob", "", null, "budget")]
    [InlineData("invite carol@contoso.example to the retro", "carol@contoso.example", "", null, "retro")]
    [InlineData("remove {B} from tomorrow's meeting", "", "Bob Brown", null, "")]
    [InlineData("take bob off the invite", "", "bob", null, "")]
    [InlineData("kick bob out of the standup", "", "bob", null, "standup")]
    [InlineData("rename the standup to daily sync", "", "", "daily sync", "standup")]
    [InlineData("rename the meeting \"Q4 planning\"", "", "", "Q4 planning", "")]
    [InlineData("change the title of the retro to “Sprint 12 retro”.", "", "", "Sprint 12 retro", "retro")]
    [InlineData("set the topic: failover review", "", "", "failover review", "")]
    public void A_change_names_its_people_or_subject_and_which_meeting(string text, string invite, string uninvite, string? subject, string words)
    {
        var change = Assert.IsType<ChangeMeetingCommand>(CommandParser.Parse(Input(text)));
        Assert.Equal(invite, string.Join(",", change.Invite.Select(m => m.Name).Concat(change.InviteByName)));
        Assert.Equal(uninvite, string.Join(",", change.Uninvite.Select(m => m.Name).Concat(change.UninviteByName)));
        Assert.Equal(subject, change.NewSubject);
        Assert.Equal(words, string.Join(",", change.Which.Words));
    }

    /// <summary>
    /// The bot reaches people by their Teams account, never a phone number: "ring +1 425 555 0100" used to ring every
    /// attendee not in the call, and "meet now with +14255550100" said it was not a time.
    /// </summary>
    [Theory]
    [InlineData("ring +14255550100", "I can't ring phone numbers")]
    [InlineData("ring +1 425 555 0100", "I can't ring phone numbers")]
    [InlineData("dial 555-0100", "I can't ring phone numbers")]
    [InlineData("ring (425) 555-0100", "I can't ring phone numbers")]
    [InlineData("call +1 425 555 0100", "I can't call phone numbers")]
    [InlineData("meet now with +14255550100", "I can't invite phone numbers")]
    [InlineData("meet now with {A} and 0800 123 456", "I can't invite phone numbers")]
    public void A_phone_number_to_ring_or_invite_is_refused_with_what_works(string text, string message)
    {
        var failure = Assert.IsType<ParseFailure>(CommandParser.Parse(Input(text)));
        Assert.Equal(ParseFailureKind.PhoneNumber, failure.Kind);
        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("meet 2026-12-03 14:00")]
    [InlineData("meet at 1430")]
    [InlineData("meet now about ticket 1234567")]
    [InlineData("meet now with {A} about INC0012345")]
    [InlineData("meet now with {A} and 2026-12-03")]
    public void Numbers_that_are_dates_or_subjects_are_no_phone_numbers(string text) =>
        Assert.False(CommandParser.Parse(Input(text)) is ParseFailure { Kind: ParseFailureKind.PhoneNumber }, text);

    /// <summary>"what's my time zone?" and "change my time zone to …" say which zone is read and how to give another (they got the help card, or "tell me the new time").</summary>
    [Theory]
    [InlineData("what's my time zone", false, "In each message Teams tells me your time zone, Europe/Berlin, and I read the times you write in it.")]
    [InlineData("which timezone do you use?", false, "In each message Teams tells me your time zone, Europe/Berlin")]
    [InlineData("what time zone is the meeting in", false, "In each message Teams tells me your time zone")]
    [InlineData("change my time zone to Europe/London", true, "I don't keep a time zone setting: in each message Teams tells me your time zone, Europe/Berlin")]
    [InlineData("set my timezone to CET", true, "I don't keep a time zone setting")]
    [InlineData("use UTC", true, "I don't keep a time zone setting")]
    public void Time_zone_questions_say_which_zone_is_read_and_how_to_give_another(string text, bool askedToChange, string answer)
    {
        var question = Assert.IsType<TimeZoneQuestionCommand>(CommandParser.Parse(Input(text, zone: "Europe/Berlin")));
        Assert.Equal(askedToChange, question.AskedToChange);
        Assert.StartsWith(answer, question.Answer, StringComparison.Ordinal);
        Assert.Contains("“meet tomorrow at 3pm Europe/London”", question.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_zone_question_when_Teams_gave_none_says_UTC_is_assumed() =>
        Assert.StartsWith("Teams didn't tell me your time zone, so I read the times you write in UTC.",
            Assert.IsType<TimeZoneQuestionCommand>(CommandParser.Parse(Input("what's my time zone?", assumed: true))).Answer, StringComparison.Ordinal);

    /// <summary>"what time is it?" and "what's the date" give the sender's clock (the first listed the meetings, the rest got "Sorry, I didn't get …").</summary>
    [Theory]
    [InlineData("what time is it", "It's 14:00 on Thursday 26 November 2026 (America/Los_Angeles).")]
    [InlineData("What time is it?", "It's 14:00 on Thursday 26 November 2026 (America/Los_Angeles).")]
    [InlineData("what's the time", "It's 14:00 on Thursday 26 November 2026 (America/Los_Angeles).")]
    [InlineData("what is the time now please", "It's 14:00 on Thursday 26 November 2026 (America/Los_Angeles).")]
    [InlineData("what day is it", "It's 14:00 on Thursday 26 November 2026 (America/Los_Angeles).")]
    [InlineData("what's today's date", "It's 14:00 on Thursday 26 November 2026 (America/Los_Angeles).")]
    [InlineData("what's the date today?", "It's 14:00 on Thursday 26 November 2026 (America/Los_Angeles).")]
    [InlineData("time?", "It's 14:00 on Thursday 26 November 2026 (America/Los_Angeles).")]
    [InlineData("what time is it in my time zone", "It's 14:00 on Thursday 26 November 2026 (America/Los_Angeles).")]
    [InlineData("what time is it in London", "It's 22:00 on Thursday 26 November 2026 (Europe/London).")]
    [InlineData("what time is it in Bangalore?", "It's 03:30 on Friday 27 November 2026 (Asia/Kolkata).")]
    [InlineData("what's the time in Europe/Berlin", "It's 23:00 on Thursday 26 November 2026 (Europe/Berlin).")]
    [InlineData("what time is it in UTC", "It's 22:00 on Thursday 26 November 2026 (UTC).")]
    [InlineData("what time is it in IST", "“IST” can mean India, Ireland or Israel time: write the zone as UTC+5:30 or Asia/Kolkata, for example. In yours, it's 14:00 on Thursday 26 November 2026 (America/Los_Angeles).")]
    [InlineData("what time is it in narnia", "I don't know the time zone of “narnia”: write a city, like “what time is it in London”, or a zone, like Europe/London or UTC+2. In yours, it's 14:00 on Thursday 26 November 2026 (America/Los_Angeles).")]
    public void Clock_questions_give_the_senders_date_and_time(string text, string answer) =>
        Assert.Equal(answer, Assert.IsType<ClockQuestionCommand>(CommandParser.Parse(Input(text, zone: "America/Los_Angeles"))).Answer);

    [Fact]
    public void A_clock_question_when_Teams_gave_no_zone_says_UTC_is_assumed() =>
        Assert.Equal("It's 22:00 on Thursday 26 November 2026 (UTC). Teams didn't tell me your time zone, so I read the times you write in UTC; write the zone after a time for another, e.g. “meet at 3pm Europe/London”.",
            Assert.IsType<ClockQuestionCommand>(CommandParser.Parse(Input("what time is it?", assumed: true))).Answer);

    [Theory]
    [InlineData("what time is the standup", typeof(ListMeetingsCommand))]
    [InlineData("what day is the retro", typeof(ListMeetingsCommand))]
    [InlineData("what's the date of the standup", typeof(ListMeetingsCommand))]
    [InlineData("how long is the standup", typeof(ListMeetingsCommand))]
    [InlineData("how long is my next meeting?", typeof(ListMeetingsCommand))]
    [InlineData("what's my time zone", typeof(TimeZoneQuestionCommand))]
    [InlineData("what time zone are you in", typeof(TimeZoneQuestionCommand))]
    [InlineData("meet at the same time tomorrow", typeof(ParseFailure))]
    public void Questions_about_a_meetings_time_or_the_zone_are_no_clock_questions(string text, Type expected) =>
        Assert.IsType(expected, CommandParser.Parse(Input(text)));

    [Theory]
    [InlineData("change the time to 5pm", typeof(RescheduleMeetingCommand))]
    [InlineData("meet at 3pm in my time zone", typeof(CreateMeetingCommand))]
    public void Time_words_that_ask_no_time_zone_question_stay_what_they_were(string text, Type expected) =>
        Assert.IsType(expected, CommandParser.Parse(Input(text)));

    [Fact]
    public void Inviting_people_to_a_new_meeting_makes_it_with_them()
    {
        var mentioned = Assert.IsType<CreateMeetingCommand>(CommandParser.Parse(Input("invite {A} to a quick call")));
        var named = Assert.IsType<CreateMeetingCommand>(CommandParser.Parse(Input("invite bob to a meeting tomorrow at 3")));

        Assert.Equal("Alice Anders", Names(mentioned.Attendees));
        Assert.Null(mentioned.Start);
        Assert.Equal(["bob"], named.TypedNames);
        Assert.NotNull(named.Start);
        Assert.Null(named.Subject);
    }

    [Theory]
    [InlineData("thanks!", true)]
    [InlineData("ty", true)]
    [InlineData("ok thanks", true)]
    [InlineData("cheers bot", true)]
    [InlineData("ok", false)]
    [InlineData("sounds good", false)]
    [InlineData("no worries", false)]
    [InlineData("forget it", false)]
    public void Thanks_are_told_from_acknowledgements(string text, bool thanks) =>
        Assert.Equal(thanks, Assert.IsType<AcknowledgementCommand>(CommandParser.Parse(Input(text))).Thanks);

    /// <summary>text → mentioned targets, "@names" typed as text, names in words or addresses (all to look up).</summary>
    public static TheoryData<string, string, string, string> RingTargets => new()
    {
        { "ring {A}", "Alice Anders", "", "" },
        { "ring {A} and {B}", "Alice Anders,Bob Brown", "", "" },
        { "ring {A}, {B} & {C}", "Alice Anders,Bob Brown,Carol Chen", "", "" },
        { "ring {A} {A}", "Alice Anders", "", "" },
        { "call in {B}", "Bob Brown", "", "" },
        { "call {B} and {C} in", "Bob Brown,Carol Chen", "", "" },
        { "please ring {T}", "oncall-db", "", "" },
        { "{A} ring", "Alice Anders", "", "" },
        { "ring everyone", "", "", "" },
        { "ring all attendees", "", "", "" },
        { "ring the rest", "", "", "" },
        { "ring them", "", "", "" },
        { "ring people who haven't joined", "", "", "" },
        { "ring", "", "", "" },
        { "ring {A} and @bob", "Alice Anders", "bob", "" },
        { "ring @alice", "", "alice", "" },
        { "ring bob", "", "", "bob" },
        { "ring bob and carol", "", "", "bob,carol" },
        { "ring {A} and bob", "Alice Anders", "", "bob" },
        { "ring Carol Chen please", "", "", "Carol Chen" },
        { "ring in bob", "", "", "bob" },
        { "ring alice@contoso.com", "", "", "alice@contoso.com" },
        { "try bob again", "", "", "bob" },
        // "get bob on the call", "bring bob into the call" (these got "Sorry, I didn't get …").
        { "get bob on the call", "", "", "bob" },
        { "bring bob and carol into the call", "", "", "bob,carol" },
        { "get {A} into the meeting", "Alice Anders", "", "" },
    };

    [Theory]
    [MemberData(nameof(RingTargets))]
    public void Ring_targets_are_the_people_named_or_none_for_everyone(string text, string targets, string unmatched, string typed)
    {
        var ring = Expect<RingCommand>(CommandParser.Parse(Input(text)));

        Assert.Equal(targets, Names(ring.Targets));
        Assert.Equal(unmatched, string.Join(",", ring.UnmatchedNames));
        Assert.Equal(typed, string.Join(",", ring.TypedNames));
    }

    /// <summary>text → new start (UTC or ""), new length, shift, extend (minutes; int.MinValue = not set). Los Angeles, Thu 14:00.</summary>
    public static TheoryData<string, string, int, int, int> Reschedules => new()
    {
        { "reschedule to 4pm", "2026-11-27T00:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "reschedule to tomorrow 10am", "2026-11-27T18:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "move it to tomorrow 10am", "2026-11-27T18:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "move the meeting to Friday at 9", "2026-11-27T17:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "reschedule to tomorrow 10am for 45 min", "2026-11-27T18:00Z", 45, int.MinValue, int.MinValue },
        { "reschedule to 3-4:30pm", "2026-11-26T23:00Z", 90, int.MinValue, int.MinValue },
        { "move it to in 2 hours", "2026-11-27T00:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "make it 30 min", "", 30, int.MinValue, int.MinValue },
        { "move to 5", "2026-11-27T01:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "make it an hour", "", 60, int.MinValue, int.MinValue },
        { "make it 4pm", "2026-11-27T00:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "change it to 90 minutes", "", 90, int.MinValue, int.MinValue },
        { "push it by 15 minutes", "", int.MinValue, 15, int.MinValue },
        { "push it back 30 min", "", int.MinValue, 30, int.MinValue },
        { "postpone by an hour", "", int.MinValue, 60, int.MinValue },
        { "delay it 10 min", "", int.MinValue, 10, int.MinValue },
        { "move it 15 min earlier", "", int.MinValue, -15, int.MinValue },
        { "move it forward by 15 min", "", int.MinValue, -15, int.MinValue },
        { "reschedule by 20 min", "", int.MinValue, 20, int.MinValue },
        { "extend it by 15 minutes", "", int.MinValue, int.MinValue, 15 },
        { "extend by half an hour", "", int.MinValue, int.MinValue, 30 },
        { "shorten it by 10 min", "", int.MinValue, int.MinValue, -10 },
        { "reschedule to quarter past 4", "2026-11-27T00:15Z", int.MinValue, int.MinValue, int.MinValue },
        { "move it to 10 minutes past 4", "2026-11-27T00:10Z", int.MinValue, int.MinValue, int.MinValue },
        { "move it to half past 4 for an hour", "2026-11-27T00:30Z", 60, int.MinValue, int.MinValue },
        { "reschedule to tomorrow 15h30", "2026-11-27T23:30Z", int.MinValue, int.MinValue, int.MinValue },
        { "reschedule to 16h00", "2026-11-27T00:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "move it to 2 days from now at 10", "2026-11-28T18:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "push it by 1h30", "", int.MinValue, 90, int.MinValue },
        { "reschedule to three", "2026-11-26T23:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "push it a day", "", int.MinValue, 1440, int.MinValue },
        { "reschedule by a day", "", int.MinValue, 1440, int.MinValue },
        { "push it by 10 days", "", int.MinValue, 14400, int.MinValue },
        { "move it 2 days later", "", int.MinValue, 2880, int.MinValue },
        { "move it a week earlier", "", int.MinValue, -10080, int.MinValue },
        { "reschedule to quarter to five", "2026-11-27T00:45Z", int.MinValue, int.MinValue, int.MinValue },
        // "bring it forward" is earlier, not "bring the bot in"; nor is it "ring" misspelt.
        { "bring it forward 30 minutes", "", int.MinValue, -30, int.MinValue },
        { "bring the meeting forward by 15 min", "", int.MinValue, -15, int.MinValue },
        { "pull it forward to 2pm", "2026-11-26T22:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "bring it forward a day", "", int.MinValue, -1440, int.MinValue },
        { "reschedule to 15.30", "2026-11-26T23:30Z", int.MinValue, int.MinValue, int.MinValue },
        // A number on its own after "make it": up to 12 an hour, above that minutes (these were "“4” is not a time I can read").
        { "make it 4", "2026-11-27T00:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "make that 4 instead", "2026-11-27T00:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "make it 30", "", 30, int.MinValue, int.MinValue },
        { "make it 90", "", 90, int.MinValue, int.MinValue },
        { "make it 0930", "2026-11-27T17:30Z", int.MinValue, int.MinValue, int.MinValue },
        { "actually 4", "2026-11-27T00:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "make it 10 min", "", 10, int.MinValue, int.MinValue },
        // More or less time (these were "Sorry, I didn't get …", "“min” is not a time", or a new length of an hour).
        { "make it an hour longer", "", int.MinValue, int.MinValue, 60 },
        { "make it 15 min shorter", "", int.MinValue, int.MinValue, -15 },
        { "add 15 min", "", int.MinValue, int.MinValue, 15 },
        { "add 15 minutes to the meeting", "", int.MinValue, int.MinValue, 15 },
        { "add another 10 minutes", "", int.MinValue, int.MinValue, 10 },
        { "give us 15 more minutes", "", int.MinValue, int.MinValue, 15 },
        { "we need 10 more min", "", int.MinValue, int.MinValue, 10 },
        { "15 more minutes please", "", int.MinValue, int.MinValue, 15 },
        { "5 more", "", int.MinValue, int.MinValue, 5 },
        { "extend 5", "", int.MinValue, int.MinValue, 5 },
        { "extend 15", "", int.MinValue, int.MinValue, 15 },
        { "extend it to an hour", "", 60, int.MinValue, int.MinValue },
        { "start 10 min late", "", int.MinValue, 10, int.MinValue },
        { "start it 5 min later", "", int.MinValue, 5, int.MinValue },
        { "push it back 15 more minutes", "", int.MinValue, 15, int.MinValue },
        // A number alone after "by", "push" or "extend" is minutes ("extend it by 5" moved the meeting to 5 o'clock; the rest were "not a time").
        { "extend it by 5", "", int.MinValue, int.MinValue, 5 },
        { "push it by 5", "", int.MinValue, 5, int.MinValue },
        { "push it 30", "", int.MinValue, 30, int.MinValue },
        { "delay 15", "", int.MinValue, 15, int.MinValue },
        { "extend to 45", "", 45, int.MinValue, int.MinValue },
        { "delay it 2 days", "", int.MinValue, 2880, int.MinValue },
        { "push it 4pm", "2026-11-27T00:00Z", int.MinValue, int.MinValue, int.MinValue },
        // "to next week": a week later, same weekday and time (it asked which day).
        { "push it to next week", "", int.MinValue, 10080, int.MinValue },
        { "move the retro to next week please", "", int.MinValue, 10080, int.MinValue },
        { "how about 30 min?", "", 30, int.MinValue, int.MinValue },
        // "for" and a number after "reschedule" is the hour; "cut", "trim", "shave", "knock" a number is that much shorter
        // (all were "Sorry, I didn't get …" or "not a time"); a number after the meeting's name is its time or length.
        { "reschedule for 4", "2026-11-27T00:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "reschedule for 10 please", "2026-11-27T18:00Z", int.MinValue, int.MinValue, int.MinValue }, // it made the meeting 10 minutes long
        { "cut 10", "", int.MinValue, int.MinValue, -10 },
        { "trim 15 minutes off", "", int.MinValue, int.MinValue, -15 },
        { "shave 10 min off the meeting", "", int.MinValue, int.MinValue, -10 },
        { "shave off 10 minutes", "", int.MinValue, int.MinValue, -10 },
        { "knock 5 off", "", int.MinValue, int.MinValue, -5 },
        { "knock 5 min off the standup", "", int.MinValue, int.MinValue, -5 },
        { "make the standup 30", "", 30, int.MinValue, int.MinValue },
        { "make the retro 45", "", 45, int.MinValue, int.MinValue },
        { "make the standup 4", "2026-11-27T00:00Z", int.MinValue, int.MinValue, int.MinValue },
        { "make the meeting 30", "", 30, int.MinValue, int.MinValue }, // guard: read so before
    };

    [Fact]
    public void The_meeting_moved_to_next_week_is_named_by_the_words_before()
    {
        var change = Expect<RescheduleMeetingCommand>(CommandParser.Parse(Input("push the retro to next week", "America/Los_Angeles")));

        Assert.Equal(TimeSpan.FromDays(7), change.ShiftBy);
        Assert.Equal(["retro"], change.Which.Words);
        Assert.Equal("7 days later", change.ScheduleDescription);
    }

    [Theory]
    [InlineData("move tomorrow's meeting to 4pm", "2026-11-27T00:00Z")]
    [InlineData("push the 3pm call by 15 min", null)]
    public void The_words_that_name_the_meeting_are_not_the_change(string text, string? newStart)
    {
        var change = Expect<RescheduleMeetingCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Equal(newStart is null ? null : At(newStart), change.NewStart);
        Assert.Equal(newStart is null ? TimeSpan.FromMinutes(15) : null, change.ShiftBy);
    }

    [Theory]
    [InlineData("push it a day", "1 day later")]
    [InlineData("push it a fortnight", "14 days later")]
    [InlineData("move it a week earlier", "7 days earlier")]
    [InlineData("push it by 90 minutes", "1 h 30 min later")]
    public void A_move_says_how_far_in_the_unit_it_was_asked_in(string text, string description)
    {
        var command = Expect<RescheduleMeetingCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Equal(description, command.ScheduleDescription);
    }

    /// <summary>text → the new day (the meeting keeps its time of day), new length in minutes (int.MinValue = not set). Los Angeles, Thu 26 Nov 14:00.</summary>
    public static TheoryData<string, string, int> ReschedulesToAnotherDay => new()
    {
        { "reschedule to tomorrow", "2026-11-27", int.MinValue },
        { "move it to Friday", "2026-11-27", int.MinValue },
        { "move it to 2moro", "2026-11-27", int.MinValue },
        { "move it to tomorrow, same time", "2026-11-27", int.MinValue },
        { "reschedule to same time tomorrow", "2026-11-27", int.MinValue },
        { "move it to next Tuesday for an hour", "2026-12-01", 60 },
        { "move it to the 4th", "2026-12-04", int.MinValue },
        { "move it to in 2 weeks", "2026-12-10", int.MinValue },
    };

    [Theory]
    [MemberData(nameof(ReschedulesToAnotherDay))]
    public void A_day_without_a_time_keeps_the_meetings_time_of_day(string text, string day, int duration)
    {
        var command = Expect<RescheduleMeetingCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), command.NewDay);
        Assert.Null(command.NewStart);
        Assert.Equal(duration == int.MinValue ? null : TimeSpan.FromMinutes(duration), command.NewDuration);
        Assert.Contains("at the meeting's time", command.ScheduleDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reschedule to yesterday", "is already over")]
    [InlineData("move it to Nov 30 2028", "more than a year ahead")]
    [InlineData("move it to tomorrow for 25 hours", "at most 24 hours")]
    // A minus sign and "ago" are read, not passed over ("push it -15 min" pushed it 15 minutes later, "make it -30 min" made
    // it 30 minutes long, "reschedule to 3 days ago" moved it 3 days later).
    [InlineData("push it -15 min", "“-15 min” is below zero")]
    [InlineData("push it -2 days", "“-2 days” is below zero")]
    [InlineData("make it -30 min", "“-30 min” is below zero")]
    [InlineData("reschedule to 3 days ago", "“3 days ago” is already over")]
    [InlineData("move it to an hour ago", "“an hour ago” is already over")]
    public void A_day_that_cannot_be_used_is_explained(string text, string problem)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
        AssertMessageQuotesSuggestionOnce(failure, text);
    }

    [Theory]
    [MemberData(nameof(Reschedules))]
    public void Reschedule_phrasings(string text, string start, int duration, int shift, int extend)
    {
        var command = Expect<RescheduleMeetingCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Equal(start.Length == 0 ? null : At(start), command.NewStart);
        Assert.Equal(duration == int.MinValue ? null : TimeSpan.FromMinutes(duration), command.NewDuration);
        Assert.Equal(shift == int.MinValue ? null : TimeSpan.FromMinutes(shift), command.ShiftBy);
        Assert.Equal(extend == int.MinValue ? null : TimeSpan.FromMinutes(extend), command.ExtendBy);
        Assert.NotEmpty(command.ScheduleDescription);
    }

    /// <summary>A clock time without a day keeps the meeting's day; a day, a relative time or a length does not.</summary>
    [Theory]
    [InlineData("reschedule to 4pm", true)]
    [InlineData("make it 4pm", true)]
    [InlineData("move to 5", true)]
    [InlineData("reschedule to 3-4:30pm", true)]
    [InlineData("reschedule to tomorrow 10am", false)]
    [InlineData("move the meeting to Friday at 9", false)]
    [InlineData("move it to in 2 hours", false)]
    [InlineData("make it 30 min", false)]
    [InlineData("push it by 15 min", false)]
    public void A_clock_time_without_a_day_keeps_the_meetings_day(string text, bool keepsMeetingDay) =>
        Assert.Equal(keepsMeetingDay, Expect<RescheduleMeetingCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles"))).KeepsMeetingDay);

    [Fact]
    public void A_reschedule_reads_a_written_zone_too()
    {
        var command = Expect<RescheduleMeetingCommand>(CommandParser.Parse(Input("reschedule to tomorrow at 4pm UTC", "America/Los_Angeles")));

        Assert.Equal(At("2026-11-27T16:00:00Z"), command.NewStart);
        Assert.EndsWith("(UTC)", command.ScheduleDescription, StringComparison.Ordinal);
        Assert.Equal("UTC", command.WrittenZone?.Id);
    }

    public static TheoryData<string, ParseFailureKind> RescheduleFailures => new()
    {
        { "move it to after the standup", ParseFailureKind.UnreadableTime },
        { "reschedule", ParseFailureKind.NothingToChange },
        { "move it", ParseFailureKind.NothingToChange },
        { "reschedule to today at 9am", ParseFailureKind.TimeInPast },
        { "reschedule to 25:00", ParseFailureKind.UnreadableTime },
        { "reschedule to tomorrow morning", ParseFailureKind.UnreadableTime },
        { "make it 30 hours", ParseFailureKind.TooLong },
        { "reschedule to 3pm-2pm", ParseFailureKind.EndBeforeStart },
    };

    [Theory]
    [MemberData(nameof(RescheduleFailures))]
    public void Reschedule_failures(string text, ParseFailureKind kind)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Equal(kind, failure.Kind);
        AssertMessageQuotesSuggestionOnce(failure, text);
        Assert.IsType<RescheduleMeetingCommand>(CommandParser.Parse(Input(failure.Suggestion, "America/Los_Angeles")));
    }

    public static TheoryData<string, string> Suggestions => new()
    {
        { "meeet now with {A}", "meet now with @Alice Anders" },
        { "cancle", "cancel" },
        { "reschedul to 4pm", "reschedule to 4pm" },
        { "jion", "join" },
        { "staus", "status" },
        { "tomorrow at 3pm with {B}", "meet tomorrow at 3pm with @Bob Brown" },
        { "{A} {B}", "meet now with @Alice Anders and @Bob Brown" },
        { "probe", "meet now" },
        { "what's the weather", "meet now" },

        // A remark about a meeting is not a request for a new one.
        { "sorry I missed the meeting", "meet now" },
        { "I can't make the meeting", "meet now" },
        { "what meeting?", "meet now" },
        { "great meeting", "meet now" },
        { "meeting notes please", "meet now" },
        { "what a meeting", "meet now" }, // "call it a day", once here, is the meeting said to be over (ChatShorthandTests)

        // The suggestion keeps the meeting details and drops the words it did not understand.
        { "talk tomorrow at 10", "meet tomorrow at 10" },
        { "{A} tomorrow at 3?", "meet tomorrow at 3 with @Alice Anders" },
    };

    /// <summary>
    /// What the meeting's own controls do is answered as such, in a line of its own (never a meeting titled "recording");
    /// the answer used to be lost, as the help card showed only "I didn't understand …".
    /// </summary>
    [Theory]
    [InlineData("end the meeting", "I can't end a meeting for everyone.", "leave")]
    [InlineData("stop the call", "I can't end a meeting for everyone.", "leave")]
    [InlineData("start recording", "I can't record, transcribe, mute people or share screens", "help")]
    [InlineData("record the meeting", "I can't record, transcribe, mute people or share screens", "help")]
    [InlineData("mute everyone", "I can't record, transcribe, mute people or share screens", "help")]
    [InlineData("share screen", "I can't record, transcribe, mute people or share screens", "help")]
    [InlineData("meet now and record it", "I can't record, transcribe, mute people or share screens", "help")]
    public void What_the_meetings_own_controls_do_is_answered_as_such(string text, string answer, string suggestion)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text)));

        Assert.Equal(ParseFailureKind.TeamsControl, failure.Kind);
        Assert.StartsWith(answer, failure.Message, StringComparison.Ordinal);
        Assert.Equal(suggestion, failure.Suggestion);
    }

    /// <summary>
    /// Taking someone out of a call or stopping a ring is for Teams' own controls: "hang up on bob" made the bot leave the
    /// call, "remove bob from the call" took him off the invite list, "stop ringing bob" got "Sorry, I didn't get …".
    /// </summary>
    [Theory]
    [InlineData("hang up on bob")]
    [InlineData("hang up on {B}")]
    [InlineData("stop ringing bob")]
    [InlineData("stop calling {A}")]
    [InlineData("stop ringing")]
    [InlineData("cancel the ring")]
    [InlineData("remove bob from the call")]
    [InlineData("kick {B} out of the call")]
    [InlineData("drop bob from the call")]
    [InlineData("take bob off the call")]
    public void Taking_someone_out_of_a_call_or_stopping_a_ring_says_where_that_is_done(string text)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text)));

        Assert.Equal(ParseFailureKind.TeamsControl, failure.Kind);
        Assert.StartsWith("I can't take people out of a call or stop a ring.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Remove from meeting", failure.Message, StringComparison.Ordinal);
        Assert.Equal("leave", failure.Suggestion);
    }

    /// <summary>"loop in @bob": invite him (this got "Sorry, I didn't get …"); "… on the call" rings him.</summary>
    [Theory]
    [InlineData("loop in {B}", typeof(ChangeMeetingCommand))]
    [InlineData("loop in bob", typeof(ChangeMeetingCommand))]
    [InlineData("loop bob in", typeof(ChangeMeetingCommand))]
    [InlineData("loop {B} in", typeof(ChangeMeetingCommand))]
    [InlineData("loop in {B} on the call", typeof(RingCommand))]
    public void Loop_in_invites_and_on_the_call_rings(string text, Type expected)
    {
        var parsed = CommandParser.Parse(Input(text));
        Assert.IsType(expected, parsed);
        if (parsed is ChangeMeetingCommand change)
        {
            Assert.True(change.Invites);
            Assert.Single(change.Invite.Select(m => m.Name).Concat(change.InviteByName));
        }
    }

    [Theory]
    [InlineData("is everyone here?", typeof(StatusCommand))]
    [InlineData("is anyone missing", typeof(StatusCommand))]
    [InlineData("are we all in?", typeof(StatusCommand))]
    [InlineData("anyone missing?", typeof(StatusCommand))]
    [InlineData("is everyone free at 3", typeof(ParseFailure))]
    public void Asking_whether_everyone_is_in_the_call_is_the_call_status(string text, Type expected) =>
        Assert.IsType(expected, CommandParser.Parse(Input(text)));

    [Theory]
    [InlineData("hang up", typeof(LeaveCallCommand))]
    [InlineData("drop off", typeof(LeaveCallCommand))]
    [InlineData("remove bob from the meeting", typeof(ChangeMeetingCommand))]
    [InlineData("kick bob out of the standup", typeof(ChangeMeetingCommand))]
    [InlineData("remove the call", typeof(CancelMeetingCommand))]
    [InlineData("cancel the calls", typeof(CancelMeetingCommand))]
    public void Leaving_uninviting_and_cancelling_stay_what_they_were(string text, Type expected) =>
        Assert.IsType(expected, CommandParser.Parse(Input(text)));

    [Theory]
    [MemberData(nameof(Suggestions))]
    public void Not_understood_suggests_the_closest_command(string text, string suggestion)
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input(text)));

        Assert.Equal(ParseFailureKind.NotUnderstood, failure.Kind);
        Assert.Equal(suggestion, failure.Suggestion);
        AssertMessageQuotesSuggestionOnce(failure, text);
        Assert.False(failure.NeedsSchedulingCard);
    }

    /// <summary>Requests with words before "meeting": the words of the request are never the subject.</summary>
    [Theory]
    [InlineData("can we have a meeting tomorrow at 3", "2026-11-27T15:00Z", "")]
    [InlineData("I need a meeting with {A}", null, "Alice Anders")]
    [InlineData("I'd like to set up a meeting with {A} tomorrow at 3", "2026-11-27T15:00Z", "Alice Anders")]
    [InlineData("could we please get a quick sync meeting with {A}", null, "Alice Anders")]
    public void A_request_worded_around_meeting_is_a_meeting_without_its_words_as_subject(string text, string? start, string attendees)
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(Input(text)));

        Assert.Equal(start is null ? null : At(start), command.Start);
        Assert.Equal(attendees, Names(command.Attendees));
        Assert.Null(command.Subject);
    }

    [Fact]
    public void The_parser_is_pure_the_same_input_gives_the_same_answer()
    {
        var input = Input("meet tomorrow at 3pm for 45 min with {A} about \"x\"", "Europe/Berlin");

        Assert.Equal(CommandParser.Parse(input).ToString(), CommandParser.Parse(input).ToString());
    }
}
