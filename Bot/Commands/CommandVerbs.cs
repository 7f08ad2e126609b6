namespace TeamsMeetBot.Commands;

/// <summary>
/// Recognises the command word(s) at the start of a message: "meet", "start a meeting", "let's meet", "call with",
/// "cancel", "reschedule", "move it", "make it", "join", "bring the bot in", "ring", "call in", "leave", "hang up",
/// "status", "who is in the call", "help", and thanks or an "ok" that asks for nothing. Returns the command and where its
/// arguments start.
/// </summary>
internal static class CommandVerbs
{
    private static readonly string[] Politeness = ["please", "pls", "plz", "kindly", "just", "ok", "okay", "so", "yo", "bot", "meetbot", "hey", "hi", "hello", "now"];
    /// <summary>The words for a meeting: "meeting", "call", "sync", "standup"…</summary>
    internal static readonly string[] Nouns = ["meeting", "meetings", "mtg", "call", "huddle", "sync", "session", "conference", "meet", "chat", "standup", "stand-up", "catchup", "catch-up", "bridge", "room"];
    /// <summary>Words that say what kind of meeting it is; they may start a request ("urgent bridge", "daily standup").</summary>
    private static readonly string[] KindWords = ["ad-hoc", "adhoc", "emergency", "urgent", "war", "incident", "daily", "weekly", "monthly", "biweekly", "usual", "regular"];
    private static readonly string[] Adjectives = ["a", "an", "the", "new", "quick", "short", "teams", "online", "video", "instant", "brief", "another", "us", "me", "bridge", "conference", "team", "my", "our", .. KindWords];
    private static readonly string[] StandaloneStarters = ["schedule", "start", "create", "book", "setup", "organize", "organise", "arrange", "plan", "host", "launch", "begin", "open"];
    private static readonly string[] NounStarters = ["make", "have", "get", "need", "want", "do", "hold", "run", "spin", "fire", "kick", "set", "new", "quick", "instant", "a", "an", "video", "teams", "online", .. KindWords];
    /// <summary>Verbs that change or cancel a meeting there is, after "can we": "can we push it by 10 min".</summary>
    private static readonly string[] ChangeVerbs = ["cancel", "move", "push", "postpone", "delay", "shift", "reschedule", "extend", "shorten", "scrap", "cut", "trim", "stretch"];
    private static readonly string[] WeVerbs = ["meet", "talk", "sync", "huddle", "have", "hop", "jump", "get", "do", "call", "chat", "start", "catch", "connect"];
    private static readonly string[] Objects = ["it", "the", "this", "that", "my", "our", "meeting", "call", "time", "start", "one", "back", "out"];

