namespace TeamsMeetBot.Commands;

/// <summary>
/// Reads which meeting a typed "cancel" or change names (<see cref="MeetingChoice"/>): its day and time with the time
/// grammar; words of its subject and people from what the grammar left over; "last" and "next".
/// </summary>
internal static class MeetingChoiceReader
{
    /// <summary>"the last meeting", "the one I just made".</summary>
    private static readonly string[] LatestWords = ["last", "latest", "newest", "recent", "previous", "just"];

    /// <summary>Which way a change goes: "push it back", "move it up", "bring it forward"; they name no meeting.</summary>
    internal static readonly string[] Directions = ["earlier", "later", "forward", "forwards", "sooner", "longer", "shorter", "up", "back"];

    /// <summary>The meeting nouns that say nothing about which meeting: not "standup" or "catch-up", which a subject may have.</summary>
    private static readonly string[] GenericNouns = [.. CommandVerbs.Nouns.Where(n => n is not ("standup" or "stand-up" or "catchup" or "catch-up"))];

    /// <summary>"my next meeting".</summary>
    private static readonly string[] NextWords = ["next", "upcoming", "soonest"];

    /// <summary>After these the message says why, not which: "cancel the standup because …", "cancel it if …".</summary>
    private static readonly string[] ReasonWords = ["because", "since", "as", "cause", "cuz", "coz", "due", "if", "so", "unless", "but", "cos"];

