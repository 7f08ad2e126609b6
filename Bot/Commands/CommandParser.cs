using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace TeamsMeetBot.Commands;

/// <summary>
/// The bot's command language as a pure function: <see cref="CommandInput"/> in, a <see cref="BotCommand"/> or a
/// <see cref="ParseFailure"/> out. No clock (the caller passes "now"), no I/O, safe to call from any thread.
/// Time rules are documented on <see cref="TimeResolution"/> and <see cref="ZonedTime"/>, the subject and mention rules
/// on <see cref="ClauseScanner"/>. Mentions become attendees only through their <c>&lt;at&gt;</c> markup matched to a
/// mention entity; a name typed as plain "@alice", in words after "with" or as an email address is reported as typed, and
/// only the meeting service, which can see who is in the conversation, may turn it into an attendee.
/// </summary>
public static class CommandParser
{
    private static readonly ConcurrentDictionary<string, bool> DayFirstByLocale = new(StringComparer.OrdinalIgnoreCase);
    private static readonly string[] KnownVerbs = ["meet", "meeting", "cancel", "reschedule", "join", "ring", "leave", "status", "help", "schedule", "move", "call", "list"];
    /// <summary>"meet now until …" ends at most this far ahead: further is a time that has passed today.</summary>
    private static readonly TimeSpan MaxUntilAhead = TimeSpan.FromHours(12);

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "meeting", "mtg", "call", "up", "please", "pls", "plz", "thanks", "thank", "you", "thx", "ty", "quick", "quickly",
        "short", "new", "teams", "online", "video", "instant", "us", "me", "we", "and", "with", "for", "to", "ok", "okay", "bot", "guys",
        "folks", "real", "brief", "session", "huddle", "sync", "it", "can", "i", "just", "hey", "hi", "so", "on", "in", "at", "by", "of",
        "is", "are", "some", "there", "here", "again", "right", "away", "fast", "really", "very", "go", "lets", "let's", "y'all", "all",
        "people", "team", "chat", "them", "this", "that", "want", "need", "would", "like", "if", "possible", "pretty",
        "about", "regarding", "re", "subject", "topic", "titled", "called", "named", "discussing", "concerning", "from", "between",
        "urgently", "pronto", "straightaway", "instead", "actually",
    };

    private static readonly string[] TimeRoots =
    [
        "tomorrow", "today", "tonight", "morning", "afternoon", "evening", "noon", "midnight", "o'clock", "oclock", "yesterday", "week",
        "month", "weekend", "hour", "minute", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "april", "june", "july", "august", "september", "october", "november", "december", "later", "soon", "-ish", "tmrw",
    ];

    private static readonly string[] ShortTimeWords = ["am", "pm", "min", "mins", "hr", "hrs", "h", "next", "eod", "eow", "noonish"];

    /// <summary>
    /// The words that may come before "meet"/"meeting" in a request ("can we have a meeting tomorrow at 3", "I need a
    /// quick meeting with @alice"). Anything else there ("thanks for the meeting", "I can't make the meeting", "what
    /// meeting?") is not a request for a new meeting.
    /// </summary>
    /// <summary>
    /// Words that make the rest of a message a remark about a meeting, not its subject: "meeting is over", "meeting
    /// notes please", "meeting link?", "call it a day". A subject given with "about" or in quotes is not checked.
    /// </summary>
    private static readonly string[] RemarkWords = ["is", "was", "were", "went", "over", "done", "cancelled", "canceled", "ended", "link", "notes", "it"];

    /// <summary>What the meeting's own controls in Teams do, and the bot does not: "start recording", "mute everyone".</summary>
    private static readonly string[] MeetingControlWords =
    [
        "record", "recording", "transcribe", "transcription", "transcript", "captions", "mute", "unmute", "screen", "screenshare",
        "lock", "admit", "spotlight", "breakout",
    ];

    private static readonly string[] RequestWords =
    [
        "i", "we", "i'd", "we'd", "id", "i'll", "let's", "lets", "let", "us", "me", "can", "could", "would", "will", "shall", "please",
        "pls", "like", "need", "want", "wanna", "to", "have", "get", "set", "up", "book", "arrange", "schedule", "organize", "organise",
        "a", "an", "the", "another", "new", "quick", "short", "brief", "urgent", "emergency", "team", "teams", "online", "video", "sync",
        "you", "and", "with", "for", "about", "re", "everyone", "all", "of", "ok", "okay", "so", "hey", "hi", "hello", "just", "go", "ahead",
    ];

    public static ParseResult Parse(CommandInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = CommandText.Create(input.Text ?? "", input.Mentions ?? []);
        if (PlusMentionsOnly(text))
        {
            // "+@Carol", "+@Carol +@Dave": invite them to the meeting here (it got "Sorry, I didn't get …").
            var plussed = new ClauseScanner(text, IsDayFirst(input.Locale), subjectsAllowed: false);
            foreach (var token in text.Tokens.Where(token => token.Kind == TokenKind.Mention))
            {
                plussed.AddLeadingMention(token.Mention);
            }

            return new ChangeMeetingCommand { Invite = [.. plussed.Attendees], Which = MeetingChoiceReader.Read(text, input, text.Count, text.Count, out _) };
        }

        var leading = new List<int>();
        int start = CommandVerbs.SkipPreamble(text, 0, leading);
        var kind = CommandVerbs.Recognize(text, start, out int next);
        bool correcting = false;
        if (kind == CommandKind.None)
        {
            // "thanks! cancel it", "great, meet tomorrow at 3", "actually, make it 4pm": the request after the remark.
            int corrected = CommandVerbs.AfterCorrection(text, start);
            int howAbout = AfterHowAbout(text, start); // "how about a call at 4?"
            int request = corrected > 0 ? corrected : howAbout > start ? howAbout : CommandVerbs.AfterRemark(text, start);
            if (request > 0 && CommandVerbs.Recognize(text, CommandVerbs.SkipPreamble(text, request, []), out _) != CommandKind.None)
            {
                correcting = corrected > 0;
                start = CommandVerbs.SkipPreamble(text, request, leading);
                kind = CommandVerbs.Recognize(text, start, out next);
            }
            else if (LabelEnd(text, start) is var separator and > 0
                && CommandVerbs.Recognize(text, CommandVerbs.SkipPreamble(text, separator + 1, []), out int afterVerb) == CommandKind.Meeting)
            {
                // "sev2 - open a bridge", "INC-4411: meet now with @oncall-db": a label, then the request; the label names the meeting.
                var labelled = ParseCommand(text, input, CommandKind.Meeting, leading, CommandVerbs.SkipPreamble(text, separator + 1, leading), afterVerb);
                string label = text.Render(start, separator);
                return labelled switch
                {
                    CreateMeetingCommand { Subject: null } unnamed => unnamed with { Subject = label },
                    CreateMeetingCommand { Subject: { } subject } named => named with { Subject = label + ": " + subject },
                    _ => labelled,
                };
            }
            else if (request > 0 ? NewTimeOnly(text, input, request, cued: true) : NewTimeOnly(text, input, start, cued: false))
            {
                // "actually 4pm", "no, tomorrow at 3", "how about 4?", "4pm instead": a new time for the meeting just made.
                return TheLatestUnlessNamed(BuildReschedule(text, input, start, request > 0 ? request : start, bareNumberIsTime: true));
            }
        }

        var parsed = ParseCommand(text, input, kind, leading, start, next);
        if (kind == CommandKind.Meeting && AnyWordFrom(text, next, ["instead"]) && NewTimeOnly(text, input, next, cued: true)
            && BuildReschedule(text, input, start, next, bareNumberIsTime: true) is RescheduleMeetingCommand move)
        {
            // "let's meet at 4 instead", "can we do tomorrow instead?": the meeting just made, at another time, not a second
            // one; what the words ask for on their own when the sender has no meeting here to change.
            return TheLatestUnlessNamed(move with { IfNoneToChange = parsed });
        }

        // "actually, make it 4pm", "sorry, I meant 4pm", "no, cancel it": a correction of what was just asked, so the
        // meeting made last, unless the message names another.
        return correcting || (kind == CommandKind.Reschedule && text.IsWord(start, "i")) ? TheLatestUnlessNamed(parsed) : parsed;
    }

    /// <summary>"+@Carol +@Dave": only mentions, each right after a "+".</summary>
    private static bool PlusMentionsOnly(CommandText text)
    {
        bool any = false;
        for (int k = 0; k < text.Count; k++)
        {
            switch (text.KindAt(k))
            {
                case TokenKind.Mention when k > 0 && text.IsPunct(k - 1, '+') && text.Tokens[k - 1].End == text.Tokens[k].Start:
                    any = true;
                    break;
                case TokenKind.Punct:
                    break;
                default:
                    return false;
            }
        }

        return any;
    }

    /// <summary>
    /// "standup tomorrow at 9", "schedule a daily standup at 9": a meeting asked for as a standup is named so when no
    /// subject is given, as a 1:1 is (it was "Olivia's meeting", which "move the standup to 10" could not find).
    /// </summary>
    private static ParseResult NamedByItsKind(CommandText text, int start, int next, ParseResult built)
    {
        if (built is not CreateMeetingCommand { Subject: null } meeting)
        {
            return built;
        }

        for (int k = start; k < next; k++)
        {
            if (text.IsWordAny(k, ["standup", "stand-up"]))
            {
                int from = k;
                while (from > start && text.IsWordAny(from - 1, ["daily", "weekly", "biweekly", "monthly", "team"]))
                {
                    from--; // "daily standup", "team standup"
                }

                return meeting with { Subject = text.Render(from, k + 1) };
            }
        }

        return built;
    }

    /// <summary>
    /// "sev2 - …", "INC-4411: …", "db failover — …": one to four words of a label, then a dash or colon set apart by a
    /// space; the index of that mark, or 0. A remark's opening ("heads up: …", "fyi: …") is no label.
    /// </summary>
    private static int LabelEnd(CommandText text, int start)
    {
        for (int k = start; k < Math.Min(text.Count, start + 8); k++)
        {
            if (text.KindAt(k) is TokenKind.Word or TokenKind.Number)
            {
                if (text.IsWordAny(k, NotSubjectWords) || text.IsWordAny(k, RemarkWords))
                {
                    return 0;
                }

                continue;
            }

            var token = text.Tokens[k];
            char mark = text.Text[token.Start];
            bool spaceAfter = token.End < text.Text.Length && char.IsWhiteSpace(text.Text[token.End]);
            bool spaceBefore = token.Start > 0 && char.IsWhiteSpace(text.Text[token.Start - 1]);
            if (k > start && token.Kind == TokenKind.Punct && spaceAfter && (mark == ':' || (mark is '-' or '–' or '—' && spaceBefore)))
            {
                return k;
            }

            if (token.Kind != TokenKind.Punct || mark is not ('-' or '#' or '/'))
            {
                return 0; // "INC-4411", "PR #12", "go/no-go" are inside the label
            }
        }

        return 0;
    }

    /// <summary>The "instead" of "instead of 3pm" after <paramref name="from"/>, when a start follows it; -1 when there is none.</summary>
    private static int InsteadOfAt(CommandText text, int from)
    {
        for (int i = from; i + 2 < text.Count; i++)
        {
            if (text.IsWord(i, "instead") && text.IsWord(i + 1, "of"))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Where "to next week" ends the message ("push the retro to next week please"): the index of its "to" (or of "next"
    /// without one), or -1. "to next week Tuesday" names a day, and is read as ever.
    /// </summary>
    private static int NextWeekTail(CommandText text, int from)
    {
        for (int i = from; i + 1 < text.Count; i++)
        {
            if (!text.IsWord(i, "next") || !text.IsWord(i + 1, "week"))
            {
                continue;
            }

            for (int k = i + 2; k < text.Count; k++)
            {
                if (text.KindAt(k) != TokenKind.Punct && !text.IsWordAny(k, ["please", "pls", "plz", "instead", "then", "thanks"]))
                {
                    return -1;
                }
            }

            return i > from && text.IsWordAny(i - 1, ["to", "until", "till", "into", "for"]) ? i - 1 : i;
        }

        return -1;
    }

    /// <summary>
    /// "make the retro 45", "make the standup 4": the number that ends the message after up to four words that name the
    /// meeting; <paramref name="from"/> itself when no such number is there ("make it 4" reads the number at once).
    /// </summary>
    private static int NumberAfterAName(CommandText text, int from)
    {
        int k = from;
        while (k < text.Count && k - from < 4 && text.KindAt(k) == TokenKind.Word && !text.IsWordAny(k, BesideANewTime))
        {
            k++;
        }

        int end = k + 1;
        while (end < text.Count && (text.KindAt(end) == TokenKind.Punct || text.IsWordAny(end, BesideANewTime)))
        {
            end++;
        }

        return k > from && k < text.Count && text.KindAt(k) == TokenKind.Number && end == text.Count ? k : from;
    }

    /// <summary>Words that may stand beside a new time given alone: "4pm instead", "how about 4 then?", "3pm works better".</summary>
    private static readonly string[] BesideANewTime = ["instead", "then", "please", "pls", "works", "work", "better", "maybe", "is", "would", "be", "fine", "ok", "okay", "for", "me", "us", "rather"];

    /// <summary>Where the words after "how about" or "what about" start; <paramref name="start"/> when the message does not start so.</summary>
    private static int AfterHowAbout(CommandText text, int start) =>
        text.IsWordAny(start, ["how", "what"]) && text.IsWord(start + 1, "about") ? start + 2 : start;

    /// <summary>
    /// Whether the words from <paramref name="at"/> are only a new time or length ("4pm", "tomorrow at 3", "4 instead", "30 min").
    /// Without a word that corrects (<paramref name="cued"/>: "actually", "no", "how about"), "instead" or "works better"
    /// must say it; "4pm" alone is no request.
    /// </summary>
    private static bool NewTimeOnly(CommandText text, CommandInput input, int at, bool cued)
    {
        if (at >= text.Count || (!cued && !AnyWordFrom(text, at, ["instead", "better"])))
        {
            return false;
        }

        var scanner = new ClauseScanner(text, IsDayFirst(input.Locale), subjectsAllowed: false) { BareNumberAt = cued ? at : -1 };
        scanner.Scan(at, InsteadOfAt(text, at) is var insteadOf and >= 0 ? insteadOf : text.Count);
        var time = scanner.Time;
        return (time.Start is not null || time.HasDate || time.Relative is not null || time.Duration is not null) && time.Problem is null
            && scanner.Attendees.Count == 0 && scanner.UnmatchedNames.Count == 0 && scanner.TypedNames.Count == 0
            && scanner.Leftovers.TrueForAll(i => text.IsWordAny(i, BesideANewTime));
    }

    /// <summary>"meet now with +1 425 555 0100": a phone number after "with", "and" or "invite".</summary>
    private static bool PhoneNumberInvited(CommandText text, int from)
    {
        for (int k = from; k + 1 < text.Count; k++)
        {
            if (text.IsWordAny(k, ["with", "w", "and", "invite", "plus", "add"]) && CommandVerbs.PhoneNumberLength(text, k + 1) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"what time is it", in the sender's zone; "what time is it in London", in London's.</summary>
    private static ClockQuestionCommand ClockQuestion(CommandText text, CommandInput input)
    {
        for (int i = 0; i < text.Count; i++)
        {
            if (!text.IsWord(i, "in"))
            {
                continue;
            }

            var match = WrittenTimeZone.TryReadZoneOrPlace(text, i + 1, out var zone, out _, out string? problem);
            if (match == GrammarMatch.Ok)
            {
                return new ClockQuestionCommand(input.Now, zone, Assumed: false);
            }

            if (match == GrammarMatch.Invalid)
            {
                return new ClockQuestionCommand(input.Now, input.TimeZone, input.TimeZoneAssumed) { ZoneProblem = problem };
            }

            if (CommandVerbs.UnknownPlaceEnd(text, i + 1) is { } end)
            {
                return new ClockQuestionCommand(input.Now, input.TimeZone, input.TimeZoneAssumed)
                {
                    ZoneProblem = "I don't know the time zone of “" + text.Render(i + 1, end) + "”: write a city, like “what time is it in London”, or a zone, like Europe/London or UTC+2",
                };
            }
        }

        return new ClockQuestionCommand(input.Now, input.TimeZone, input.TimeZoneAssumed);
    }

    /// <summary>"ring +1 425 555 0100": the bot calls people by their Teams account, never a phone number (it has no phone line).</summary>
    private static ParseFailure PhoneNumberRefused(string verb)
    {
        string suggestion = verb == "invite" ? "meet now with @Alice" : "ring @Alice";
        return new(
            ParseFailureKind.PhoneNumber,
            $"I can't {verb} phone numbers: I bring people in by their Teams account. @mention them instead, e.g. “{suggestion}”, or share the dial-in number on the meeting's card so they can call in.",
            suggestion,
            false,
            null);
    }

    private static ParseResult TheLatestUnlessNamed(ParseResult parsed) => parsed switch
    {
        CancelMeetingCommand { Which.SaysWhich: false } cancel => cancel with { Which = cancel.Which with { Latest = true } },
        RescheduleMeetingCommand { Which.SaysWhich: false } reschedule => reschedule with { Which = reschedule.Which with { Latest = true } },
        ChangeMeetingCommand { Which.SaysWhich: false } change => change with { Which = change.Which with { Latest = true } },
        _ => parsed,
    };

    private static ParseResult ParseCommand(CommandText text, CommandInput input, CommandKind kind, List<int> leading, int start, int next)
    {
        switch (kind)
        {
            case CommandKind.Help:
                return new HelpCommand();
            case CommandKind.Cancel when text.IsWord(start, "scratch"):
                return new CancelMeetingCommand { Which = new MeetingChoice { Latest = true, Zone = input.TimeZone } }; // "scratch that": the one just made
            case CommandKind.Cancel:
                return BuildCancel(text, input, next);
            case CommandKind.Join:
                return new JoinCallCommand();
            case CommandKind.Leave:
                return new LeaveCallCommand();
            case CommandKind.WrapUp:
                return new LeaveCallCommand { WrappingUp = true };
            case CommandKind.List or CommandKind.Status when AsksWhoIsFree(text, start):
                return NotUnderstood(text, input, leading, start); // "when is alice free", "who is free now": free/busy, which the bot cannot see
            case CommandKind.Status:
                return new StatusCommand();
            case CommandKind.Invite or CommandKind.Uninvite:
                return BuildPeopleChange(text, input, leading, start, next, invite: kind == CommandKind.Invite);
            case CommandKind.Rename:
                return BuildRename(text, input, next);
            case CommandKind.RemoveFromCall:
                return new ParseFailure(
                    ParseFailureKind.TeamsControl,
                    "I can't take people out of a call or stop a ring. A ring stops when they answer or decline, or after about a minute; "
                    + "the organizer can remove someone in Teams (People, then … next to the name, then Remove from meeting). Say “leave” to make me leave the call.",
                    "leave",
                    false,
                    null) { Written = text.RenderSpan(0, text.Text.Length, mentionsAsTyped: true) };
            case CommandKind.Clock:
                return ClockQuestion(text, input);
            case CommandKind.TimeZone or CommandKind.SetTimeZone:
                return new TimeZoneQuestionCommand(input.TimeZone, input.TimeZoneAssumed, AskedToChange: kind == CommandKind.SetTimeZone);
            case CommandKind.Thanks or CommandKind.Acknowledgement:
                return new AcknowledgementCommand(Thanks: kind == CommandKind.Thanks);
            case CommandKind.List:
                return BuildList(text, input, start);
            case CommandKind.Ring when CommandVerbs.PhoneNumberLength(text, next) > 0:
                return PhoneNumberRefused("ring");
            case CommandKind.Ring:
                return BuildRing(text, input, leading, next);
            case CommandKind.Reschedule:
                return BuildReschedule(text, input, start, next);
            case CommandKind.Extend:
                return BuildReschedule(text, input, start, next, extends: true);
            case CommandKind.Meeting when text.IsWordAny(start, ["call", "phone"]) && CommandVerbs.PhoneNumberLength(text, next) > 0:
                return PhoneNumberRefused("call"); // "call +1 425 555 0100" (a date after "meet" is no phone number)
            case CommandKind.Meeting when PhoneNumberInvited(text, next):
                return PhoneNumberRefused("invite");
            case CommandKind.Meeting when text.IsWordAny(next, StatementVerbs):
                return NotUnderstood(text, input, leading, next + 1); // "meeting is at 3", "call was great": a statement about one
            case CommandKind.Meeting when (text.IsWordAny(start, ["get", "grab"]) && next == start + 1) || (text.IsWordAny(start, ["everyone", "everybody"]) && next == start):
                // "get bob on a call about the outage", "everyone on a call now": the people, then what follows "on a call".
                return BuildMeeting(text, input, leading, next, next, next, peopleFirst: true, resumeAt: CommandVerbs.CallAfterPeopleEnd(text, next, out _));
            case CommandKind.Meeting when text.IsWord(start, "call") && next == start + 1 && CallsPeople(text, input, next):
                return BuildMeeting(text, input, leading, next, next, next, peopleFirst: true); // "call bob", "call alice and bob about the outage"
            case CommandKind.Meeting:
                return NamedByItsKind(text, start, next, BuildMeeting(text, input, leading, next, next, next));
        }

        // Details before the command word: "tomorrow at 9am meet with @alice".
        for (int verbAt = start + 1; verbAt < text.Count; verbAt++)
        {
            if (text.IsWordAny(verbAt, ["meet", "meeting", "huddle"]) && CommandVerbs.Recognize(text, verbAt, out int afterVerb) == CommandKind.Meeting)
            {
                return OnlyRequestWordsBefore(text, input, start, verbAt) && !text.IsWordAny(afterVerb, StatementVerbs)
                    ? BuildMeeting(text, input, leading, start, verbAt, afterVerb)
                    : NotUnderstood(text, input, leading, start);
            }
        }

        if (start >= text.Count && leading.Count == 0)
        {
            // Only the bot's mention (or nothing): say what the bot can do.
            return new HelpCommand();
        }

        return (ParseResult?)SubjectFirstMeeting(text, input, leading, start) ?? NotUnderstood(text, input, leading, start);
    }

    /// <summary>Words after "meeting" or "call" that make the message a statement about one: "the meeting is at 3", "the call was great".</summary>
    private static readonly string[] StatementVerbs = ["is", "was", "were", "has", "had", "got", "went", "looks", "seems", "starts", "started", "ends", "ended"];

    /// <summary>Words that make the words before a time a sentence, not a meeting's name: "the deploy is at 3", "we go live tomorrow".</summary>
    private static readonly string[] NotSubjectWords =
    [
        "i", "we", "you", "he", "she", "they", "it", "me", "us", "him", "them", "i'm", "im", "we're", "you're", "it's", "its", "is", "are", "was",
        "were", "be", "been", "am", "will", "would", "should", "could", "can", "did", "do", "does", "have", "has", "had", "what", "when",
        "where", "who", "why", "how", "which", "no", "not", "yes", "this", "that", "these", "those", "my", "our", "your", "his", "her",
        "their", "there", "here", "if", "so", "but", "or", "going", "gonna", "want", "need", "lands", "leaves", "starts", "ends", "done",
        "great", "good", "nice", "awesome", "cool", "job", "well", "congrats", "congratulations", "happy", "welcome", "hello", "hi", "hey",
        "bye", "see", "talk", "speak", "back", "off", "out", "late", "busy", "free", "away", "sick", "leaving", "left", "gone",
        "brb", "afk", "omw", "otw", "eta", "ooo", "wfh", "pto", "fyi", "btw", "lol", "reminder", "heads", "note", "down", "up", "moved",
        "over", "running", "stuck", "broken", "failing", "failed", "every",
    ];

    /// <summary>
    /// "failover review at 3", "lunch tomorrow at 12", "sev1 bridge now with @oncall-db": up to four words that name the
    /// meeting, then when it is (a time, a day or "now"), with nothing else to read; a meeting with those words as its
    /// subject. A sentence ("the deploy is at 3"), a question or words without a time is not one.
    /// </summary>
    private static CreateMeetingCommand? SubjectFirstMeeting(CommandText text, CommandInput input, List<int> leading, int start)
    {
        if (start >= text.Count || text.KindAt(start) != TokenKind.Word || ClosestVerb(text.LowerAt(start)) is not null)
        {
            return null; // "reschedul to 4pm", "meeet now": a misspelt command, which the answer names
        }

        int k = start;
        while (k < text.Count && (text.KindAt(k) == TokenKind.Word || SlashBetweenWords(text, k, start)) && (!StartsWhenOrWho(text, k) || IsParticleOfNoun(text, k)))
        {
            if (IsParticleOfNoun(text, k) || SlashBetweenWords(text, k, start))
            {
                k++; // "follow up at 3", "release go/no-go at 4"
                continue;
            }

            if (text.IsWordAny(k, NotSubjectWords) || text.IsWordAny(k, RemarkWords) || text.IsWordAny(k, MeetingControlWords))
            {
                return null;
            }

            k++;
        }

        if (k == start || k - start > 4 || k >= text.Count || text.KindAt(k) != TokenKind.Word)
        {
            return null; // "heads up: maintenance tonight at 10": a colon after the words makes them a remark's opening
        }

        bool saidNow = false;
        for (int j = k; j < text.Count; j++)
        {
            if (text.IsPunct(j, '?'))
            {
                return null;
            }

            saidNow |= text.IsWordAny(j, ["now", "asap", "immediately"]);
        }

        if (BuildMeeting(text, input, leading, start, start, start) is not CreateMeetingCommand { Subject: { } subject } meeting || !(meeting.IsScheduled || saidNow))
        {
            return null;
        }

        // "grab a coffee with bob at 3": the coffee is the meeting's name, not "grab a coffee".
        int nameFrom = text.IsWordAny(start, ["grab", "get"]) ? start + 1 : start;
        while (nameFrom > start && text.IsWordAny(nameFrom, ["a", "an", "some", "quick"]))
        {
            nameFrom++;
        }

        if (nameFrom > start && nameFrom < k && string.Equals(subject, text.Render(start, k), StringComparison.OrdinalIgnoreCase))
        {
            return meeting with { Subject = text.Render(nameFrom, k) };
        }

        // "postmortem for INC-123 at 10": the words before "for" belong to the subject read after it.
        string named = text.Render(start, k);
        return text.IsWordAny(k, ["for", "about", "re", "regarding"]) && !subject.StartsWith(named, StringComparison.OrdinalIgnoreCase)
            ? meeting with { Subject = text.Render(start, k + 1) + " " + subject }
            : meeting;
    }

    /// <summary>The "/" of "go/no-go" or "Q3/Q4 planning": between two words of a meeting's name.</summary>
    private static bool SlashBetweenWords(CommandText text, int k, int start) =>
        k > start && text.IsPunct(k, '/') && text.KindAt(k - 1) == TokenKind.Word && k + 1 < text.Count && text.KindAt(k + 1) == TokenKind.Word;

    /// <summary>Where the words naming a meeting stop: its time or day ("at 3", "tomorrow", "Friday", "3pm", "now"), or its people ("with @bob").</summary>
    private static bool StartsWhenOrWho(CommandText text, int k) =>
        text.IsWordAny(k, ["now", "asap", "immediately", "at", "today", "tomorrow", "tonight", "tmrw", "tmr", "on", "in", "this", "next", "from", "with", "w", "for", "about", "re", "until", "till"])
        || TimeGrammar.WeekdayOf(text.LowerAt(k), allowShort: false) > 0;

    // ---------------------------------------------------------------- meetings

    /// <summary>Words that may follow the people in "call bob …": when, what about, for how long, or more people.</summary>
    private static readonly string[] AfterPeopleCalled = ["now", "again", "asap", "at", "about", "re", "regarding", "for", "tomorrow", "today", "tonight", "on", "in", "please", "pls", "with", "quickly", "urgently", "right"];

    /// <summary>
    /// "call bob", "call alice and bob about the outage": names typed right after "call" are people to call, where the
    /// words after them are a time, a subject or nothing; "call budget review at 3" and "call the team" name none.
    /// </summary>
    private static bool CallsPeople(CommandText text, CommandInput input, int at)
    {
        if (at >= text.Count || text.KindAt(at) != TokenKind.Word || text.IsWordAny(at, CommandVerbs.Nouns))
        {
            return false;
        }

        var people = new ClauseScanner(text, IsDayFirst(input.Locale), subjectsAllowed: true);
        int after = people.ScanPeople(at);
        return after > at
            && (after >= text.Count || text.KindAt(after) is TokenKind.Punct or TokenKind.Mention || text.IsWordAny(after, AfterPeopleCalled))
            && people.TypedNames.All(name => !name.Contains(' ', StringComparison.Ordinal) || name.Split(' ').All(part => part.Length > 0 && char.IsUpper(part[0]))); // "Carol Chen", not "budget review"
    }

    /// <summary>Reads the meeting clauses in [from, end) except the command word at [verbAt, afterVerb).</summary>
    /// <param name="peopleFirst">"call bob …": the words after the command word are people, read before any other clause.</param>
    /// <param name="resumeAt">With <paramref name="peopleFirst"/>: where reading goes on after the people ("get bob on a call now": at "now").</param>
    private static ParseResult BuildMeeting(CommandText text, CommandInput input, List<int> leading, int from, int verbAt, int afterVerb, bool peopleFirst = false, int resumeAt = 0)
    {
        var scanner = new ClauseScanner(text, IsDayFirst(input.Locale), subjectsAllowed: true);
        foreach (int index in leading)
        {
            scanner.AddLeadingMention(text.Tokens[index].Mention);
        }

        scanner.Scan(from, verbAt);

        // "could we please get a quick meeting with @alice": the request's own words are not the subject.
        if (from < verbAt)
        {
            RemoveWords(text, scanner.Leftovers, RequestWords);
        }

        if (peopleFirst)
        {
            afterVerb = Math.Max(scanner.ScanPeople(afterVerb), resumeAt);
        }

        scanner.Scan(afterVerb, text.Count);
        var spec = scanner.Time;
        input = InWrittenZone(input, spec);
        string? subject = scanner.Subject;
        var leftovers = Leftovers(text, scanner.Leftovers, out bool timeLike);
        if (timeLike && spec.Problem is null)
        {
            spec.Problem = "“" + leftovers + "” is not a time I can read";
        }
        else if ((subject is null || scanner.SubjectNamesKind) && leftovers.Length > 0)
        {
            if (AnyWord(text, scanner.Leftovers, RemarkWords) || AnyWord(text, scanner.Leftovers, MeetingControlWords))
            {
                return NotUnderstood(text, input, leading, from);
            }

            subject = leftovers;
        }

        bool saidNow = scanner.SaidNow;
        if (!saidNow && spec.Problem is null && spec.End is not null && spec.Start is null)
        {
            // "meet until 3pm" is from now; "meet tomorrow until 3pm" says when it ends, not when it starts.
            if (spec.HasAnyTime)
            {
                spec.Problem = "“until” says when the meeting ends, not when it starts";
            }
            else
            {
                saidNow = true;
            }
        }

        if (saidNow && spec.Problem is null)
        {
            if (spec.Start is null && spec.Relative is null && spec.Date is { Kind: DateKind.Relative, DayOffset: 0 })
            {
                // "meet now today": now.
                spec.Date = default;
                spec.PartOfDay = PartOfDay.None;
            }
            else if (spec.HasAnyTime)
            {
                // "meet now about the 10am incident": a time read where "now" was said is asked about, never silently taken.
                spec.Problem = "you wrote both “now” and a later time" + (subject is null ? "" : "; to keep time words in a subject, put the subject in quotes");
            }
            else if (spec.End is { } until && spec.Start is null)
            {
                // "meet now until 3pm": from now to the next 3pm, read as "at 3pm" would be.
                var endSpec = new TimeSpec { Start = until, Zone = spec.Zone };
                spec.End = null;
                if (spec.Duration is not null)
                {
                    spec.Problem = "an end time and a length say different things; give one of them";
                }
                else if (TimeResolution.Resolve(endSpec, input, null).StartUtc is { } endUtc)
                {
                    spec.Duration = endUtc - new DateTimeOffset(input.Now.Ticks - (input.Now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
                    if (spec.Duration > MaxUntilAhead)
                    {
                        // "until 1pm" at 2pm: not 23 hours from now.
                        spec.Problem = "the end you gave is " + (int)spec.Duration.Value.TotalHours + " hours away; give the length instead, e.g. “for an hour”";
                        spec.Duration = null;
                    }
                }
            }
        }

        var attendees = scanner.HasExclusions ? WithoutExcluded(scanner.Attendees, scanner.Excluded) : scanner.Attendees;
        var resolved = TimeResolution.Resolve(spec, input, input.DefaultDuration);
        if (resolved.Failure is { } failure)
        {
            var draft = new SchedulingDraft(subject, attendees, scanner.InviteEveryone, resolved.Date, resolved.Time, resolved.Duration, TimeZoneResolver.DisplayName(input.TimeZone))
            {
                Excluded = scanner.HasExclusions ? scanner.Excluded : [],
                TypedNames = ClauseScanner.NamesToLookUp(scanner.UnmatchedNames, scanner.TypedNames),
                Location = scanner.Location,
            };
            return MeetingFailure(failure, resolved.Problem ?? "", draft, input, durationSaid: spec.Duration is not null);
        }

        var duration = resolved.Duration ?? input.DefaultDuration;
        string description = resolved.StartUtc is { } startUtc
            ? ZonedTime.Describe(startUtc, startUtc + duration, input.TimeZone, input.TimeZoneAssumed, input.Now)
            : ZonedTime.DescribeNow(duration, input.TimeZone, input.TimeZoneAssumed);
        return new CreateMeetingCommand(
            resolved.StartUtc,
            duration,
            subject,
            attendees,
            scanner.UnmatchedNames,
            scanner.InviteEveryone,
            resolved.StartUtc is not null,
            description,
            input.TimeZoneAssumed)
        {
            WrittenZone = spec.Zone,
            Excluded = scanner.HasExclusions ? scanner.Excluded : [],
            TypedNames = scanner.TypedNames,
            Location = scanner.Location,
        };
    }

    // Kept out of BuildMeeting: a lambda there capturing its parameters would allocate on every command.
    private static void RemoveWords(CommandText text, List<int> indexes, string[] words) => indexes.RemoveAll(index => text.IsWordAny(index, words));

    private static bool AnyWord(CommandText text, List<int> indexes, string[] words) => indexes.Exists(index => text.IsWordAny(index, words));

    /// <summary>"with @a @b but not @b": the people to leave out win over the people to invite.</summary>
    private static List<MentionInput> WithoutExcluded(List<MentionInput> attendees, List<MentionInput> excluded) =>
        attendees.FindAll(a => !excluded.Exists(e =>
            (e.Id.Length > 0 && string.Equals(e.Id, a.Id, StringComparison.Ordinal)) || (e.Id.Length == 0 && string.Equals(e.Name, a.Name, StringComparison.OrdinalIgnoreCase))));

    /// <summary>Whether the words before a later "meet"/"meeting" are meeting details or the words of a request, not a remark about a meeting.</summary>
    private static bool OnlyRequestWordsBefore(CommandText text, CommandInput input, int from, int verbAt)
    {
        var scanner = new ClauseScanner(text, IsDayFirst(input.Locale), subjectsAllowed: false);
        scanner.Scan(from, verbAt);
        foreach (int index in scanner.Leftovers)
        {
            if (text.Tokens[index].Kind != TokenKind.Punct && !text.IsWordAny(index, RequestWords))
            {
                return false;
            }
        }

        return true;
    }

    /// <param name="durationSaid">Whether the message gave a length: the draft carries the default one otherwise, which the
    /// card offers but the answer must not claim to have understood.</param>
    private static ParseFailure MeetingFailure(ParseFailureKind kind, string problem, SchedulingDraft draft, CommandInput input, bool durationSaid)
    {
        var nowLocal = ZonedTime.ToLocal(input.Now, input.TimeZone);
        var today = DateOnly.FromDateTime(nowLocal);
        string zone = ZonedTime.ZoneLabel(input.TimeZone, input.TimeZoneAssumed);
        string understood = DescribeDraft(draft, zone, durationSaid);
        // A length that is itself refused is never suggested ("meet tomorrow for 2 days" suggested "… at 10:00 for 48h").
        bool lengthRefused = draft.Duration is { } asked && (asked > TimeResolution.MaximumLength || asked < TimeResolution.MinimumLength);
        TimeSpan? duration = kind is ParseFailureKind.TooShort or ParseFailureKind.TooLong || lengthRefused ? input.DefaultDuration : draft.Duration;
        if (kind == ParseFailureKind.DurationConflict)
        {
            duration = draft.Duration;
        }

        DateOnly? date = draft.Date;
        var time = draft.Time;
        string hint;
        string beforeExample = ", e.g. ";
        switch (kind)
        {
            case ParseFailureKind.TimeInPast:
                date = time is { } t && today.ToDateTime(t) > nowLocal ? today : today.AddDays(1);
                time ??= new TimeOnly(10, 0);
                hint = "Pick a time that is still ahead";
                break;
            case ParseFailureKind.TooFarAhead:
                date = today.AddDays(1);
                time ??= new TimeOnly(10, 0);
                hint = "Meetings can be set up to a year ahead";
                break;
            case ParseFailureKind.EndBeforeStart:
                hint = "Give an end after the start, or a length such as “for 30 min”";
                break;
            case ParseFailureKind.DurationConflict:
                hint = "Give either an end time or a length";
                break;
            case ParseFailureKind.TooShort:
            case ParseFailureKind.TooLong:
                hint = "Give a length between 1 minute and 24 hours";
                break;
            default:
                hint = "Write the day and time like this";
                beforeExample = ": ";
                if (date is null && time is null)
                {
                    date = today.AddDays(1);
                }

                time ??= new TimeOnly(10, 0);
                break;
        }

        var effectiveDate = date is { } d && time is { } tm && d.ToDateTime(tm) < nowLocal ? (DateOnly?)d.AddDays(1) : date;
        string suggestion = MeetingSuggestion(effectiveDate, time, duration, draft, today);
        string message = "I couldn't set that meeting up: " + problem + "." +
            (understood.Length > 0 ? " I understood " + understood + "." : "") +
            " " + hint + beforeExample + "“" + suggestion + "”.";
        return new ParseFailure(kind, message, suggestion, kind == ParseFailureKind.UnreadableTime, draft);
    }

    private static string DescribeDraft(SchedulingDraft draft, string zone, bool durationSaid)
    {
        var parts = new List<string>();
        if (draft.Date is { } date)
        {
            parts.Add(date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture));
        }

        if (draft.Time is { } time)
        {
            parts.Add(time.ToString("HH:mm", CultureInfo.InvariantCulture) + " (" + zone + ")");
        }

        if (durationSaid && draft.Duration is { } duration)
        {
            parts.Add("for " + ZonedTime.FormatDuration(duration));
        }

        if (draft.Attendees.Count + draft.TypedNames.Count > 0)
        {
            parts.Add("with " + string.Join(", ", draft.Attendees.Select(a => a.Name).Concat(draft.TypedNames)));
        }

        if (draft.Subject is not null)
        {
            parts.Add("about “" + draft.Subject + "”");
        }

        return string.Join(", ", parts);
    }

    private static string MeetingSuggestion(DateOnly? date, TimeOnly? time, TimeSpan? duration, SchedulingDraft draft, DateOnly today)
    {
        var builder = new StringBuilder("meet");
        if (date is null && time is null)
        {
            builder.Append(" now");
        }

        if (date is { } d)
        {
            builder.Append(d == today ? " today" : d == today.AddDays(1) ? " tomorrow" : " on " + d.ToString(d.Year == today.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture));
        }

        if (time is { } t)
        {
            builder.Append(" at ").Append(t.ToString("HH:mm", CultureInfo.InvariantCulture));
        }

        if (duration is { } length)
        {
            builder.Append(" for ").Append(ZonedTime.FormatDuration(length).Replace(" h ", "h", StringComparison.Ordinal).Replace(" h", "h", StringComparison.Ordinal));
        }

        AppendPeople(builder, draft.Attendees, draft.InviteEveryone);
        for (int i = 0; i < draft.TypedNames.Count && !draft.InviteEveryone; i++)
        {
            builder.Append(i == 0 && draft.Attendees.Count == 0 ? " with " : i == draft.TypedNames.Count - 1 ? " and " : ", ").Append(draft.TypedNames[i]);
        }

        if (draft.Subject is not null)
        {
            builder.Append(" about \"").Append(draft.Subject).Append('"');
        }

        return builder.ToString();
    }

    private static void AppendPeople(StringBuilder builder, IReadOnlyList<MentionInput> people, bool everyone)
    {
        if (everyone)
        {
            builder.Append(" with everyone");
            return;
        }

        for (int i = 0; i < people.Count; i++)
        {
            builder.Append(i == 0 ? " with @" : i == people.Count - 1 ? " and @" : ", @").Append(people[i].Name);
        }
    }

    /// <summary>Left-over words: a subject when they are ordinary words; a time problem when they look like time.</summary>
    private static string Leftovers(CommandText text, List<int> indexes, out bool timeLike)
    {
        timeLike = false;
        if (indexes.Count == 0)
        {
            return "";
        }

        var runs = new List<string>();
        int previous = -2;
        int lastMeaningful = -1;
        int firstMeaningful = -1;
        foreach (int index in indexes)
        {
            var token = text.Tokens[index];
            var lower = text.LowerOf(token);
            if ((token.Kind == TokenKind.Number && !IsIdentifierNumber(text, token)) || LooksLikeTime(lower))
            {
                timeLike = true;
            }

            // "incident-123", "PR #1234", "go/no-go": a dash, a hash or a slash between two leftovers keeps them one run, written as they were.
            bool joined = index == previous + 2 && (text.IsPunct(previous + 1, '-') || text.IsPunct(previous + 1, '#') || text.IsPunct(previous + 1, '/'));
            if (index != previous + 1 && !joined)
            {
                Flush();
            }

            bool filler = token.Kind == TokenKind.Word && Fillers.Contains(lower.ToString()) && !IsParticleOfNoun(text, index);
            if (!filler)
            {
                if (firstMeaningful < 0)
                {
                    firstMeaningful = index;
                }

                lastMeaningful = index;
            }

            previous = index;
        }

        Flush();
        if (timeLike)
        {
            return string.Join(" ", indexes.Select(i => text.Render(i, i + 1)));
        }

        return string.Join(" ", runs);

        void Flush()
        {
            if (firstMeaningful >= 0)
            {
                runs.Add(ClauseScanner.WithoutTrailingAlso(text.Render(firstMeaningful, lastMeaningful + 1).TrimEnd('.', ',', '!', '?', ';', ':')).ToString());
            }

            firstMeaningful = lastMeaningful = -1;
        }
    }

    /// <summary>Words that make a meeting's name with "up" or "in" after them: "follow up", "catch up", "check in", "wrap up".</summary>
    private static readonly string[] NounsWithParticle = ["follow", "catch", "check", "wrap", "stand", "warm", "round", "clean", "tidy", "write", "sign"];

    /// <summary>The "up" of "follow up", the "in" of "check in": part of the meeting's name, not a filler word.</summary>
    private static bool IsParticleOfNoun(CommandText text, int i) =>
        text.IsWordAny(i, ["up", "in"]) && text.IsWordAny(i - 1, NounsWithParticle);

    /// <summary>"#123", "incident-123", "INC-4512": a number that is part of a name, not a time.</summary>
    private static bool IsIdentifierNumber(CommandText text, Token token) =>
        token.Start > 0 && (text.Text[token.Start - 1] == '#'
            || (text.Text[token.Start - 1] == '-' && token.Start > 1 && char.IsLetter(text.Text[token.Start - 2])));

    private static bool LooksLikeTime(ReadOnlySpan<char> word)
    {
        foreach (string root in ShortTimeWords)
        {
            if (word.SequenceEqual(root))
            {
                return true;
            }
        }

        foreach (string root in TimeRoots)
        {
            if (word.Contains(root, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"at 3pm UTC": the whole command is read, described and kept in the zone the sender wrote.</summary>
    internal static CommandInput InWrittenZone(CommandInput input, in TimeSpec spec) =>
        spec.Zone is { } written ? input with { TimeZone = written, TimeZoneAssumed = false } : input;

    // ---------------------------------------------------------------- cancel

    /// <summary>"cancel tomorrow's meeting", "cancel the 3pm meeting", "cancel the meeting on Friday at 10": which one, by its start.</summary>
    private static ParseResult BuildCancel(CommandText text, CommandInput input, int from)
    {
        var which = MeetingChoiceReader.Read(text, input, from, text.Count, out string? problem);
        if (problem is not null)
        {
            // "cancel the meeting on Feb 30": never the wrong meeting because its day could not be read.
            const string suggestion = "cancel tomorrow's meeting";
            return new ParseFailure(
                ParseFailureKind.UnreadableTime,
                "I couldn't tell which meeting to cancel, so I cancelled nothing: " + problem + ". Name it by its day, time or subject, e.g. “" + suggestion + "”, “cancel the 3pm meeting” or “cancel the budget meeting”, or press Cancel meeting on its card.",
                suggestion,
                false,
                null);
        }

        if (!SaysAll(text, from))
        {
            return new CancelMeetingCommand { Which = which };
        }

        // "cancel them all", "cancel both of those": the words that say "all" name no meeting.
        var words = which.Words.Where(w => !AllMeetingsWords.Contains(w.ToLowerInvariant())).ToList();
        return new CancelMeetingCommand { Which = which with { Words = words }, All = true };
    }

    /// <summary>Words of "cancel them all", "cancel both of those", "cancel every one": none of them names a meeting.</summary>
    private static readonly string[] AllMeetingsWords = ["all", "both", "everything", "every", "them", "em", "those", "these", "of", "one", "ones", "single"];

    /// <summary>
    /// "cancel all my meetings", "cancel them all", "cancel both", "cancel everything tomorrow", "cancel every meeting":
    /// all of them, not one. "cancel the all hands" and "cancel the all-day workshop" name one meeting.
    /// </summary>
    private static bool SaysAll(CommandText text, int from)
    {
        for (int k = from; k < text.Count; k++)
        {
            if (text.IsWordAny(k, ["everything", "both"])
                || (text.IsWord(k, "every") && text.IsWordAny(k + 1, ["meeting", "meetings", "one", "call", "calls", "single"]))
                || (text.IsWord(k, "all") && (k + 1 >= text.Count || text.KindAt(k + 1) == TokenKind.Punct
                    || text.IsWordAny(k + 1, ["my", "our", "the", "of", "meetings", "calls", "those", "these", "them", "today's", "todays", "tomorrow's", "tomorrows", "today", "tomorrow", "remaining", "upcoming", "future", "other", "scheduled"]))))
            {
                return true;
            }
        }

        return false;
    }

    // ---------------------------------------------------------------- invite, uninvite, rename

    /// <summary>
    /// "invite @carol", "add bob and carol to the standup", "remove @bob from tomorrow's meeting", "take bob off the
    /// invite": the people, then (after "to", "from" or "off") the words that name the meeting.
    /// </summary>
    private static ParseResult BuildPeopleChange(CommandText text, CommandInput input, List<int> leading, int verbAt, int from, bool invite)
    {
        var scanner = new ClauseScanner(text, IsDayFirst(input.Locale), subjectsAllowed: true);
        int end = scanner.ScanPeople(from);
        if (invite && text.IsWord(end, "to") && text.IsWordAny(end + 1, ["a", "an", "another", "new"]))
        {
            // "invite bob to a meeting tomorrow at 3", "invite @alice to a quick call": a new meeting, "invite" as its "with".
            return BuildMeeting(text, input, leading, verbAt, verbAt, verbAt);
        }

        if (end == from || (scanner.InviteEveryone && !invite))
        {
            string example = invite ? "invite @Alice" : "remove @Bob from the meeting";
            return new ParseFailure(ParseFailureKind.NothingToChange, $"Tell me who, e.g. “{example}”: @mention them, or write their names.", example, false, null);
        }

        int rest = end;
        while (text.IsWordAny(rest, ["to", "from", "off", "out", "of", "too", "also", "as", "well", "please"]) || (text.IsWord(rest, "in") && rest == text.Count - 1)
            || (rest < text.Count && text.KindAt(rest) == TokenKind.Punct))
        {
            rest++;
        }

        var which = MeetingChoiceReader.Read(text, input, rest, text.Count, out string? problem);
        if (problem is not null)
        {
            const string suggestion = "invite @Alice to tomorrow's meeting";
            return new ParseFailure(ParseFailureKind.UnreadableTime, "I couldn't tell which meeting you mean, so I changed nothing: " + problem + ". Name it by its day, time or subject, e.g. “" + suggestion + "”.", suggestion, false, null);
        }

        var names = ClauseScanner.NamesToLookUp(scanner.UnmatchedNames, scanner.TypedNames);
        return invite
            ? new ChangeMeetingCommand { Invite = [.. scanner.Attendees], InviteByName = names, InviteEveryone = scanner.InviteEveryone, Which = which }
            : new ChangeMeetingCommand { Uninvite = [.. scanner.Attendees], UninviteByName = names, Which = which };
    }

    /// <summary>
    /// "rename it to retro", "rename the standup to daily sync", "change the subject to “Q4 planning”", "rename the
    /// meeting "incident 4711"": the new subject after "to" or "as" (or in quotes, or the rest), and the words before it
    /// that name the meeting.
    /// </summary>
    private static ParseResult BuildRename(CommandText text, CommandInput input, int from)
    {
        int to = -1;
        for (int k = from; k < text.Count; k++)
        {
            if (text.IsWordAny(k, ["to", "as", "into"]) || (text.KindAt(k) == TokenKind.Punct && text.LowerAt(k) is [':']))
            {
                to = k;
                break;
            }

            if (text.KindAt(k) == TokenKind.Quoted)
            {
                to = k - 1; // "rename the meeting "Q4 planning"": the quotes are the subject
                break;
            }
        }

        int subjectFrom = to >= 0 ? to + 1 : from;
        int whichTo = to >= 0 ? to : from;
        while (text.IsWordAny(subjectFrom, ["it", "the", "this", "that", "meeting", "call", "subject", "title", "name", "topic", "of"]) && to < 0)
        {
            subjectFrom++;
        }

        string subject = subjectFrom >= text.Count ? ""
            : QuotedToTheEnd(text, subjectFrom) ? CleanSubject(text.Text.Substring(text.Tokens[subjectFrom].Start, text.Tokens[subjectFrom].Length))
            : CleanSubject(text.RenderSpan(text.Tokens[subjectFrom].Start, text.Text.Length));
        if (subject.Length == 0)
        {
            const string example = "rename it to Q4 planning";
            return new ParseFailure(ParseFailureKind.NothingToChange, $"Tell me the new subject, e.g. “{example}”.", example, false, null);
        }

        if (subject.Length > Cards.SchedulingCard.MaxSubjectLength)
        {
            const string example = "rename it to Q4 planning";
            return new ParseFailure(ParseFailureKind.NothingToChange, $"That subject is longer than {Cards.SchedulingCard.MaxSubjectLength} characters. Try a shorter one, e.g. “{example}”.", example, false, null);
        }

        // "rename the standup to daily sync": the words before "to" name the meeting ("of the standup" too).
        var which = MeetingChoiceReader.Read(text, input, from, whichTo, out string? problem);
        if (problem is not null)
        {
            const string suggestion = "rename tomorrow's meeting to Q4 planning";
            return new ParseFailure(ParseFailureKind.UnreadableTime, "I couldn't tell which meeting you mean, so I changed nothing: " + problem + ". Name it by its day, time or subject, e.g. “" + suggestion + "”.", suggestion, false, null);
        }

        return new ChangeMeetingCommand { NewSubject = subject, Which = which };
    }

    /// <summary>
    /// "rename it to 'Sev1 bridge'": the subject is the quotes' content (rendered to the end of the message, it kept a
    /// closing single quote: "Sev1 bridge'").
    /// </summary>
    private static bool QuotedToTheEnd(CommandText text, int at)
    {
        if (text.KindAt(at) != TokenKind.Quoted)
        {
            return false;
        }

        for (int k = at + 1; k < text.Count; k++)
        {
            if (text.KindAt(k) != TokenKind.Punct)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A subject as written, without its quotes (a quoted token starts inside its opening quote) and closing punctuation.</summary>
    private static string CleanSubject(string written)
    {
        return written.AsSpan().Trim().TrimEnd(".,;:!? ").Trim("\"“”„«»").Trim().ToString();
    }

    // ---------------------------------------------------------------- list

    /// <summary>
    /// The words of a question about meetings, which name none: "when is", "what time does … start", "send the link". The
    /// small words ("do I have any", "is there") and the meeting nouns already name none to <see cref="MeetingChoiceReader"/>.
    /// </summary>
    private static readonly string[] ListQuestionWords =
    [
        "list", "show", "view", "agenda", "calendar", "schedule", "calls", "syncs", "standups", "upcoming", "what's", "whats", "what’s",
        "when", "when's", "whens", "when’s", "where", "where's", "wheres", "where’s", "time", "does", "will", "start", "starts", "begin",
        "begins", "got", "coming", "happening", "left", "else", "still", "url", "urls", "join", "send", "share", "post", "give", "repost",
        "resend", "paste", "drop", "anything", "dial-in", "dialin", "dial-ins", "call-in", "pstn", "dial", "phone", "telephone", "number",
        "numbers", "no", "nr", "conference", "id", "details", "info", "how", "by", "via", "get", "have",
    ];

    private static ParseResult BuildList(CommandText text, CommandInput input, int from)
    {
        var which = MeetingChoiceReader.Read(text, input, from, text.Count, out string? problem);
        if (problem is not null)
        {
            return new ParseFailure(
                ParseFailureKind.UnreadableTime,
                "I couldn't tell which day you mean: " + problem + ". Ask, e.g., “what's on tomorrow”, “meetings on Friday” or “list meetings”.",
                "list meetings",
                false,
                null);
        }

        bool mine = false;
        bool next = false;
        for (int i = from; i < text.Count; i++)
        {
            mine |= text.IsWordAny(i, ["my", "i'm", "mine"]) || (text.IsWord(i, "i") && !text.IsWordAny(i - 1, ["can", "could", "may"])); // "can I get the link" asks, for any meeting here
            next |= text.IsWordAny(i, ["next", "soonest", "first"]);
        }

        // "upcoming meetings" lists them all; only "next" picks the first.
        which = which with { Words = [.. which.Words.Where(w => !ListQuestionWords.Contains(w.ToLowerInvariant()))], Next = next };
        bool dialIn = AsksForDialIn(text);
        // "how do I join by phone" asks about the meetings here, not only the sender's own.
        return new ListMeetingsCommand { Which = which, Mine = mine && !dialIn, TimeZone = input.TimeZone, DialIn = dialIn };
    }

    /// <summary>"what's the dial-in for the standup", "phone number?": anywhere in the message.</summary>
    private static bool AsksForDialIn(CommandText text)
    {
        for (int i = 0; i < text.Count; i += 6)
        {
            if (CommandVerbs.DialInAhead(text, i))
            {
                return true;
            }
        }

        return false;
    }

    // ---------------------------------------------------------------- reschedule

    private static readonly string[] LongerVerbs = ["extend", "prolong", "lengthen", "stretch", "expand"];
    private static readonly string[] ShorterVerbs = ["shorten", "cut", "trim", "reduce", "truncate", "shave", "knock"];

    /// <param name="bareNumberIsTime">Whether a number on its own where the change starts is the new time or length: "make it 4", "actually 4".</param>
    /// <param name="extends">"add 15 min", "15 more minutes": the amount makes the meeting longer.</param>
    private static ParseResult BuildReschedule(CommandText text, CommandInput input, int verbAt, int from, bool bareNumberIsTime = false, bool extends = false)
    {
        var verb = text.LowerAt(verbAt);
        int afterVerb = from;
        from = MeetingChoiceReader.ReadBeforeChange(text, input, from, out var which);
        // "push the retro to next week": a week later, the same weekday and time (it asked which day); the words before name the meeting.
        int nextWeekAt = !extends && verb is "push" or "move" or "postpone" or "delay" or "shift" or "reschedule" or "resched" ? NextWeekTail(text, from) : -1;
        // "move it to 4 instead of 3", "meet at 4 instead of 3": the start after "instead of" names the meeting.
        int insteadOf = InsteadOfAt(text, from);
        if (insteadOf >= 0 && MeetingChoiceReader.Read(text, input, insteadOf + 2, text.Count, out string? insteadProblem, bareHourFirst: true) is { NamesStart: true } named && insteadProblem is null)
        {
            which = MeetingChoiceReader.WithStart(which, named);
        }

        // "make it 4", "make the standup 30": a number on its own is the new time or length; "extend 5", "add 10": minutes.
        bool shortens = text.IsWordAny(verbAt, ShorterVerbs);
        extends |= text.IsWordAny(verbAt, LongerVerbs);
        bool lengthChange = extends || shortens;
        // "push it 30", "delay 15": minutes later; "extend to 45": a new length of 45 minutes (both were "not a time").
        bool minutesOnly = lengthChange || verb is "push" or "postpone" or "delay";
        bool numberAfterWord = from + 1 < text.Count && text.KindAt(from + 1) == TokenKind.Number;
        // "extend to 45": a new length of 45 minutes; "reschedule for 4": four o'clock (both were "not a time").
        bool forAnHour = numberAfterWord && text.IsWord(from, "for") && verb is "reschedule" or "re-schedule" or "resched" or "move";
        int scanFrom = (lengthChange && text.IsWord(from, "to") && numberAfterWord) || forAnHour ? from + 1 : from;
        var scanner = new ClauseScanner(text, IsDayFirst(input.Locale), subjectsAllowed: false)
        {
            BareNumberAt = verb is "make" ? NumberAfterAName(text, scanFrom) : bareNumberIsTime || minutesOnly || forAnHour ? scanFrom : -1,
            BareNumberIsMinutes = minutesOnly,
        };
        scanner.Scan(scanFrom, insteadOf >= 0 ? insteadOf : nextWeekAt >= 0 ? nextWeekAt : text.Count);
        var spec = scanner.Time;
        input = InWrittenZone(input, spec);
        bool earlier = false;
        bool later = false;
        // "push it back", "move up the 3pm meeting by 15": the direction may come before the meeting's name, or after it.
        foreach (int index in Enumerable.Range(afterVerb, from - afterVerb).Concat(scanner.Leftovers))
        {
            var word = text.LowerAt(index);
            earlier |= word is "earlier" or "forward" or "sooner" || (word is "up" && verb is "move" or "bring");
            later |= word is "later" or "late" or "back" or "longer";
        }

        earlier |= text.IsWord(afterVerb - 1, "forward");
        var unread = scanner.Leftovers.Where(i => !text.IsWordAny(i, [.. MeetingChoiceReader.Directions, "same", "time", "late", "more", "extra", "shorter"])
            && !(bareNumberIsTime && text.IsWordAny(i, BesideANewTime)) && !(shortens && text.IsWord(i, "off"))).ToList(); // "shave 10 min off"
        var leftovers = Leftovers(text, unread.FindAll(i => CommandVerbs.OneOnOneLength(text, i) == 0), out bool timeLike);
        if (timeLike && spec.Problem is null)
        {
            spec.Problem = "“" + leftovers + "” is not a time I can read";
        }

        // "move the budget review to 4pm": what the time grammar left names the meeting.
        which = MeetingChoiceReader.AddWords(which, text, unread, scanner, from, text.Count);

        TimeSpan? shift = null;
        TimeSpan? extend = null;
        // "make it an hour longer", "make it 15 min shorter": a change of length (the first was the new length, the second unread).
        bool moves = verb is "push" or "postpone" or "delay" or "shift" or "move" or "start" or "begin";
        bool isShorten = shortens || (!moves && AnyWordFrom(text, from, ["shorter"]));
        bool isExtend = extends || (later && text.IsWordAny(from, ["longer"])) || (!moves && !isShorten && AnyWordFrom(text, from, ["longer", "more", "extra"]));
        bool hasTime = spec.Start is not null || spec.HasDate || spec.Relative is not null || spec.PartOfDay != PartOfDay.None;
        if (scanner.ByAmount is { } by)
        {
            if (isExtend || isShorten)
            {
                extend = isShorten ? -by : by;
            }
            else
            {
                shift = earlier ? -by : by;
            }
        }
        else if (spec.Duration is { } amount && !hasTime && (verb is "push" or "postpone" or "delay" or "shift" or "move" || earlier || later) && !(verb is "make" or "change" or "update" or "reschedule"))
        {
            if (isExtend || isShorten)
            {
                extend = isShorten ? -amount : amount;
            }
            else
            {
                shift = earlier ? -amount : amount;
            }

            spec.Duration = null;
        }
        else if (spec.Duration is { } extra && (isExtend || isShorten) && !hasTime && !(text.IsWord(from, "to") || (!extends && AnyWordFrom(text, from, ["to"]))))
        {
            extend = isShorten ? -extra : extra; // "extend it 15 min", "add 15 min to the meeting"; "shorten it to 15 min" is its new length
            spec.Duration = null;
        }

        if (nextWeekAt >= 0 && !hasTime && spec.Duration is null && shift is null && extend is null)
        {
            shift = TimeSpan.FromDays(7);
        }

        if (!hasTime && spec.Duration is null && shift is null && extend is null && spec.Problem is null)
        {
            return new ParseFailure(
                ParseFailureKind.NothingToChange,
                "Tell me the new time or length, e.g. “reschedule to tomorrow at 10:00”, “make it 30 min” or “push it by 15 min”.",
                "reschedule to tomorrow at 10:00",
                false,
                null);
        }

        if (spec.Problem is null && spec.HasDate && spec.Start is null && spec.Relative is null && spec.PartOfDay == PartOfDay.None)
        {
            var toDay = RescheduleToDay(spec, input);
            return toDay is RescheduleMeetingCommand change ? change with { Which = which } : toDay;
        }

        var resolved = hasTime || spec.Problem is not null
            ? TimeResolution.Resolve(spec, input, spec.Duration)
            : ValidateLengthOnly(spec.Duration);
        if (resolved.Failure is { } failure)
        {
            string suggestion = "reschedule to " + (resolved.Time is { } t ? "tomorrow at " + t.ToString("HH:mm", CultureInfo.InvariantCulture) : "tomorrow at 10:00");
            return new ParseFailure(failure, "I couldn't reschedule: " + resolved.Problem + ". Try “" + suggestion + "”.", suggestion, false, null);
        }

        var newStart = hasTime ? resolved.StartUtc ?? input.Now : (DateTimeOffset?)null;
        var newDuration = resolved.Duration;
        string description;
        if (newStart is { } s)
        {
            description = newDuration is { } d
                ? ZonedTime.Describe(s, s + d, input.TimeZone, input.TimeZoneAssumed, input.Now)
                : "from " + ZonedTime.ToLocal(s, input.TimeZone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) + " (" + ZonedTime.ZoneLabel(input.TimeZone, input.TimeZoneAssumed) + ")";
        }
        else if (newDuration is { } d)
        {
            description = ZonedTime.FormatDuration(d) + " long";
        }
        else if (shift is { } sh)
        {
            // A move by whole days says days ("1 day earlier"), not "24 h earlier".
            var distance = sh.Duration();
            string amount = distance.Ticks % TimeSpan.TicksPerDay == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{distance.Days} day{(distance.Days == 1 ? "" : "s")}")
                : ZonedTime.FormatDuration(distance);
            description = amount + (sh < TimeSpan.Zero ? " earlier" : " later");
        }
        else
        {
            description = ZonedTime.FormatDuration(extend!.Value.Duration()) + (extend < TimeSpan.Zero ? " shorter" : " longer");
        }

        bool keepsMeetingDay = newStart is not null && spec.Start is not null && !spec.HasDate && spec.Relative is null;
        return new RescheduleMeetingCommand(newStart, newDuration, shift, extend, description, input.TimeZoneAssumed, keepsMeetingDay)
        {
            WrittenZone = spec.Zone,
            Which = which,
        };
    }

    /// <summary>"move it to Friday", "reschedule to tomorrow, same time": that day, at the meeting's own time of day.</summary>
    private static ParseResult RescheduleToDay(TimeSpec spec, CommandInput input)
    {
        var today = DateOnly.FromDateTime(ZonedTime.ToLocal(input.Now, input.TimeZone));
        var day = TimeResolution.DayOnly(spec, input);
        string? problem = day is not { } d ? "that is not a date in the calendar"
            : d < today ? d.ToString("ddd d MMM", CultureInfo.InvariantCulture) + " is already over"
            : d.DayNumber - today.DayNumber > TimeResolution.MaximumAhead.Days ? "that is more than a year ahead"
            : ValidateLengthOnly(spec.Duration).Problem;
        if (problem is not null)
        {
            const string suggestion = "reschedule to tomorrow at 10:00";
            return new ParseFailure(ParseFailureKind.UnreadableTime, "I couldn't reschedule: " + problem + ". Try “" + suggestion + "”.", suggestion, false, null);
        }

        string description = day!.Value.ToString("ddd d MMM", CultureInfo.InvariantCulture) + ", at the meeting's time"
            + (spec.Duration is { } length ? ", " + ZonedTime.FormatDuration(length) : "");
        return new RescheduleMeetingCommand(null, spec.Duration, null, null, description, input.TimeZoneAssumed)
        {
            WrittenZone = spec.Zone,
            NewDay = day,
        };
    }

    private static ResolvedTime ValidateLengthOnly(TimeSpan? duration)
    {
        if (duration is { } d && d < TimeResolution.MinimumLength)
        {
            return new ResolvedTime(null, d, false, null, null, ParseFailureKind.TooShort, "a meeting needs at least a minute");
        }

        if (duration is { } l && l > TimeResolution.MaximumLength)
        {
            return new ResolvedTime(null, l, false, null, null, ParseFailureKind.TooLong, "a meeting can last at most 24 hours");
        }

        return new ResolvedTime(null, duration, false, null, null, null, null);
    }

    // ---------------------------------------------------------------- ring

    private static RingCommand BuildRing(CommandText text, CommandInput input, List<int> leading, int from)
    {
        // "ring bob and carol", "ring @Alice and bob": people named in words, looked up when ringing. Before, the words
        // were passed over and everyone invited was rung.
        var scanner = new ClauseScanner(text, IsDayFirst(input.Locale), subjectsAllowed: true);
        foreach (int index in leading)
        {
            scanner.AddLeadingMention(text.Tokens[index].Mention);
        }

        if (scanner.ScanPeople(from) > from && scanner.TypedNames.Count > 0)
        {
            return new RingCommand(scanner.Attendees, scanner.UnmatchedNames) { TypedNames = scanner.TypedNames };
        }

        var targets = new List<MentionInput>();
        var unmatched = new List<string>();
        var typed = new List<string>();
        foreach (int index in leading.Concat(Enumerable.Range(from, Math.Max(0, text.Count - from))))
        {
            var token = text.Tokens[index];
            if (token.Kind == TokenKind.Mention)
            {
                var slot = text.Slots[token.Mention];
                if (slot.Entity is null)
                {
                    unmatched.Add(slot.Name);
                }
                else if (!targets.Any(t => string.Equals(t.Id, slot.Entity.Id, StringComparison.Ordinal)))
                {
                    targets.Add(slot.Entity);
                }
            }
            else if (token.Kind == TokenKind.PlainName)
            {
                unmatched.Add(text.Text.Substring(token.Start, token.Length));
            }
            else if (token.Kind == TokenKind.Email)
            {
                typed.Add(text.Text.Substring(token.Start, token.Length));
            }
        }

        // A "@name" typed as text, or an address, is looked up when ringing, never dropped for "everyone".
        return new RingCommand(targets, unmatched) { TypedNames = typed };
    }

    // ---------------------------------------------------------------- not understood

    private static ParseFailure NotUnderstood(CommandText text, CommandInput input, List<int> leading, int start)
    {
        string written = text.RenderSpan(0, text.Text.Length, mentionsAsTyped: true);
        if (AsksToEndTheMeeting(text, start))
        {
            return new ParseFailure(
                ParseFailureKind.TeamsControl,
                "I can't end a meeting for everyone. Say “leave” to make me leave its call, or “cancel” to cancel the meeting (organizer only).",
                "leave",
                false,
                null) { Written = written };
        }

        if (OutsideWhatIDo(text, start, written) is { } outside)
        {
            return outside;
        }

        if (AnyWordFrom(text, start, MeetingControlWords))
        {
            return new ParseFailure(
                ParseFailureKind.TeamsControl,
                "I can't record, transcribe, mute people or share screens: those are in the meeting's own controls in Teams. "
                + "I create meetings, bring myself into their call, ring people and show who is in it. Say “help” to see how.",
                "help",
                false,
                null) { Written = written };
        }

        string rest;
        string suggestion;
        string? closest = start < text.Count && text.Tokens[start].Kind == TokenKind.Word ? ClosestVerb(text.LowerAt(start)) : null;
        if (closest is not null)
        {
            rest = RenderForSuggestion(text, start + 1);
            suggestion = (closest + " " + rest).Trim();
        }
        else
        {
            // No command word: if the rest reads as meeting details ("tomorrow at 3 with @bob"), suggest "meet …".
            var scanner = new ClauseScanner(text, IsDayFirst(input.Locale), subjectsAllowed: true);
            foreach (int index in leading)
            {
                scanner.AddLeadingMention(text.Tokens[index].Mention);
            }

            scanner.Scan(start);
            var people = new StringBuilder();
            AppendPeople(people, scanner.Attendees, scanner.InviteEveryone);
            bool looksLikeMeeting = scanner.Time.HasAnyTime || scanner.Time.Duration is not null;
            // The meeting details only: "talk tomorrow at 10" suggests "meet tomorrow at 10", not "meet talk tomorrow at 10".
            string leadingPeople = string.Concat(leading.Select(i => " @" + text.Slots[text.Tokens[i].Mention].Name));
            suggestion = looksLikeMeeting
                ? ("meet " + RenderForSuggestion(text, start, scanner.Leftovers) + (leadingPeople.Length > 0 ? " with" + leadingPeople : "")).Trim()
                : "meet now" + people;
        }

        string message = written.Length == 0
            ? "Say “meet now” to start a meeting, or “help” to see everything I can do."
            : "Sorry, I didn't get “" + written + "”. Try “" + suggestion + "”, or say “help” to see everything I can do.";
        return new ParseFailure(ParseFailureKind.NotUnderstood, message, suggestion, false, null) { Written = written };
    }

    private static readonly string[] FreeWords = ["free", "available", "availability", "busy", "unavailable"];

    /// <summary>"is bob free at 3?", "when is alice available", "find a time with bob", "meet when everyone is free".</summary>
    private static bool AsksWhoIsFree(CommandText text, int start) =>
        (text.IsWordAny(start, ["find", "suggest", "pick", "propose", "choose"]) && text.IsWordAny(start + 1, ["a", "the", "me", "us", "some"])
            && (text.IsWordAny(start + 2, ["time", "slot", "times", "slots"]) || text.IsWordAny(start + 3, ["time", "slot", "times", "slots"])))
        || (AnyWordFrom(text, start, FreeWords)
            && (text.IsWordAny(start, ["is", "are", "when", "when's", "whens", "find", "check", "who", "who's", "whos", "does", "do", "what", "what's", "whats", "which"])
                || AnyWordFrom(text, start, ["when", "whenever"])));

    /// <summary>
    /// What the bot does not do, said in a line with what it does instead: free/busy ("is bob free at 3?"), reminders of
    /// its own ("remind me at 3"), taking back a step ("undo"). These got the help card with "Sorry, I didn't get …".
    /// </summary>
    private static ParseFailure? OutsideWhatIDo(CommandText text, int start, string written)
    {
        string? answer = AsksWhoIsFree(text, start)
            ? "I can't see anyone's calendar, so I can't tell who is free or find a slot. The Scheduling Assistant in the Teams or Outlook calendar shows when people are free; "
                + "pick a time and I'll set it up, e.g. “meet tomorrow at 10 with @Alice”."
            : text.IsWord(start, "remind") || (text.IsWordAny(start, ["set", "add", "create"]) && text.IsWordAny(start + 1, ["a", "an"]) && text.IsWord(start + 2, "reminder"))
            ? "I don't set reminders of my own. For the meetings I make here, I post in this chat when they start, and Teams reminds everyone invited before a meeting. "
                + "To make one, say e.g. “meet at 3”."
            : text.IsWordAny(start, ["undo", "revert", "rollback"])
            ? "I can't undo a step. To take back a meeting I made, say “cancel it” (or press Cancel meeting on its card); to move it back, say e.g. “move it to 3pm”."
            : null;
        return answer is null ? null : new ParseFailure(ParseFailureKind.NotMyJob, answer, "help", false, null) { Written = written };
    }

    /// <summary>"end the meeting", "stop the call", "close meeting": never a request for a new one.</summary>
    private static bool AsksToEndTheMeeting(CommandText text, int start) =>
        (text.IsWordAny(start, ["end", "stop", "finish", "close", "terminate", "kill"]) || (text.IsWord(start, "stand") && text.IsWord(start + 1, "down"))
            || (text.IsWord(start, "we") && text.IsWordAny(start + 1, ["can", "could", "should"]) && text.IsWordAny(start + 2, ["end", "close", "stop", "finish"])))
        && AnyWordFrom(text, start + 1, ["meeting", "call", "huddle", "bridge"]);

    private static bool AnyWordFrom(CommandText text, int start, ReadOnlySpan<string> words)
    {
        for (int i = start; i < text.Count; i++)
        {
            if (text.IsWordAny(i, words))
            {
                return true;
            }
        }

        return false;
    }

    private static string RenderForSuggestion(CommandText text, int from, List<int>? skip = null)
    {
        var builder = new StringBuilder();
        for (int i = from; i < text.Count; i++)
        {
            if (skip is not null && skip.Contains(i))
            {
                continue;
            }

            var token = text.Tokens[i];
            string part = token.Kind switch
            {
                TokenKind.Mention => "@" + text.Slots[token.Mention].Name,
                TokenKind.PlainName => string.Concat("@", text.Text.AsSpan(token.Start, token.Length)),
                TokenKind.Quoted => string.Concat("\"", text.Text.AsSpan(token.Start, token.Length), "\""),
                _ => text.Text.Substring(token.Start, token.Length),
            };
            if (builder.Length == 0 && token.Kind == TokenKind.Punct)
            {
                continue; // "no, 4pm doesn't work": the suggestion starts at a word, never at the comma
            }

            if (builder.Length > 0 && token.Kind != TokenKind.Punct)
            {
                builder.Append(' ');
            }

            builder.Append(part);
        }

        return builder.ToString().Trim().TrimEnd('.', '!', '?');
    }

    private static string? ClosestVerb(ReadOnlySpan<char> word)
    {
        if (word.Length < 3)
        {
            return null;
        }

        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string verb in KnownVerbs)
        {
            int distance = EditDistance(word, verb);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = verb;
            }
        }

        int allowed = word.Length <= 4 ? 1 : 2;
        return bestDistance <= allowed ? (best is "meeting" ? "meet" : best) : null;
    }

    /// <summary>Edit distance counting a swap of two neighbouring letters as one edit ("jion" → "join").</summary>
    internal static int EditDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<int> beforePrevious = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }
            }

            previous.CopyTo(beforePrevious);
            current.CopyTo(previous);
        }

        return previous[b.Length];
    }

    // ---------------------------------------------------------------- locale

    /// <summary>True when the locale writes the day before the month (en-GB, de-DE, fr-FR); false for en-US, ja-JP and unknown locales.</summary>
    internal static bool IsDayFirst(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return false;
        }

        if (DayFirstByLocale.TryGetValue(locale, out bool known))
        {
            return known;
        }

        bool dayFirst;
        try
        {
            string pattern = CultureInfo.GetCultureInfo(locale).DateTimeFormat.ShortDatePattern;
            int day = pattern.IndexOf('d', StringComparison.Ordinal);
            int month = pattern.IndexOf('M', StringComparison.Ordinal);
            dayFirst = day >= 0 && month >= 0 && day < month;
        }
        catch (CultureNotFoundException)
        {
            dayFirst = false;
        }

        if (DayFirstByLocale.Count < 512)
        {
            DayFirstByLocale.TryAdd(locale, dayFirst);
        }

        return dayFirst;
    }
}