    /// <summary>Skips politeness and leading mentions; returns the index of the first real word.</summary>
    public static int SkipPreamble(CommandText t, int i, List<int> leadingMentions)
    {
        while (i < t.Count)
        {
            var token = t.Tokens[i];
            if (token.Kind == TokenKind.Mention)
            {
                leadingMentions.Add(i);
                i++;
            }
            else if (token.Kind == TokenKind.Punct && !(t.IsPunct(i, '?') && i + 1 == t.Count))
            {
                i++;
            }
            else if (leadingMentions.Count > 0 && (t.IsWord(i, "and") || t.IsWord(i, "with")))
            {
                i++;
            }
            else if (t.IsWordAny(i, Politeness) && HasRealWordAfter(t, i + 1))
            {
                i++;
            }
            else if (t.IsWordAny(i, ["can", "could", "would", "will"]) && t.IsWord(i + 1, "you") && HasRealWordAfter(t, i + 2))
            {
                i += 2;
            }
            else if (t.IsWordAny(i, ["can", "could"]) && t.IsWord(i + 1, "we") && t.IsWordAny(i + 2, ChangeVerbs))
            {
                i += 2; // "can we move it to 4pm" asks the bot; "should we cancel it?" asks the others
            }
            else if (t.IsWordAny(i, ["can", "could", "would", "will"]) && t.IsWordAny(i + 1, ["someone", "somebody", "anyone", "anybody"])
                && Recognize(t, i + 2, out _) is CommandKind.Meeting or CommandKind.Join or CommandKind.Ring or CommandKind.Cancel)
            {
                i += 2; // "can someone start a call", "could anyone open a bridge" ("can anyone make it at 3?" asks the others)
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>"leave", "hang up", "go" (alone: not "go ahead and meet now") after "you can" or "feel free to".</summary>
    private static bool IsDismissal(CommandText t, int i) =>
        t.IsWordAny(i, ["leave", "hang", "drop", "disconnect"])
        || (t.IsWord(i, "go") && (i + 1 >= t.Count || t.Tokens[i + 1].Kind == TokenKind.Punct || t.IsWordAny(i + 1, ["now", "bot", "thanks", "away"])));

    /// <summary>Where the words after "thanks", "thank you" and their comma start: "thanks, you can go".</summary>
    private static int AfterThanks(CommandText t, int i)
    {
        int j = t.IsWord(i, "thank") && t.IsWord(i + 1, "you") ? i + 2 : i + 1;
        while (j < t.Count && (t.Tokens[j].Kind == TokenKind.Punct || t.IsWordAny(j, ["bot", "meetbot"])))
        {
            j++;
        }

        return j < t.Count ? j : 0;
    }

    /// <summary>"a ring", "a call", "a buzz" after the people in "give @Alice a ring".</summary>
    private static bool RingWordAhead(CommandText t, int i)
    {
        for (int k = i; k < Math.Min(t.Count, i + 8); k++)
        {
            if (t.IsWord(k, "a") && t.IsWordAny(k + 1, ["ring", "call", "buzz", "shout"]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasRealWordAfter(CommandText t, int i)
    {
        for (; i < t.Count; i++)
        {
            if (t.Tokens[i].Kind is TokenKind.Word or TokenKind.Number)
            {
                return true;
            }
        }

        return false;
    }

    public static CommandKind Recognize(CommandText t, int i, out int next)
    {
        next = i;
        if (i >= t.Count)
        {
            return CommandKind.None;
        }

        if (t.IsPunct(i, '?'))
        {
            next = i + 1;
            return CommandKind.Help;
        }

        if (OneOnOneLength(t, i) > 0)
        {
            next = i; // "1:1 with @Alice tomorrow at 10": the clause scanner reads it, as the subject.
            return CommandKind.Meeting;
        }

        if (MoreTimeAt(t, i))
        {
            next = i; // "15 more minutes please", "10 more min"
            return CommandKind.Extend;
        }

        if ((t.KindAt(i) == TokenKind.Number || t.IsWordAny(i, LengthStarts)) && TimeGrammar.TryDuration(t, i, allowBareMinutes: false, out _, out int afterLength)
            && t.IsWordAny(afterLength, Nouns) && !t.IsWord(afterLength, "meetings"))
        {
            next = i; // "30 min sync with bob tomorrow at 2", "5 min call with @Alice": a meeting that long (these got "Sorry, I didn't get …")
            return CommandKind.Meeting;
        }

        if (t.Tokens[i].Kind != TokenKind.Word)
        {
            return CommandKind.None;
        }

        if (WrapUpEnd(t, i) == t.Count)
        {
            next = t.Count; // "we're done", "that's a wrap", "meeting's over" (all got "Sorry, I didn't get …")
            return CommandKind.WrapUp;
        }

        var w = t.LowerAt(i);
        switch (w)
        {
            case "what's" or "whats" or "what’s" or "what" or "where" or "where's" or "wheres" or "where’s" or "send" or "share" or "post" or "give" or "repost"
                or "resend" or "how" or "is" or "any" or "join" when DialInAhead(t, i + 1):
            case "dial-in" or "dialin" or "phone" or "conference" or "call-in" when DialInAhead(t, i):
                // "what's the dial-in?", "phone number for the bridge?" (it rang someone called "number"), "how do I join by phone":
                // the meetings here, with how to join them by phone.
                next = i + 1;
                return CommandKind.List;
            case "help" or "commands" or "usage" or "menu" or "info" or "hi" or "hello" or "hey" or "howdy":
                next = i + 1;
                return CommandKind.Help;
            case "what's" or "whats" or "what’s" or "what" or "today's" or "todays" or "today’s" or "time" or "date" or "day" when ClockQuestion(t, i):
                next = t.Count; // "what time is it?", "what's the date", "what day is it": the sender's clock
                return CommandKind.Clock;
            case "how" when t.IsWord(i + 1, "long") && t.IsWordAny(i + 2, ["is", "are", "was", "will"]):
                next = i + 2; // "how long is the standup": the meetings here, with their times
                return CommandKind.List;
            case "what" when t.IsWord(i + 1, "can") && (t.IsWord(i + 2, "you") || t.IsWord(i + 2, "i")):
            case "how" when t.IsWordAny(i + 1, ["does", "do", "to"]):
                next = t.Count;
                return CommandKind.Help;

            case "change" or "set" or "update" or "switch" or "use" when TimeZoneAhead(t, i + 1)
                || (w is "use" or "switch" && WrittenTimeZone.TryRead(t, t.IsWord(i + 1, "to") ? i + 2 : i + 1, out _, out int afterZone, out _) == GrammarMatch.Ok && afterZone >= t.Count):
                next = t.Count; // "change my time zone to Europe/Berlin", "use UTC"
                return CommandKind.SetTimeZone;
            case "what's" or "whats" or "what’s" or "what" or "which" or "my" or "your" or "timezone" or "tz" or "time" when TimeZoneAhead(t, i):
                next = t.Count; // "what's my time zone?", "which timezone do you use"
                return CommandKind.TimeZone;

            case "remove" or "drop" or "take" or "kick" or "boot" when PersonAt(t, i + 1) && FromTheCall(t, i + 2):
            case "hang" when t.IsWord(i + 1, "up") && t.IsWord(i + 2, "on") && PersonAt(t, i + 3):
            case "stop" or "cancel" when t.IsWordAny(i + 1, ["ringing", "calling", "dialing", "dialling"]) || (t.IsWord(i + 1, "the") && t.IsWordAny(i + 2, ["ring", "ringing"])):
                // "remove bob from the call", "hang up on bob", "stop ringing bob": only Teams' own controls do these.
                next = t.Count;
                return CommandKind.RemoveFromCall;

            case "add" or "give" or "need" when ExtraTimeAt(t, i + 1) is var amountAt and > 0:
                // "add 15 min", "add another 10 minutes to the meeting", "give us 15 more minutes": longer by that much.
                next = amountAt;
                return CommandKind.Extend;
            case "we" or "i" when t.IsWordAny(i + 1, ["need", "want"]) && ExtraTimeAt(t, i + 2) is var neededAt and > 0 && MoreTimeAt(t, neededAt):
                next = neededAt; // "we need 10 more min"
                return CommandKind.Extend;
            case "start" or "begin" when ExtraTimeAt(t, i + 1) is var lateAt and > 0 && t.IsWordAny(AfterAmount(t, lateAt), ["late", "later", "early", "earlier"]):
                // "start 10 min late", "start it 5 min later": the meeting moved by that much (it made a meeting titled "late").
                next = i + 1;
                return CommandKind.Reschedule;
            case "uninvite" or "disinvite" or "un-invite":
            case "remove" or "drop" or "take" or "kick" when PersonAt(t, i + 1) && (t.Tokens[i + 1].Kind != TokenKind.Word || t.IsWordAny(i + 2, ["from", "off", "out"])):
                // "remove @bob from the meeting", "take bob off the invite": not the meeting ("remove the meeting" cancels it).
                next = i + 1;
                return CommandKind.Uninvite;
            case "rename" or "retitle":
            case "title" or "name" when t.IsWordAny(i + 1, ["it", "the", "this", "that", "my", "our"]) && i + 2 < t.Count:
            case "call" when t.IsWord(i + 1, "it") && i + 2 < t.Count && !t.IsWordAny(i + 2, ["off", "a", "an", "quits", "now", "in", "at", "for", "with"]):
                // "title it Q4 sync", "name the meeting retro", "call it the retro" (these got "Sorry, I didn't get …")
                next = i + 1;
                return CommandKind.Rename;
            case "change" or "update" or "set" or "edit" when t.IsWordAny(SkipObjects(t, i + 1), SubjectNouns):
                // "change the subject to retro", "update the meeting title": not its time.
                next = SkipObjects(t, i + 1) + 1;
                return CommandKind.Rename;

            case "cancel" or "delete" or "abort" or "scrap" or "kill" or "remove":
            case "nuke" or "bin" or "ditch" or "axe" when t.IsWordAny(i + 1, ["it", "the", "this", "that", "my", "our", "meeting", "call"]):
            case "drop" when t.IsWordAny(i + 1, ["it", "the", "this", "that", "my", "our", "meeting"]) && !t.IsWordAny(i + 1, CallNouns) && !t.IsWordAny(i + 2, CallNouns)
                && !LinkAhead(t, i + 1):
                // "drop the meeting", "drop the standup" (they got "Sorry, I didn't get …"); "drop the call" may mean hanging up, and
                // "drop the link" is a question for the link.
                next = SkipObjects(t, i + 1); // "nuke it", "ditch the standup"
                return CommandKind.Cancel;
            case "we" or "i" or "don't" or "dont" or "don’t" or "no" when NoLongerNeeded(t, w is "we" or "i" ? i + 1 : i) is var neededAt and > 0:
                next = neededAt; // "we don't need the meeting anymore", "no longer need the call": cancel it
                return CommandKind.Cancel;
            case "scratch" when t.IsWordAny(i + 1, ["that", "it", "this"]):
                next = SkipObjects(t, i + 1); // "scratch that": the meeting just made
                return CommandKind.Cancel;
            case "i" when t.IsWordAny(i + 1, ["meant", "mean"]) && i + 2 < t.Count:
                next = i + 2; // "sorry, I meant 4pm": a change of the meeting just asked for
                return CommandKind.Reschedule;
            case "call" when t.IsWord(i + 1, "off"):
                next = SkipObjects(t, i + 2); // "call off the budget sync": the rest names which meeting
                return CommandKind.Cancel;
            case "call" when t.IsWordAny(i + 1, ["it", "the", "this"]) && (t.IsWord(i + 2, "off") || t.IsWord(i + 3, "off")):
                next = i + 1; // "call the standup off": "the standup" names which meeting, "off" names none
                return CommandKind.Cancel;

            case "reschedule" or "re-schedule" or "resched" or "move" or "push" or "postpone" or "delay" or "shift" or "extend" or "shorten" or "prolong":
                next = SkipObjects(t, i + 1);
                return CommandKind.Reschedule;
            case "cut" or "trim" or "reduce" or "truncate" or "lengthen" or "stretch" or "expand" or "shave" when t.IsWordAny(i + 1, ["it", "the", "this", "that", "my", "our"]):
            case "cut" or "trim" or "shave" or "knock" when (i + 1 < t.Count && t.KindAt(i + 1) == TokenKind.Number) || (w is "shave" && t.IsWord(i + 1, "off")):
                // "cut it to 20 min", "trim the standup by 5 min", "stretch it to an hour": a new length; "cut 10", "shave
                // 10 min off the meeting", "knock 5 off": that much shorter (these got "Sorry, I didn't get …").
                next = SkipObjects(t, i + 1);
                return CommandKind.Reschedule;
            case "make" or "change" or "update" when t.IsWordAny(i + 1, ["it", "the", "this", "that", "my", "our"]) && !(w is "make" && t.IsWord(i + 2, "call")):
                // "make it 30 min", "change the standup to 4pm", "update my 1:1": an existing meeting ("make the call" places one).
                next = SkipObjects(t, i + 1);
                return CommandKind.Reschedule;
            case "make" or "change" when t.IsWordAny(i + 1, ["meeting"]):
                next = SkipObjects(t, i + 1);
                return CommandKind.Reschedule;

            case "bring" or "pull" when t.IsWordAny(SkipObjects(t, i + 1), ["forward", "forwards"]):
                // "bring it forward 30 minutes", "pull the meeting forward to 2pm": earlier, not the bot into the call.
                next = SkipObjects(t, i + 1) + 1;
                return CommandKind.Reschedule;

            case "hop" or "jump" or "get" when t.IsWord(i + 1, "on") && t.IsWord(i + 2, "teams"):
                next = i + 3; // "hop on teams with @Alice", "jump on teams" (these got "Sorry, I didn't get …")
                return CommandKind.Meeting;
            case "hop" or "jump" or "get" when t.IsWordAny(i + 1, ["on", "in", "into"]) && t.IsWordAny(i + 2, ["a", "an"]) && SkipNounPhrase(t, i + 2) > i + 2:
                // "hop on a call with @Alice": a new meeting ("hop on the call" joins the one there is).
                next = SkipNounPhrase(t, i + 2);
                return CommandKind.Meeting;

            case "join" or "rejoin" when !LinkAhead(t, i + 1):
                next = SkipJoinTail(t, i + 1);
                return CommandKind.Join;
            case "come" or "hop" or "jump" or "get" when t.IsWordAny(i + 1, ["in", "on", "join", "into", "to"]) && !MentionAhead(t, i + 1):
                next = SkipJoinTail(t, i + 2);
                return CommandKind.Join;
            case "bring" when t.IsWordAny(i + 1, ["the", "bot", "yourself", "you", "urself"]) && !MentionAhead(t, i + 1):
                next = t.Count;
                return CommandKind.Join;
            case "dial" when t.IsWord(i + 1, "in") && !MentionAhead(t, i + 1):
                next = SkipJoinTail(t, i + 2);
                return CommandKind.Join;

            case "give" when MentionAhead(t, i + 1) && RingWordAhead(t, i + 2):
                // "give @Alice a ring", "give @Bob a call": ring them.
                next = i + 1;
                return CommandKind.Ring;
            case "ping" or "buzz" when MentionAhead(t, i + 1) || t.IsWordAny(i + 1, ["everyone", "everybody", "all", "the", "attendees"]):
            case "nudge" or "poke" when PersonAt(t, i + 1) || t.IsWordAny(i + 1, ["everyone", "everybody", "the", "attendees"]):
                // "nudge @Alice", "poke bob": ring them (these got "Sorry, I didn't get …")
            case "try" when PersonAt(t, i + 1) && t.IsWord(t.Count - 1, "again"):
                // "try bob again": ring him again (it got "Sorry, I didn't get …")
            case "ring" or "page" or "dial" or "phone":
                next = t.IsWord(i + 1, "in") ? i + 2 : i + 1;
                return CommandKind.Ring;
            case "call" when (t.IsWord(i + 1, "in") && !TimeAfterIn(t, i + 2)) || (EndsWithIn(t) && (MentionAhead(t, i + 1) || (t.Count - i <= 7 && !t.IsWordAny(i + 1, ["a", "an", "it", "this", "that"])))):
                // "call in @Bob", "call bob and carol in", "call everyone in": ring them ("call a meeting in …" makes one).
                next = t.IsWord(i + 1, "in") ? i + 2 : i + 1;
                return CommandKind.Ring;
            case "everyone" or "everybody" when CallAfterPeople(t, i, out bool everyoneOnTheCall):
                // "everyone on the bridge now": ring them into the call there is; "everyone on a call": a new meeting with them
                // (the first made a meeting titled "the bridge now").
                next = i;
                return everyoneOnTheCall ? CommandKind.Ring : CommandKind.Meeting;
            case "get" or "grab" or "bring" or "pull" when CallAfterPeople(t, i + 1, out bool theCall) && (theCall || w is "get" or "grab"):
                // "get bob on a call", "grab @alice and carol in a quick huddle": a new meeting with them; "get bob on the
                // call", "bring bob into the call": ring them into the call there is (all got "Sorry, I didn't get …").
                next = i + 1;
                return theCall ? CommandKind.Ring : CommandKind.Meeting;
            case "invite" or "add" or "bring" or "pull" or "get" when (MentionAhead(t, i + 1) || t.IsWordAny(i + 1, ["everyone", "everybody"])) && MentionsTheCall(t):
            case "loop" when (MentionAhead(t, i + 1) || (t.IsWord(i + 1, "in") && MentionAhead(t, i + 2))) && MentionsTheCall(t) && !t.IsWord(t.Count - 1, "in"):
                next = t.IsWord(i + 1, "in") ? i + 2 : i + 1;
                return CommandKind.Ring;
            case "loop" when t.IsWord(i + 1, "in") && PersonAt(t, i + 2):
            case "loop" when PersonAt(t, i + 1) && (MentionAhead(t, i + 1) || t.IsWord(t.Count - 1, "in")):
                // "loop in @bob", "loop bob in": invite them to the meeting here (ringing them when it is under way and the bot is in its call).
                next = t.IsWord(i + 1, "in") ? i + 2 : i + 1;
                return CommandKind.Invite;
            case "invite" or "add" or "include" when PersonAt(t, i + 1) || (t.IsWordAny(i + 1, ["everyone", "everybody"]) && !MentionsTheCall(t)):
                // "invite @carol", "add bob and carol to the standup": to a meeting there is ("… to the call" rings them).
                next = i + 1;
                return CommandKind.Invite;

            case "leave" or "hangup" or "disconnect" or "bye" or "goodbye" or "exit" or "quit":
                next = t.Count;
                return CommandKind.Leave;
            case "you" when t.IsWordAny(i + 1, ["can", "may", "could"]) && IsDismissal(t, i + 2):
            case "feel" when t.IsWord(i + 1, "free") && t.IsWord(i + 2, "to") && IsDismissal(t, i + 3):
            case "thanks" or "thank" or "thx" or "ty" or "cheers" when AfterThanks(t, i) is var dismissed and > 0 && Recognize(t, dismissed, out _) == CommandKind.Leave:
            case "kick" or "boot" when (t.IsWordAny(i + 1, ["the", "our"]) && t.IsWordAny(i + 2, ["bot", "meetbot"])) || t.IsWordAny(i + 1, ["bot", "meetbot", "yourself", "you"]):
                // "kick the bot", "boot yourself": the bot leaves the call
            case "hang" when t.IsWord(i + 1, "up"):
            case "drop" when t.IsWordAny(i + 1, ["off", "out"]):
            case "get" when t.IsWord(i + 1, "out"):
            case "go" when t.IsWord(i + 1, "away"):
            case "end" when t.IsWord(i + 1, "call") || (t.IsWord(i + 1, "the") && t.IsWord(i + 2, "call")):
                next = t.Count;
                return CommandKind.Leave;

            case "is" or "are" or "isn't" or "aren't" when InTheCallAhead(t, i + 1):
                // "is alice in the call?", "are bob and carol on the call yet": who is in it.
            case "how" when t.IsWord(i + 1, "many") && InTheCallAhead(t, i + 2):
                // "how many people are in the call"
            case "status" or "roster" or "participants" or "attendance" or "attendees":
                next = t.Count;
                return CommandKind.Status;
            case "who" when t.IsWordAny(i + 1, ["are", "r"]) && t.IsWordAny(i + 2, ["you", "u"]):
            case "who" when t.IsWordAny(i + 1, ["made", "built", "wrote", "created"]) && t.IsWordAny(i + 2, ["you", "u", "this"]):
                next = t.Count; // "who are you": what the bot is and does
                return CommandKind.Help;
            case "who" or "who's" or "who’s" or "whos":
            case "is" when t.IsWordAny(i + 1, ["everyone", "everybody", "anyone", "anybody"]) && t.IsWordAny(i + 2, ["here", "in", "on", "there", "joined", "present", "missing"]):
            case "are" when t.IsWordAny(i + 1, ["we", "they"]) && t.IsWordAny(i + 2, ["all", "everyone"]) && t.IsWordAny(i + 3, ["here", "in", "on", "there", "present"]):
            case "anyone" or "anybody" or "someone" when t.IsWordAny(i + 1, ["missing", "absent"]):
                // "who's in the call", "is everyone here?", "are we all in?", "anyone missing?": the call's roster.
                next = t.Count;
                return CommandKind.Status;

            case "can" or "could" or "may" when t.IsWordAny(i + 1, ["i", "we"]) && t.IsWordAny(i + 2, ["get", "have"]) && LinkAhead(t, i + 3) && NewLinkEnd(t, i + 3) == 0:
                next = i + 3; // "can I get the link?" (it got "Sorry, I didn't get …"; "can I get a link" makes a meeting)
                return CommandKind.List;
            case "join" or "meeting" or "teams" or "link" or "links" or "url" when LinkAhead(t, i):
            case "call" or "bridge" or "huddle" or "standup" or "stand-up" or "sync" or "mtg" when t.IsWordAny(i + 1, ["link", "links", "url"]):
                // "bridge link?", "call link pls" ("call link?" made a meeting inviting someone called "link")
            case "what's" or "whats" or "what’s" or "what" when LinkAhead(t, i + 1):
            case "where" or "where's" or "wheres" or "where’s" when LinkAhead(t, i + 1) || ListNounAhead(t, i + 1):
            case "send" or "share" or "post" or "give" or "repost" or "resend" or "paste" or "drop" when LinkAhead(t, i + 1):
            case "can" or "could" when t.IsWord(i + 1, "you") && LinkAhead(t, i + 2):
                // "join link?", "what's the link", "send me the link again", "where's the meeting": the meetings here, with
                // their Join buttons. ("join link?" once made the bot join the call.)
            case "list" or "agenda" or "meetings" or "upcoming" or "calendar":
            case "show" or "view" when !t.IsWord(i + 1, "up") && ListNounAhead(t, i + 1):
            case "my" or "our" or "all" or "any" when t.IsWordAny(i + 1, ["meetings", "calls"]):
            case "what" when t.IsWordAny(i + 1, ["day", "date"]) && t.IsWordAny(i + 2, ["is", "are", "was"]):
            case "what's" or "whats" or "what’s" when t.IsWord(i + 1, "the") && t.IsWordAny(i + 2, ["day", "date", "time"]) && t.IsWord(i + 3, "of"):
            case "what" when t.IsWordAny(i + 1, ["meetings", "calls"]) || (t.IsWordAny(i + 1, ["is", "are"]) && t.IsWordAny(i + 2, ListStates))
                || (t.IsWord(i + 1, "time") && t.IsWordAny(i + 2, ["is", "are", "does", "do", "will"])):
            case "what's" or "whats" or "what’s" when t.IsWordAny(i + 1, ListStates):
            case "what's" or "whats" or "what’s" when t.IsWordAny(i + 1, ["my", "our", "the"]) && t.IsWordAny(i + 2, ["next", "first"]) && MeetingNounAt(t, i + 3):
            case "what" when t.IsWordAny(i + 1, ["is", "are"]) && t.IsWordAny(i + 2, ["my", "our", "the"]) && t.IsWordAny(i + 3, ["next", "first"]) && MeetingNounAt(t, i + 4):
            case "what" when t.IsWordAny(i + 1, ["have", "do"]) && t.IsWordAny(i + 2, ["i", "we"]) && t.IsWordAny(i + 3, ["got", "have"]) && !t.IsWord(i + 4, "to"):
            case "next" when MeetingNounAt(t, i + 1) && OnlyAQuestionAfter(t, i + 2):
                // "what's my next meeting", "what have I got today", "next meeting?" (these got "Sorry, I didn't get …")
            case "anything" when t.Count - i <= (t.IsPunct(t.Count - 1, '?') ? 6 : 4):
                // "anything tomorrow?", "anything else today?", "anything on friday?" (these got "Sorry, I didn't get …")
            case "when" when t.IsWordAny(i + 1, ["is", "are", "does", "do", "will"]):
            case "when's" or "whens" or "when’s":
            case "do" or "have" when t.IsWordAny(i + 1, ["i", "we"]) && t.IsWordAny(i + 2, ["have", "got"]) && ListNounAhead(t, i + 3):
            case "is" or "are" when t.IsWord(i + 1, "there") && ListNounAhead(t, i + 2):
                // "list my meetings", "what's on tomorrow", "when is the standup", "do I have any meetings today?"
                next = i + 1;
                return CommandKind.List;

            case "create" or "make" or "generate" or "get" or "need" or "want" or "grab" when NewLinkEnd(t, i + 1) > 0:
            case "can" or "could" or "may" when t.IsWordAny(i + 1, ["i", "we"]) && t.IsWordAny(i + 2, ["get", "have", "grab"]) && NewLinkEnd(t, i + 3) > 0:
                // "create a teams link", "can I get a meeting link", "need a link for a call with @Alice": a new meeting, whose card
                // has the link (these got "Sorry, I didn't get …"); "send the link" lists the meetings there are.
                next = NewLinkEnd(t, w is "can" or "could" or "may" ? i + 3 : i + 1);
                return CommandKind.Meeting;
            case "pop" or "chuck" or "stick" or "put" or "pencil" or "throw" or "slot" or "fancy" or "grab"
                when t.IsWordAny(i + 1, ["a", "an", "in"]) && SkipNounPhrase(t, t.IsWord(i + 1, "in") ? i + 2 : i + 1) is var nounEnd && nounEnd > i + 2:
                // "pop a meeting in for tomorrow at 10", "stick a call in the diary for 3pm", "fancy a call at 3?" (these got
                // "Sorry, I didn't get …" or a meeting titled "stick a call in the diary")
                next = SkipIntoTheDiary(t, nounEnd);
                return CommandKind.Meeting;
            case "grab" or "find" or "block" or "book" or "hold" or "carve" when TimeGrammar.TryDuration(t, t.IsWord(i + 1, "out") ? i + 2 : i + 1, allowBareMinutes: false, out _, out _):
                next = t.IsWord(i + 1, "out") ? i + 2 : i + 1; // "grab 30 mins with bob tomorrow at 2", "block 30 min at 3": a meeting that long
                return CommandKind.Meeting;
            case "every" or "each" when ClauseScanner.EveryLength(t, i) > 0:
                next = i; // "every monday at 9 standup": a series, which the answer explains (it got "Sorry, I didn't get …")
                return CommandKind.Meeting;
            case "meet" or "meetup" or "meeting" or "mtg" or "huddle" or "conference" or "call" or "standup" or "stand-up":
            case "bridge" when i + 1 >= t.Count || t.KindAt(i + 1) is TokenKind.Punct or TokenKind.Mention
                || t.IsWordAny(i + 1, ["now", "please", "pls", "plz", "asap", "with", "for", "about", "re", "at", "today", "tomorrow", "tmrw"]):
                // "bridge please", "bridge now with @oncall-db" ("bridge review at 3" is a meeting about a bridge review)
                next = i + 1;
                return CommandKind.Meeting;
            case "let's" or "lets" or "let’s" or "let" when WeVerb(t, w is "let" ? i + 2 : i + 1, out next):
                if (w is "let" && !t.IsWord(i + 1, "us"))
                {
                    return CommandKind.None;
                }

                next = SkipNounPhrase(t, next);
                return CommandKind.Meeting;
            case "can" or "could" or "shall" or "should" when t.IsWord(i + 1, "we") && WeVerb(t, i + 2, out next):
                next = SkipNounPhrase(t, next);
                return CommandKind.Meeting;
            case "we" when t.IsWordAny(i + 1, ["need", "should"]) && (t.IsWord(i + 2, "to") ? WeVerb(t, i + 3, out next) : WeVerb(t, i + 2, out next)):
                next = SkipNounPhrase(t, next);
                return CommandKind.Meeting;
            case "i" when t.IsWordAny(i + 1, ["need", "want", "would"]):
            case "we" when t.IsWordAny(i + 1, ["need", "want"]):
                // "we need a bridge for INC-5521" (it got "Sorry, I didn't get …")
                return Recognize(t, i + 1, out next) is CommandKind.Meeting ? CommandKind.Meeting : CommandKind.None;
        }

        if (t.IsWordAny(i, StandaloneStarters) || (w is "set" && t.IsWord(i + 1, "up")))
        {
            int j = w is "set" ? i + 2 : i + 1;
            next = SkipNounPhrase(t, j);
            return CommandKind.Meeting;
        }

        if (t.IsWordAny(i, NounStarters))
        {
            int j = t.IsWordAny(i + 1, ["up", "off", "on"]) ? i + 2 : i + 1;
            if (t.IsWordAny(i, Adjectives))
            {
                j = i;
            }

            int after = SkipNounPhrase(t, j);
            if (after > j)
            {
                next = after;
                return CommandKind.Meeting;
            }
        }

        if (w is "sync" or "chat")
        {
            next = i + 1;
            return CommandKind.Meeting;
        }

        if (IsRemark(t, i, t.Count, out bool thanks))
        {
            next = t.Count;
            return thanks ? CommandKind.Thanks : CommandKind.Acknowledgement;
        }

        return CommandKind.None;
    }

    private static readonly string[] ThanksWords = ["thanks", "thank", "thx", "thnx", "thanx", "ty", "tysm", "cheers", "ta"];
    private static readonly string[] AcknowledgementWords =
        ["ok", "okay", "k", "kk", "cool", "great", "perfect", "nice", "awesome", "excellent", "brilliant", "lovely", "noted", "np", "nvm", "nevermind"];
    /// <summary>Two-word acknowledgements: "got it", "never mind", "forget it", "no worries", "sounds good", "all good", "will do".</summary>
    private static readonly (string First, string Second)[] AcknowledgementPairs =
        [("got", "it"), ("never", "mind"), ("forget", "it"), ("no", "worries"), ("no", "problem"), ("sounds", "good"), ("all", "good"), ("will", "do"), ("well", "done")];
    /// <summary>Words that may stand beside them: "thank you so much", "ok great, that's all", "thanks a lot bot".</summary>
    private static readonly string[] RemarkFiller =
        ["so", "much", "a", "lot", "very", "really", "again", "bot", "meetbot", "you", "it", "that", "that's", "thats", "that’s", "is", "all", "now",
         "good", "fine", "many", "guys", "everyone", "folks", "mate", "anyway", "then", "lol", "haha", "about", "and", "yes", "yeah", "yep", "sure"];

    /// <summary>Words that correct what came before: "actually, make it 4pm", "no, cancel it", "oops cancel that".</summary>
    private static readonly string[] CorrectionWords = ["actually", "wait", "no", "nope", "oops", "whoops", "sorry", "hmm", "hm", "um", "uh", "erm", "oh", "ah", "scratch", "instead"];

    /// <summary>Where a request starts after words that correct what came before ("actually, make it 4pm"); 0 when none lead the message.</summary>
    public static int AfterCorrection(CommandText t, int i)
    {
        int k = i;
        while (k < t.Count && (t.IsWordAny(k, CorrectionWords) || (k > i && t.Tokens[k].Kind == TokenKind.Punct)))
        {
            if (t.IsWord(k, "scratch") && t.IsWordAny(k + 1, ["that", "it", "this"]))
            {
                return 0; // "scratch that" is a cancel
            }

            k++;
        }

        return k > i && k < t.Count ? k : 0;
    }

    /// <summary>
    /// Where a request starts after thanks or an acknowledgement and a punctuation mark: "thank you! cancel it", "great,
    /// meet tomorrow at 3", "got it - ring bob"; 0 when the message does not start so.
    /// </summary>
    public static int AfterRemark(CommandText t, int i)
    {
        int end = i;
        while (end < t.Count && t.Tokens[end].Kind == TokenKind.Word)
        {
            end++;
        }

        if (WrapUpEnd(t, i) is var wrapped and > 0 && wrapped < t.Count)
        {
            end = wrapped; // "we're done here, you can leave", "all done. meet tomorrow at 3"
        }
        else if (end == i || end >= t.Count || t.Tokens[end].Kind != TokenKind.Punct || !(IsRemark(t, i, end, out _) || IsOpening(t, i, end)))
        {
            return 0;
        }

        while (end < t.Count && t.Tokens[end].Kind == TokenKind.Punct)
        {
            end++;
        }

        return end < t.Count ? end : 0;
    }

    private static readonly string[] WeAre = ["we're", "we’re"];
    private static readonly string[] Finished = ["done", "finished", "through", "wrapped", "wrapping"];
    private static readonly string[] OverNouns = ["meeting's", "meeting’s", "call's", "call’s", "bridge's", "bridge’s", "meeting", "call", "bridge", "huddle"];
    private static readonly string[] AfterWrapUp =
        ["here", "now", "up", "for", "today", "tonight", "the", "day", "with", "it", "this", "that", "meeting", "call", "bridge", "thanks", "thank", "you",
         "all", "everyone", "folks", "guys", "team", "bot", "so", "then", "i", "think", "guess"];

    /// <summary>
    /// "we're done", "we are finished here", "that's a wrap", "meeting's over", "the call is over, thanks" (not asked with
    /// a question mark): the count of tokens when the message is only that; the index of the punctuation after those words when more follows ("we're done
    /// here, you can leave"); 0 when it does not start so.
    /// </summary>
    public static int WrapUpEnd(CommandText t, int i)
    {
        int k = i;
        if (t.IsPunct(t.Count - 1, '?'))
        {
            return 0; // "meeting over?", "are we done?": asked, not said
        }

        if (t.IsWordAny(k, ["let's", "lets", "let’s"]) && t.IsWord(k + 1, "call") && t.IsWord(k + 2, "it"))
        {
            k++; // "let's call it a day"
        }

        if (t.IsWordAny(k, WeAre) || (t.IsWord(k, "we") && t.IsWord(k + 1, "are")))
        {
            k += t.IsWordAny(k, WeAre) ? 1 : 2;
            k += t.IsWord(k, "all") ? 1 : 0; // "we're all done"
            if (!t.IsWordAny(k, Finished))
            {
                return 0;
            }
        }
        else if (t.IsWord(k, "all") && t.IsWordAny(k + 1, ["done", "finished"]))
        {
            k++;
        }
        else if (t.IsWordAny(k, ["that's", "thats", "that’s", "it's", "its"]) && t.IsWord(k + 1, "a") && t.IsWord(k + 2, "wrap"))
        {
            k += 2;
        }
        else if (t.IsWord(k, "call") && t.IsWord(k + 1, "it") && (t.IsWord(k + 2, "quits") || (t.IsWord(k + 2, "a") && t.IsWordAny(k + 3, ["day", "night"]))))
        {
            k += t.IsWord(k + 2, "quits") ? 2 : 3; // "let's call it a day", "call it a night", "call it quits"
        }
        else
        {
            k += t.IsWord(k, "the") ? 1 : 0;
            if (!t.IsWordAny(k, OverNouns))
            {
                return 0;
            }

            k += t.IsWordAny(k + 1, ["is", "has"]) ? 2 : 1; // "the meeting is over", "the call has ended"
            if (!t.IsWordAny(k, ["over", "done", "finished", "ended"]))
            {
                return 0;
            }
        }

        int punctuation = 0; // where the last run of punctuation after the words starts
        for (k++; k < t.Count && (t.KindAt(k) == TokenKind.Punct || t.IsWordAny(k, AfterWrapUp)); k++)
        {
            if (t.KindAt(k) == TokenKind.Punct && t.KindAt(k - 1) != TokenKind.Punct)
            {
                punctuation = k;
            }
        }

        return k == t.Count ? t.Count : punctuation;
    }

    /// <summary>Words that open a message to a room: "heads up: …", "fyi - …", "team, …", "hi all: …", "psst, …".</summary>
    private static readonly string[] OpeningWords =
        ["heads", "up", "fyi", "btw", "psst", "pst", "ps", "folks", "team", "all", "everyone", "everybody", "guys", "y'all", "yall", "people", "hi", "hey", "hello", "quick", "one"];

    /// <summary>Whether [<paramref name="i"/>, <paramref name="end"/>) is only an opening to a room ("heads up", "hey team"): not a label, not the meeting's name.</summary>
    private static bool IsOpening(CommandText t, int i, int end)
    {
        for (int k = i; k < end; k++)
        {
            if (!t.IsWordAny(k, OpeningWords))
            {
                return false;
            }
        }

        return !(end - i == 1 && t.IsWordAny(i, ["up", "one", "quick"])); // "up: …", "one: …" open nothing
    }

    /// <summary>
    /// Whether the message from <paramref name="i"/> on is only thanks or an acknowledgement ("thanks!", "thank you so
    /// much", "ok cool", "got it, thanks", "never mind"), and no request: any other word makes it something else. After a
    /// thank-you, "for …" says what for ("thanks for the meeting") and is not read.
    /// </summary>
    private static bool IsRemark(CommandText t, int i, int end, out bool thanks)
    {
        thanks = false;
        bool said = false;
        for (int k = i; k < end; k++)
        {
            var kind = t.Tokens[k].Kind;
            if (kind is TokenKind.Punct or TokenKind.Mention)
            {
                continue;
            }

            if (kind != TokenKind.Word)
            {
                return false;
            }

            if (thanks && t.IsWord(k, "for"))
            {
                return true; // "thank you for the meeting"
            }

            if (t.IsWordAny(k, ThanksWords))
            {
                thanks = said = true;
            }
            else if (t.IsWordAny(k, AcknowledgementWords))
            {
                said = true;
            }
            else if (k + 1 < end && Array.Exists(AcknowledgementPairs, p => t.IsWord(k, p.First) && t.IsWord(k + 1, p.Second)))
            {
                said = true;
                k++;
            }
            else if (!t.IsWordAny(k, RemarkFiller))
            {
                return false;
            }
        }

        return said;
    }

    /// <summary>
    /// Where "a teams link", "a new meeting link", "a link for a call" ends (after "a" or "an": a link to a new meeting, not
    /// "the link" of one there is); 0 when <paramref name="i"/> starts none.
    /// </summary>
    private static int NewLinkEnd(CommandText t, int i)
    {
        if (!t.IsWordAny(i, ["a", "an"]))
        {
            return 0;
        }

        int k = i + 1;
        while (t.IsWordAny(k, ["new", "fresh", "quick", "teams", "meeting", "call", "video", "join", "bridge", "zoom", "online", "msteams"]))
        {
            k++;
        }

        if (!t.IsWordAny(k, ["link", "url"]))
        {
            return 0;
        }

        k++;
        if (t.IsWord(k, "for") && t.IsWordAny(k + 1, ["a", "an", "the"]) && t.IsWordAny(k + 2, ["call", "meeting", "chat", "sync", "huddle"]))
        {
            k += 3; // "a link for a call with @Alice": the call is the meeting, not its subject
        }

        return k;
    }

    /// <summary>Words a length may start with: "half an hour call", "an hour sync with bob".</summary>
    private static readonly string[] LengthStarts = ["a", "an", "half", "one", "two", "five", "ten", "fifteen", "twenty", "thirty", "forty", "forty-five", "sixty", "ninety"];

    /// <summary>What "drop" may mean hanging up on, or asking for: "drop the call", "drop the link".</summary>
    private static readonly string[] CallNouns = ["call", "bridge", "link", "links", "url"];

    /// <summary>"call in 5", "call in 10 min", "call in an hour": when the call is (it rang everyone invited).</summary>
    private static bool TimeAfterIn(CommandText t, int i) =>
        t.KindAt(i) == TokenKind.Number || t.IsWordAny(i, ["a", "an", "half", "one", "two", "three", "five", "ten", "fifteen", "twenty", "thirty", "few", "couple"]);

    private static bool WeVerb(CommandText t, int i, out int next)
    {
        // "let's catch up at 3", "let's sync up": the particle is part of the verb (the meeting was titled "up").
        next = t.IsWordAny(i, ["catch", "sync", "meet", "hop", "jump"]) && t.IsWord(i + 1, "up") ? i + 2 : i + 1;
        return t.IsWordAny(i, WeVerbs);
    }

    /// <summary>"in the diary", "in my calendar", "in": after "pop a meeting", "stick a call" (it was read as the place, or the name).</summary>
    private static int SkipIntoTheDiary(CommandText t, int i)
    {
        if (!t.IsWord(i, "in"))
        {
            return i;
        }

        if (t.IsWordAny(i + 1, ["the", "my", "our", "your"]) && t.IsWordAny(i + 2, ["diary", "calendar", "calender", "schedule", "agenda"]))
        {
            return i + 3;
        }

        return t.IsWordAny(i + 1, ["for", "at", "on", "tomorrow", "today", "with", "now"]) || i + 1 >= t.Count ? i + 1 : i;
    }

    /// <summary>
    /// "a quick teams meeting" → after "meeting". When the phrase holds a length ("a 15-minute call") the index of the
    /// length is returned instead, so the clause scanner reads it.
    /// </summary>
    private static int SkipNounPhrase(CommandText t, int i)
    {
        int j = i;
        int durationAt = -1;
        while (true)
        {
            if (t.IsWordAny(j, Adjectives) || t.IsWordAny(j, ["on", "up"]) || t.IsPunct(j, '-'))
            {
                j++;
            }
            else if (durationAt < 0 && TimeGrammar.TryDuration(t, j, allowBareMinutes: false, out _, out int afterDuration))
            {
                durationAt = j;
                j = afterDuration;
            }
            else
            {
                break;
            }
        }

        if (t.IsWordAny(j, Nouns))
        {
            return durationAt >= 0 ? durationAt : j + 1;
        }

        if (j > i && t.IsWordAny(j - 1, Nouns))
        {
            return durationAt >= 0 ? durationAt : j; // "open a bridge": "bridge" ends the phrase ("a bridge call" would go on)
        }

        if (j > i && t.IsWord(j - 1, "teams") && t.IsWord(j - 2, "on"))
        {
            return durationAt >= 0 ? durationAt : j; // "let's jump on teams": the app, not the meeting's name (it was titled "teams")
        }

        if (OneOnOneLength(t, j) > 0)
        {
            // "a 1:1": the clause scanner reads it, as the subject.
            return durationAt >= 0 ? durationAt : j;
        }

        return i;
    }

    /// <summary>How many tokens a one-on-one meeting's name takes at <paramref name="i"/>: "1:1", "1on1", "1-1", "1-on-1",
    /// "one-on-one"; 0 when there is none. It names a kind of meeting, never a time.</summary>
    public static int OneOnOneLength(CommandText t, int i)
    {
        if (i >= t.Count)
        {
            return 0;
        }

        var s = t.LowerAt(i);
        if (s is "1:1" or "1on1" or "1o1" or "1x1" or "one-on-one" or "one-to-one")
        {
            return 1;
        }

        if ((s is "one" or "1") && t.IsWord(i + 1, "on") && t.LowerAt(i + 2).SequenceEqual(s))
        {
            return 3; // "one on one with bob", "1 on 1"
        }

        if (s is "1" && t.IsPunct(i + 1, '-'))
        {
            if (t.LowerAt(i + 2) is "1" && t.Tokens[i + 2].Start == t.Tokens[i + 1].End)
            {
                return 3;
            }

            if (t.IsWord(i + 2, "on") && t.IsPunct(i + 3, '-') && t.LowerAt(i + 4) is "1")
            {
                return 5;
            }
        }

        return 0;
    }

    private static int SkipObjects(CommandText t, int i)
    {
        while (t.IsWordAny(i, Objects))
        {
            i++;
        }

        return i;
    }

    private static int SkipJoinTail(CommandText t, int i)
    {
        while (t.IsWordAny(i, ["in", "us", "the", "call", "meeting", "now", "please", "into", "to", "this", "our", "on"]))
        {
            i++;
        }

        return i;
    }

    /// <summary>"what's scheduled", "what is on", "what's coming up", "what's next".</summary>
    private static readonly string[] ListStates = ["scheduled", "planned", "booked", "on", "coming", "next", "happening", "left"];

    /// <summary>"don't need the meeting (anymore)", "no longer need the call": where the words naming the meeting start; 0 when not so.</summary>
    private static int NoLongerNeeded(CommandText t, int i)
    {
        int j = t.IsWordAny(i, ["don't", "dont", "don’t"]) ? i + 1 : t.IsWord(i, "do") && t.IsWord(i + 1, "not") ? i + 2 : t.IsWord(i, "no") && t.IsWord(i + 1, "longer") ? i + 2 : 0;
        return j > 0 && t.IsWord(j, "need") && SkipObjects(t, j + 1) is var named && t.IsWordAny(named - 1, ["meeting", "call", "bridge"]) ? j + 1 : 0;
    }

    /// <summary>
    /// Where an amount of time starts after "us", "it", "another", "an extra" ("add another 10 min", "give us 15 more
    /// minutes", "start it 5 min late"): a length with its unit, or a number before "more"; 0 when none is there.
    /// </summary>
    private static int ExtraTimeAt(CommandText t, int i)
    {
        while (t.IsWordAny(i, ["us", "me", "them", "it", "the", "meeting", "call", "another", "an", "a", "extra", "additional"]) && i < t.Count - 1)
        {
            i++;
        }

        return TimeGrammar.TryDuration(t, i, allowBareMinutes: false, out _, out _) || MoreTimeAt(t, i) ? i : 0;
    }

    /// <summary>Where the words after the amount at <paramref name="i"/> start: "5 min" then "late".</summary>
    private static int AfterAmount(CommandText t, int i) =>
        TimeGrammar.TryDuration(t, i, allowBareMinutes: true, out _, out int next) ? next : i + 1;

    /// <summary>"15 more minutes", "10 more min", "5 more": a number, then "more" (or "extra"), then maybe a unit.</summary>
    private static bool MoreTimeAt(CommandText t, int i) =>
        i < t.Count && t.Tokens[i].Kind == TokenKind.Number && t.IsWordAny(i + 1, ["more", "extra"])
        && (i + 2 >= t.Count || t.Tokens[i + 2].Kind == TokenKind.Punct || t.IsWordAny(i + 2, ["min", "mins", "minute", "minutes", "m", "hour", "hours", "hr", "hrs", "h", "please", "pls", "plz"]));

    /// <summary>"meeting", "call", "standup", "one" … at <paramref name="i"/>: "my next call", "the next one".</summary>
    private static bool MeetingNounAt(CommandText t, int i) => t.IsWordAny(i, Nouns) || t.IsWordAny(i, ["one", "calls", "standups", "syncs"]);

    /// <summary>Nothing but a question mark, or a day, after <paramref name="i"/>: "next meeting?", "next call today".</summary>
    private static bool OnlyAQuestionAfter(CommandText t, int i)
    {
        for (; i < t.Count; i++)
        {
            if (!t.IsPunct(i, '?') && !t.IsWordAny(i, ["today", "tomorrow", "here", "please", "pls"]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"link", "links" or "url" within the next few words: "what's the join link", "send me the link again".</summary>
    private static bool LinkAhead(CommandText t, int i)
    {
        for (int end = Math.Min(t.Count, i + 5); i < end; i++)
        {
            if (t.IsWordAny(i, ["link", "links", "url", "urls"]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Words asking how to join by phone within the next few: "dial-in", "dial in number", "phone number", "conference
    /// id", "join by phone".
    /// </summary>
    public static bool DialInAhead(CommandText t, int i)
    {
        for (int end = Math.Min(t.Count, i + 6); i < end; i++)
        {
            if (t.IsWordAny(i, ["dial-in", "dialin", "dial-ins", "call-in", "pstn"])
                || (t.IsWordAny(i, ["phone", "dial", "dial-in", "call-in"]) && t.IsWordAny(i + 1, ["number", "numbers", "no", "nr"]))
                || (t.IsWord(i, "dial") && t.IsWord(i + 1, "in") && t.IsWordAny(i + 2, ["number", "numbers", "details", "info"]))
                || (t.IsWord(i, "conference") && t.IsWordAny(i + 1, ["id", "number"]))
                || (t.IsWordAny(i, ["by", "via", "over", "from"]) && t.IsWordAny(i + 1, ["phone", "telephone"]) && t.IsWordAny(i - 1, ["join", "dial", "call"])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A meeting noun within the next few words: "show me my meetings", "is there a meeting tomorrow".</summary>
    private static bool ListNounAhead(CommandText t, int i)
    {
        for (int end = Math.Min(t.Count, i + 5); i < end; i++)
        {
            if (t.IsWordAny(i, ["meetings", "meeting", "calls", "call", "bridge", "syncs", "standups", "schedule", "agenda", "calendar"]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MentionAhead(CommandText t, int i)
    {
        for (; i < t.Count; i++)
        {
            if (t.Tokens[i].Kind is TokenKind.Mention or TokenKind.PlainName or TokenKind.Email)
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithIn(CommandText t)
    {
        int last = t.Count - 1;
        while (last >= 0 && t.Tokens[last].Kind == TokenKind.Punct)
        {
            last--;
        }

        return last >= 0 && (t.IsWord(last, "in") || (t.IsWord(last, "call") && t.IsWordAny(last - 1, ["the", "this"])));
    }

    /// <summary>"the subject", "the title": what a rename changes.</summary>
    private static readonly string[] SubjectNouns = ["subject", "title", "name", "topic"];

    /// <summary>
    /// Whether a person is named at <paramref name="i"/>: a mention, an "@name" typed as text, an address, or a word that
    /// is not a pronoun, article, meeting noun or length ("invite bob", not "add an hour" or "add it").
    /// </summary>
    /// <summary>
    /// People from <paramref name="i"/>, then "on a call" / "in a quick huddle" (a new one) or "on the call" / "into the
    /// meeting" (<paramref name="theCall"/>: the one there is): "get bob and @carol on a call".
    /// </summary>
    private static bool CallAfterPeople(CommandText t, int i, out bool theCall) => CallAfterPeopleEnd(t, i, out theCall) > 0;

    /// <summary>Where the words after "on a quick call" in "get bob on a quick call about …" start; 0 when <see cref="CallAfterPeople"/> is false.</summary>
    public static int CallAfterPeopleEnd(CommandText t, int i, out bool theCall)
    {
        theCall = false;
        if (!PersonAt(t, i) && !t.IsWordAny(i, ["everyone", "everybody"]))
        {
            return 0;
        }

        for (int k = i + 1; k < Math.Min(t.Count, i + 10); k++)
        {
            if (t.IsWordAny(k, ["on", "in", "into", "onto"]))
            {
                theCall = t.IsWordAny(k + 1, ["the", "this", "our"]) && t.IsWordAny(k + 2, ["call", "meeting", "bridge", "huddle"]);
                return theCall ? k + 3 : t.IsWordAny(k + 1, ["a", "an"]) && SkipNounPhrase(t, k + 1) is var end && end > k + 1 ? end : 0;
            }

            if (t.Tokens[k].Kind is not (TokenKind.Mention or TokenKind.PlainName or TokenKind.Email or TokenKind.Word) && !t.IsPunct(k, ','))
            {
                return 0;
            }
        }

        return 0;
    }

    private static bool PersonAt(CommandText t, int i)
    {
        if (i >= t.Count)
        {
            return false;
        }

        return t.Tokens[i].Kind switch
        {
            TokenKind.Mention or TokenKind.PlainName or TokenKind.Email => true,
            TokenKind.Word => !t.IsWordAny(i, Objects) && !t.IsWordAny(i, Nouns) && !t.IsWordAny(i, NotPeople),
            _ => false,
        };
    }

    private static readonly string[] NotPeople =
        ["a", "an", "another", "some", "more", "extra", "me", "myself", "us", "yourself", "you", "bot", "time", "minutes", "hour", "hours", "everyone", "everybody", "all", "them", "him", "her", "those", "these", "agenda", "notes", "link"];

    /// <summary>
    /// The length in tokens of a phone number at <paramref name="i"/> ("+1 425 555 0100", "+14255550100", "555-0100",
    /// "(425) 555-0100"): digits in groups with spaces, dashes, dots or brackets, seven or more of them; 0 when none.
    /// </summary>
    public static int PhoneNumberLength(CommandText t, int i)
    {
        int k = t.IsPunct(i, '+') || t.IsPunct(i, '(') ? i + 1 : i;
        int digits = 0;
        int end = i;
        int groups = 0;
        bool dateShaped = true; // "2026-12-03": 4, then two groups of 1-2 digits
        while (k < t.Count)
        {
            if (t.Tokens[k].Kind == TokenKind.Number)
            {
                // A number token may hold its own separators ("2026-12-03", "555-0100"): each run of digits is a group.
                var written = t.LowerAt(k);
                for (int c = 0; c < written.Length;)
                {
                    int run = 0;
                    while (c + run < written.Length && char.IsAsciiDigit(written[c + run]))
                    {
                        run++;
                    }

                    if (run > 0)
                    {
                        dateShaped &= groups == 0 ? run == 4 : groups < 3 && run <= 2;
                        digits += run;
                        groups++;
                    }

                    c += Math.Max(run, 1);
                }

                end = ++k;
            }
            else if (t.Tokens[k].Kind == TokenKind.Punct && t.LowerAt(k) is ['-' or '.' or '(' or ')'] && k + 1 < t.Count && t.Tokens[k + 1].Kind == TokenKind.Number)
            {
                k++;
            }
            else
            {
                break;
            }
        }

        return digits >= 7 && !(dateShaped && groups == 3 && !t.IsPunct(i, '+')) ? end - i : 0;
    }

    /// <summary>"timezone", "tz", "time zone" at <paramref name="i"/>: the number of words, or 0.</summary>
    private static int TimeZoneWordsAt(CommandText t, int i) =>
        t.IsWordAny(i, ["timezone", "timezones", "tz"]) ? 1 : t.IsWord(i, "time") && t.IsWordAny(i + 1, ["zone", "zones"]) ? 2 : 0;

    /// <summary>
    /// A question about the current time or date, and nothing else: "what time is it", "what's the time", "what's the date
    /// today", "what day is it", "what's today's date", "today's date?", "time?".
    /// </summary>
    private static bool ClockQuestion(CommandText t, int i)
    {
        int j = i;
        if (t.IsWordAny(j, ["what's", "whats", "what’s"]))
        {
            j++;
        }
        else if (t.IsWord(j, "what"))
        {
            j++;
            if (t.IsWordAny(j, ["time", "day", "date"]) && t.IsWordAny(j + 1, ["is", "s"]) && t.IsWord(j + 2, "it"))
            {
                return OnlyCourtesyAfter(t, j + 3); // "what time is it", "what day is it"
            }

            if (!t.IsWord(j, "is"))
            {
                return false;
            }

            j++;
        }

        j = t.IsWordAny(j, ["the", "today's", "todays", "today’s"]) ? j + 1 : j;
        if (!t.IsWordAny(j, ["time", "date", "day"]))
        {
            return false;
        }

        j++;
        j = t.IsWordAny(j, ["today", "now"]) ? j + 1 : t.IsWord(j, "right") && t.IsWord(j + 1, "now") ? j + 2 : j;
        return (j > i + 1 || t.IsPunct(j, '?')) && OnlyCourtesyAfter(t, j);
    }

    /// <summary>
    /// Nothing after <paramref name="j"/> but punctuation, "please", "now", "in my time zone" and the like, or "in" and a
    /// zone ("in London", "in UTC").
    /// </summary>
    private static bool OnlyCourtesyAfter(CommandText t, int j)
    {
        for (; j < t.Count; j++)
        {
            if (t.IsWord(j, "in") && (ClockZoneAt(t, j + 1) ?? UnknownPlaceEnd(t, j + 1)) is { } zoneEnd)
            {
                j = zoneEnd - 1;
                continue;
            }

            if (t.Tokens[j].Kind != TokenKind.Punct && !t.IsWordAny(j, ["please", "pls", "there", "now", "here", "for", "me", "you", "u", "where", "are", "r", "in", "your", "my", "time", "zone", "timezone"]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// "what time is it in Narnia": one to three words that end the message (but for a question mark) and are not the
    /// sender's own zone ("in my time zone"); where they end, or null.
    /// </summary>
    internal static int? UnknownPlaceEnd(CommandText t, int i)
    {
        int end = WrittenTimeZone.WordsEnd(t, i);
        bool atEnd = end == t.Count || (end == t.Count - 1 && (t.IsPunct(end, '?') || t.IsPunct(end, '.')));
        return end > i && end - i <= 3 && atEnd && !t.IsWordAny(i, ["my", "your", "our", "the"]) ? end : null;
    }

    /// <summary>Where a zone written at <paramref name="i"/> ends ("London", "Europe/Berlin", "UTC+2", "IST"), or null.</summary>
    internal static int? ClockZoneAt(CommandText t, int i) =>
        WrittenTimeZone.TryReadZoneOrPlace(t, i, out _, out int next, out _) != GrammarMatch.No ? next : null;

    /// <summary>A time zone named within the first few words from <paramref name="i"/>, in a message of a few words ("what's my time zone?").</summary>
    private static bool TimeZoneAhead(CommandText t, int i)
    {
        if (t.Count - i > 8)
        {
            return false;
        }

        for (int k = i; k < Math.Min(t.Count, i + 4); k++)
        {
            if (TimeZoneWordsAt(t, k) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"… in the call", "… on the call" within a few words of <paramref name="i"/>.</summary>
    private static bool InTheCallAhead(CommandText t, int i)
    {
        for (int k = i; k < Math.Min(t.Count, i + 6); k++)
        {
            if (t.IsWordAny(k, ["in", "on"]) && (t.IsWordAny(k + 1, ["call", "bridge"]) || (t.IsWordAny(k + 1, ["the", "this"]) && t.IsWordAny(k + 2, ["call", "bridge"]))))
            {
                return true;
            }

            if (k > i && t.IsWordAny(k, ["here", "there"]) && (k + 1 == t.Count || (k + 2 == t.Count && t.IsPunct(k + 1, '?'))))
            {
                return true; // "is carol here?": in the call (it got "Sorry, I didn't get …")
            }
        }

        return false;
    }

    /// <summary>"from the call", "out of the call", "off the call" from <paramref name="i"/>, after a person's name of a word or two.</summary>
    private static bool FromTheCall(CommandText t, int i)
    {
        for (int j = i; j < i + 3 && j < t.Count; j++)
        {
            int at = t.IsWord(j, "out") && t.IsWord(j + 1, "of") ? j + 2 : t.IsWordAny(j, ["from", "off"]) ? j + 1 : -1;
            if (at > 0 && (t.IsWord(at, "call") || (t.IsWordAny(at, ["the", "this", "my"]) && t.IsWord(at + 1, "call"))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MentionsTheCall(CommandText t)
    {
        for (int i = 0; i + 1 < t.Count; i++)
        {
            // "add @alice to the call", "bring @bob into the call", "get @carol on the call": ring them ("to the meeting" invites).
            if (t.IsWordAny(i, ["to", "into", "on", "the"]) && (t.IsWord(i + 1, "call") || (t.IsWord(i + 1, "the") && t.IsWord(i + 2, "call"))))
            {
                return true;
            }
        }

        return EndsWithIn(t);
    }
}