    /// <summary>Words that name no meeting: "cancel the meeting we set up for everyone please".</summary>
    private static readonly HashSet<string> NotNaming = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "my", "our", "your", "this", "that", "these", "those", "it", "its", "one", "ones", "please", "pls", "plz",
        "kindly", "thanks", "thank", "thx", "ty", "you", "now", "again", "instead", "all", "everything", "everyone", "everybody", "folks",
        "guys", "team", "people", "sorry", "for", "about", "re", "regarding", "on", "with", "and", "of", "to", "at", "in", "from", "by",
        "we", "i", "me", "us", "had", "have", "has", "set", "setup", "up", "made", "make", "created", "create", "booked", "book",
        "scheduled", "planned", "organized", "organised", "arranged", "started", "put", "entire", "whole", "actually", "also", "both",
        "invite", "invitation", "event", "appointment", "together", "ok", "okay", "hey", "hi", "bot", "asap", "immediately", "right",
        "away", "then", "too", "there", "here", "is", "was", "were", "are", "be", "really", "do", "did", "want", "need", "can", "could",
        "would", "go", "ahead", "other", "same", "teams", "online", "video", "quick", "short", "new", "instant", "s", "ll", "d", "ve",
        "i'd", "i've", "we've", "we'd", "which", "what", "called", "titled", "named", "subject", "topic", "off",
        "link", "links", "above", "current", "lot", "much", "no", "not", "needed", "anymore", "channel", "conversation", "thread", "group",
        "day", "first", "second", "third", "any", "more", "cheers", "until", "till",
    };

    /// <summary>
    /// The day, time and words in [<paramref name="from"/>, <paramref name="to"/>) that name a meeting. A day or time that
    /// cannot be read ("the meeting on Feb 30") names none, and <paramref name="problem"/> says why.
    /// </summary>
    /// <param name="bareHourFirst">Whether a number alone at <paramref name="from"/> is an hour: "instead of 3".</param>
    public static MeetingChoice Read(CommandText text, CommandInput input, int from, int to, out string? problem, bool bareHourFirst = false)
    {
        var scanner = new ClauseScanner(text, CommandParser.IsDayFirst(input.Locale), subjectsAllowed: false) { BareNumberAt = bareHourFirst ? from : -1 };
        scanner.Scan(from, to);
        var spec = scanner.Time;
        problem = spec.Problem;
        // The sender's zone even when no day or time was named: the answer that lists the meetings gives their times in it.
        var which = new MeetingChoice { Zone = input.TimeZone };
        if (spec.Problem is null && (spec.HasDate || spec.Start is not null || spec.PartOfDay != PartOfDay.None))
        {
            input = CommandParser.InWrittenZone(input, spec);
            IReadOnlyList<TimeOnly> times = spec.Start is not { } clock ? []
                : clock.IsAmbiguous ? [clock.ToTimeOnly(Meridiem.Am), clock.ToTimeOnly(Meridiem.Pm)]
                : [clock.ToTimeOnly(clock.Meridiem)];
            which = new MeetingChoice
            {
                OnDay = spec.HasDate ? TimeResolution.DayOnly(spec, input) : null,
                AtTimes = times,
                Window = WindowOf(spec.PartOfDay),
                Zone = input.TimeZone,
            };
        }

        return AddWords(which, text, scanner.Leftovers, scanner, from, to);
    }

    /// <summary>
    /// The words between a change's verb and the change that name which meeting: up to its noun ("move tomorrow's meeting
    /// to 4pm", "push the 3pm call by 15 min"); a start after "from" ("move the meeting from 10 to 11", "move it from
    /// Friday to Monday"); or a start right before "to" ("push the 3pm to 4", "move my 2pm to 3pm"). Returns where the
    /// change starts.
    /// </summary>
    public static int ReadBeforeChange(CommandText text, CommandInput input, int from, out MeetingChoice which)
    {
        which = new MeetingChoice { Zone = input.TimeZone };
        int change = from;
        for (int k = from; k < Math.Min(text.Count, from + 5); k++)
        {
            if (text.IsWordAny(k, ["to", "by", "until", "till", "for", "from"]))
            {
                break;
            }

            if (k > from && (text.IsWordAny(k, CommandVerbs.Nouns) || text.IsWord(k, "one")))
            {
                var named = Read(text, input, from, k, out string? problem);
                if (!named.SaysWhich && problem is null && OnlyDeterminers(text, from, k))
                {
                    named = Read(text, input, from, k + 1, out problem); // "make the standup 30": the noun is the name
                }

                if (named.SaysWhich && problem is null)
                {
                    which = named;
                    change = k + 1;
                }

                break;
            }
        }

        if (text.IsWord(change, "from") && FirstTo(text, change + 1) is var to and > 0)
        {
            var start = Read(text, input, change + 1, to, out string? problem);
            if (start.NamesStart && problem is null)
            {
                // "move the budget meeting from 3pm to 4pm": the words before "from" and the start after it, together.
                which = WithStart(which, start);
                return to;
            }
        }
        else if (change == from && FirstTo(text, from) is var to2 and > 0 && to2 > from)
        {
            var start = Read(text, input, from, to2, out string? problem);
            if (start.NamesStart && problem is null)
            {
                which = start;
                return to2;
            }
        }

        return change;
    }

    private static bool OnlyDeterminers(CommandText text, int from, int to)
    {
        for (int k = from; k < to; k++)
        {
            if (!text.IsWordAny(k, ["the", "my", "our", "this", "that"]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What named the meeting, and the start named after "from" or "instead of": "the budget meeting" + "3pm".</summary>
    internal static MeetingChoice WithStart(MeetingChoice which, MeetingChoice start) =>
        !which.SaysWhich ? start : which with { OnDay = start.OnDay ?? which.OnDay, AtTimes = start.AtTimes, Window = start.Window, Zone = start.Zone };

    /// <summary>The first "to", "until" or "till" within a few words of <paramref name="i"/>, before any "by" or "for"; -1 when none.</summary>
    private static int FirstTo(CommandText text, int i)
    {
        for (int k = i; k < Math.Min(text.Count, i + 5); k++)
        {
            if (text.IsWordAny(k, ["to", "until", "till"]))
            {
                return k;
            }

            if (text.IsWordAny(k, ["by", "for"]))
            {
                break;
            }
        }

        return -1;
    }

    /// <summary>
    /// Adds what the <paramref name="leftovers"/> (words the time grammar did not read) name: subject words, "last",
    /// "next"; and the people <paramref name="scanner"/> found. Words after a comma or a "because" give a reason and are
    /// not read.
    /// </summary>
    public static MeetingChoice AddWords(MeetingChoice which, CommandText text, List<int> leftovers, ClauseScanner scanner, int from, int to)
    {
        int cut = to;
        for (int i = from; i < to; i++)
        {
            if (text.IsWordAny(i, ReasonWords) || (text.KindAt(i) == TokenKind.Punct && text.LowerAt(i) is [',' or ';' or '.' or '!' or '(' or '-' or '–' or '—']))
            {
                cut = i;
                break;
            }
        }

        List<string>? words = null;
        bool latest = which.Latest;
        bool next = which.Next;
        foreach (int index in leftovers)
        {
            if (index >= cut || text.KindAt(index) is not (TokenKind.Word or TokenKind.Number or TokenKind.Quoted))
            {
                continue;
            }

            int length = CommandVerbs.OneOnOneLength(text, index) is var oneOnOne and > 0 ? oneOnOne : 1;
            string word = CommandText.WithoutPossessive(text.Render(index, index + length).Trim('"', '“', '”')).ToString();
            string lower = word.ToLowerInvariant();
            if (word.Length == 0 || NotNaming.Contains(lower) || GenericNouns.Contains(lower) || Directions.Contains(lower))
            {
                continue;
            }

            latest |= LatestWords.Contains(lower);
            next |= NextWords.Contains(lower);
            if (!LatestWords.Contains(lower) && !NextWords.Contains(lower))
            {
                (words ??= [.. which.Words]).Add(word);
            }
        }

        foreach (string name in scanner.UnmatchedNames)
        {
            (words ??= [.. which.Words]).Add(name);
        }

        var people = scanner.Attendees;
        if (words is null && people.Count == 0 && latest == which.Latest && next == which.Next)
        {
            return which;
        }

        return which with
        {
            Words = words ?? which.Words,
            With = people.Count == 0 ? which.With : [.. which.With, .. people],
            Latest = latest,
            Next = next,
        };
    }

    /// <summary>The runs of letters and digits in <paramref name="written"/>: "Stand-up" is "Stand" and "up".</summary>
    internal static List<string> WordsOf(string written)
    {
        var runs = new List<string>();
        int i = 0;
        while (i < written.Length)
        {
            while (i < written.Length && !char.IsLetterOrDigit(written[i]))
            {
                i++;
            }

            int start = i;
            while (i < written.Length && char.IsLetterOrDigit(written[i]))
            {
                i++;
            }

            if (i > start)
            {
                runs.Add(written[start..i]);
            }
        }

        return runs;
    }

    private static (TimeOnly From, TimeOnly Before)? WindowOf(PartOfDay part) => part switch
    {
        PartOfDay.Morning => (TimeOnly.MinValue, new TimeOnly(12, 0)),
        PartOfDay.Afternoon => (new TimeOnly(12, 0), new TimeOnly(17, 0)),
        PartOfDay.Evening => (new TimeOnly(17, 0), TimeOnly.MinValue),
        _ => null,
    };
}
