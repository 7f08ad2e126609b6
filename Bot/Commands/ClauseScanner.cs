using System.Collections.Frozen;
using System.Globalization;

namespace TeamsMeetBot.Commands;

/// <summary>
/// Reads the part of a message after the command word, clause by clause in any order: attendees ("with @a and @b",
/// "with everyone", bare mentions), the subject ("about …", "re: …", quotes), the duration ("for 45 min") and the
/// time clauses of <see cref="TimeGrammar"/>. What no clause claims is kept as left-over tokens.
/// </summary>
/// <remarks>
/// Subject rule: a subject runs from its keyword to the next clause that reads as attendees, a duration or a time.
/// Mentions written inside the subject ("about @Bob's rollout") stay part of the subject text and are not attendees;
/// mentions that end the subject ("about the rollout @Bob @Carol") are attendees. A quoted subject is taken as is.
/// </remarks>
internal sealed class ClauseScanner
{
    private static readonly string[] SubjectStarters = ["about", "regarding", "re", "subject", "topic", "titled", "called", "named", "discussing", "concerning"];
    private static readonly string[] EveryoneWords = ["everyone", "everybody", "all", "y'all", "yall", "y’all"];
    private static readonly string[] NowWords = ["now", "asap", "immediately", "instantly"];

    /// <summary>Words before the people to invite: "with @a", "w @a", "bring @a and @b", "invite @a", "add @a", "page @a" (outside a subject).</summary>
    private static readonly string[] WithWords = ["with", "w", "bring", "invite", "add", "include", "including", "plus", "page", "ping"];

    /// <summary>
    /// Words that never name a person after "with": pronouns, articles, linking words, and the small words people put
    /// after a name ("with bob quickly"). Time words, clause keywords and lengths are told apart by <see cref="StopsSubject"/>,
    /// groups by <see cref="GroupNouns"/>, "everyone" by <see cref="EveryoneWords"/>.
    /// </summary>
    private static readonly FrozenSet<string> NotNameWords = FrozenSet.ToFrozenSet(
    [
        "me", "myself", "us", "you", "him", "her", "them", "it", "this", "that", "these", "those", "my", "our", "your", "his", "their", "its",
        "the", "a", "an", "some", "any", "one", "someone", "somebody", "anyone", "anybody", "people", "others", "other", "both", "each",
        "and", "or", "but", "nor", "so", "then", "than", "as", "if", "of", "to", "by", "via", "over", "about", "re", "regarding", "for",
        "at", "on", "in", "into", "from", "until", "till", "between", "after", "before", "around", "starting", "ending", "during",
        "now", "asap", "please", "pls", "plz", "thanks", "thx", "ty", "quick", "quickly", "urgent", "urgently", "again", "too", "also",
        "only", "first", "later", "soon", "here", "there", "instead", "well", "real", "right", "away", "immediately", "briefly", "today",
        "tomorrow", "tonight", "tmrw", "next", "last", "same", "usual", "meeting", "call",
        "chat", "sync", "and/or", "etc", "ok", "okay", "pronto", "straight", "directly", "together", "online", "remotely", "video", "audio",
        "is", "are", "was", "were", "be", "who", "whoever", "whomever", "whom", "whose", "what", "which", "available", "free", "interested",
        "else", "present", "not", "no", "yes", "every", "various", "several", "few", "many", "whole", "entire", "rest", "remaining",
        "off", "out", "invite", "invitation", "invites", "list", "cc", "bcc", "fyi",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNameWordsBySpan = NotNameWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>"with me and bob": the sender, who is the organizer anyway.</summary>
    private static readonly string[] SenderWords = ["me", "myself"];

    /// <summary>Nouns for a group that make the words before them its name ("with the finance team"), not people.</summary>
    private static readonly string[] GroupNouns = ["team", "teams", "folks", "people", "group", "squad", "crew", "department", "dept", "leads", "managers", "guys", "side", "org", "channel"];

    /// <summary>"in a sec", "for a moment": as good as now, or as long as the default length.</summary>
    private static readonly string[] MomentWords = ["sec", "second", "moment", "minute", "jiffy"];

    /// <summary>"in a bit", "for a while", "in a few": no amount at all.</summary>
    private static readonly string[] VagueAmountWords = ["bit", "while", "few"];

    private readonly CommandText _t;
    private readonly bool _dayMonthOrder;
    private readonly bool _subjectsAllowed;
    private bool _subjectNamesKind;
    private TimeSpec _time;
    private bool _lastWasDate;
    private bool _excluding;
    private List<MentionInput>? _excluded;
    private List<string>? _typedNames; // most messages name no one as text: no list for them

    public ClauseScanner(CommandText text, bool dayMonthOrder, bool subjectsAllowed)
    {
        _t = text;
        _dayMonthOrder = dayMonthOrder;
        _subjectsAllowed = subjectsAllowed;
    }

    public List<MentionInput> Attendees { get; } = [];

    public List<string> UnmatchedNames { get; } = [];

    /// <summary>
    /// People named without a Teams mention while making a meeting: plain names after "with" ("with bob and carol",
    /// "with Alice Anders") and email addresses, as written. Looked up among the conversation's members when the meeting
    /// is made; never part of the subject.
    /// </summary>
    public IReadOnlyList<string> TypedNames => _typedNames ?? (IReadOnlyList<string>)[];

    public bool InviteEveryone { get; private set; }

    /// <summary>
    /// People mentioned after "except", "without", "excluding" or "but not": never invited, even with "everyone". A name
    /// typed as text ("except @alice" without picking her) has an empty <see cref="MentionInput.Id"/>.
    /// </summary>
    public List<MentionInput> Excluded => _excluded ??= [];

    /// <summary>Whether anyone is to be left out (reading <see cref="Excluded"/> would create its list).</summary>
    public bool HasExclusions => _excluded is { Count: > 0 };

    public bool SaidNow { get; private set; }

    public string? Subject { get; private set; }

    /// <summary>A place written with the meeting ("in room 4", "at the office", "in person"), as written, or null.</summary>
    public string? Location { get; private set; }

    /// <summary>Whether a subject may still be read: none yet, or only the kind of meeting ("1:1"), which a subject given
    /// in words ("about goals") replaces.</summary>
    private bool SubjectOpen => Subject is null || _subjectNamesKind;

    /// <summary>Whether <see cref="Subject"/> is only the kind of meeting ("1:1"), which words left over may replace.</summary>
    public bool SubjectNamesKind => _subjectNamesKind;

    public TimeSpec Time => _time;

    /// <summary>"by 15 minutes" (reschedule only): how far to move or extend.</summary>
    public TimeSpan? ByAmount { get; private set; }

    /// <summary>
    /// Where a number on its own is the new time or length ("make it 4", "make it 30"): up to 12, an hour of the clock;
    /// 13 to 240, minutes. Elsewhere a bare number is no time ("the 15 people"). -1: nowhere.
    /// </summary>
    public int BareNumberAt { get; init; } = -1;

    /// <summary>Whether the number at <see cref="BareNumberAt"/> is always minutes: "extend 5", "add 10".</summary>
    public bool BareNumberIsMinutes { get; init; }

    /// <summary>
    /// Everyone named as text, to look up: "@names" typed without picking a mention (written with their "@"), then names
    /// in words and addresses.
    /// </summary>
    public static IReadOnlyList<string> NamesToLookUp(IReadOnlyList<string> unmatchedNames, IReadOnlyList<string> typedNames) =>
        unmatchedNames.Count == 0 ? typedNames : [.. unmatchedNames.Select(n => "@" + n), .. typedNames];

    /// <summary>
    /// Reads a list of people from <paramref name="i"/>: mentions, "@names" typed as text, names in words and email
    /// addresses ("ring bob and @carol"). Returns the index after the list (<paramref name="i"/> when there is none).
    /// </summary>
    public int ScanPeople(int i) => ScanWithList(i, apply: true, namesAllowed: true);

    /// <summary>Adds a mention written before the command word ("@alice @bob meet now").</summary>
    public void AddLeadingMention(int slot) => AddMention(slot);

    /// <summary>Token indexes no clause claimed.</summary>
    public List<int> Leftovers { get; } = [];

    public void Scan(int from) => Scan(from, _t.Count);

    /// <summary>Reads the clauses that start in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public void Scan(int from, int to)
    {
        int i = from;
        while (i < to)
        {
            i = ScanOne(i);
        }
    }

    private int ScanOne(int i)
    {
        var token = _t.Tokens[i];
        bool wasDate = _lastWasDate;
        _lastWasDate = false;
        switch (token.Kind)
        {
            case TokenKind.Mention:
                AddMention(token.Mention);
                return i + 1;
            case TokenKind.PlainName:
                AddUnmatched(_t.Text.Substring(token.Start, token.Length));
                return i + 1;
            case TokenKind.Email:
                AddTyped(_t.Text.Substring(token.Start, token.Length));
                return i + 1;
            case TokenKind.Quoted:
                if (_subjectsAllowed && SubjectOpen)
                {
                    Subject = Clean(_t.RenderSpan(token.Start, token.End));
                    _subjectNamesKind = false;
                    return i + 1;
                }

                Leftovers.Add(i);
                return i + 1;
            case TokenKind.Punct when NegativeAmount(i) is var afterMinus and > 0 && (i == 0 || _t.Tokens[i - 1].End < token.Start)
                && (TimeGrammar.TryDuration(_t, i + 1, allowBareMinutes: false, out _, out _) || TimeGrammar.TryDayCount(_t, i + 1, out _, out _)):
                // "push it -15 min" pushed it 15 minutes later, "make it -30 min" made it 30 minutes long
                _time.Problem ??= "“" + _t.Render(i, afterMinus) + "” is below zero (say, e.g., “15 min earlier” or “15 min shorter”)";
                return afterMinus;
            case TokenKind.Punct when !_t.IsPunct(i, '@'):
                return i + 1;
        }

        if (_t.IsWord(i, "ish") && i > 1 && _t.IsPunct(i - 1, '-') && _t.KindAt(i - 2) == TokenKind.Number && _t.Tokens[i - 1].End == token.Start)
        {
            return i + 1; // "at 3-ish": about then ("at 3ish" is read with the time), not a subject
        }

        if (CommandVerbs.OneOnOneLength(_t, i) is var oneOnOne and > 0)
        {
            // "1:1 with @Alice": a kind of meeting, which names it, and not a time.
            if (_subjectsAllowed && SubjectOpen)
            {
                Subject = _t.Render(i, i + oneOnOne);
                _subjectNamesKind = true;
            }
            else if (!_subjectsAllowed)
            {
                Leftovers.Add(i); // "cancel my 1:1": it names the meeting (its first token stands for all of it)
            }

            return i + oneOnOne;
        }

        if (token.Kind == TokenKind.Word)
        {
            var word = _t.LowerOf(token);
            if (_subjectsAllowed && Location is null && LocationLength(i, out int placeFrom) is var place and > 0)
            {
                Location = _t.Render(placeFrom, i + place);
                return i + place;
            }

            if (word is "ago" && i >= 2 && (TimeGrammar.TryDuration(_t, i - 2, allowBareMinutes: false, out _, out int amountEnd) || TimeGrammar.TryDayCount(_t, i - 2, out _, out amountEnd)) && amountEnd == i)
            {
                _time.Problem ??= "“" + _t.Render(i - 2, i + 1) + "” is already over"; // "reschedule to 3 days ago" moved it 3 days later
                return i + 1;
            }

            if (_t.IsWordAny(i, WithWords))
            {
                int after = ScanWithList(i + 1, apply: true, namesAllowed: _subjectsAllowed);
                if (after > i + 1)
                {
                    return after;
                }
            }

            if (ExclusionListStart(i) is var excludedFrom and > 0)
            {
                _excluding = true;
                int after = ScanWithList(excludedFrom, apply: true, namesAllowed: _subjectsAllowed && InviteEveryone);
                _excluding = false;
                if (after > excludedFrom)
                {
                    return after;
                }
            }

            if (word is "everyone" or "everybody")
            {
                InviteEveryone = true;
                return i + 1;
            }

            if (_t.IsWordAny(i, NowWords) || (word is "right" && _t.IsWord(i + 1, "now")) || (word is "right" && _t.IsWord(i + 1, "away")))
            {
                SaidNow = true;
                return word is "right" ? i + 2 : i + 1;
            }

            if (word is "in" && _t.IsWord(i + 1, "a") && _t.IsWordAny(i + 2, MomentWords))
            {
                SaidNow = true; // "in a sec", "in a minute or two": as good as now
                return _t.IsWord(i + 3, "or") && _t.IsWordAny(i + 4, ["two", "so"]) ? i + 5 : i + 3;
            }

            if (_subjectsAllowed && _t.IsWordAny(i, SubjectStarters))
            {
                int after = ScanSubject(i + 1);
                if (after > i + 1)
                {
                    return after;
                }
            }

            if (_subjectsAllowed && word is "to" && (_t.IsWord(i + 1, "discuss") || _t.IsWord(i + 1, "talk")))
            {
                int start = _t.IsWord(i + 2, "about") ? i + 3 : i + 2;
                int after = ScanSubject(start);
                if (after > start)
                {
                    return after;
                }
            }

            if (_subjectsAllowed && SubjectOpen && word is "to" && IsPurposeAhead(i + 1))
            {
                // "to review PR 1234", "to plan the offsite": the purpose is the subject, its verb included.
                int after = ScanSubject(i + 1);
                if (after > i + 1)
                {
                    return after;
                }
            }

            if (!_subjectsAllowed && word is "by" && TimeGrammar.TryDayCount(_t, i + 1, out int byDays, out int afterDays))
            {
                // "push it by a day", "move it by 10 days" (before "by 10", which alone is minutes).
                ByAmount = TimeSpan.FromDays(byDays);
                return afterDays;
            }

            if (!_subjectsAllowed && word is "by" && TimeGrammar.TryDuration(_t, i + 1, allowBareMinutes: true, out var amount, out int afterAmount))
            {
                ByAmount = amount;
                return afterAmount;
            }

            if (!_subjectsAllowed && word is "by" && i + 1 < _t.Count && _t.Tokens[i + 1].Kind == TokenKind.Number
                && int.TryParse(_t.LowerAt(i + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int byMinutes) && byMinutes is > 0 and < 10)
            {
                ByAmount = TimeSpan.FromMinutes(byMinutes); // "extend it by 5", "push it by 5": minutes, as "by 10" is (it was 5 o'clock)
                return i + 2;
            }

            if (word is "for")
            {
                if (NegativeAmount(i + 1) is var afterNegative and > 0)
                {
                    _time.Problem ??= "“" + _t.Render(i + 1, afterNegative) + "” is not a length"; // "for -5 min" made a 5-minute meeting
                    return afterNegative;
                }

                if (TimeGrammar.TryDuration(_t, i + 1, allowBareMinutes: true, out var duration, out int afterDuration))
                {
                    SetDuration(duration, _t.Render(i, afterDuration));
                    return afterDuration;
                }

                if (TimeGrammar.TryDayCount(_t, i + 1, out int dayCount, out int afterDayCount))
                {
                    SetDuration(TimeSpan.FromDays(dayCount), _t.Render(i, afterDayCount)); // "for 2 days": too long, and said so (it was the subject)
                    return afterDayCount;
                }

                if (_t.IsWord(i + 1, "a") && (_t.IsWordAny(i + 2, MomentWords) || _t.IsWordAny(i + 2, VagueAmountWords) || _t.IsWord(i + 2, "min")))
                {
                    // "for a minute", "for a bit", "for a few minutes": no length given, so the default one, and not a subject.
                    return _t.IsWord(i + 2, "few") && _t.IsWordAny(i + 3, ["minutes", "mins", "min"]) ? i + 4 : i + 3;
                }

                if (_t.IsWord(i + 1, "some") && _t.IsWord(i + 2, "time"))
                {
                    return i + 3; // "for some time": the default length too
                }

                var timeMatch = TryTime(i + 1, ref _time, out int afterTime, wasDate);
                if (timeMatch != GrammarMatch.No)
                {
                    return afterTime;
                }

                if (_subjectsAllowed && SubjectOpen && (i + 1 < _t.Count))
                {
                    int after = ScanSubject(i + 1);
                    if (after > i + 1)
                    {
                        return after;
                    }
                }
            }

            if (word is "on" && _subjectsAllowed && SubjectOpen && i + 1 < _t.Count && _t.Tokens[i + 1].Kind == TokenKind.Quoted)
            {
                return ScanSubject(i + 1);
            }
        }

        if (i == BareNumberAt && token.Kind == TokenKind.Number && BareNumber(i) is var afterNumber and > 0)
        {
            return afterNumber;
        }

        var match = TryTime(i, ref _time, out int next, wasDate);
        if (match != GrammarMatch.No)
        {
            return next;
        }

        if (TimeGrammar.TryDuration(_t, i, allowBareMinutes: false, out var bare, out int afterBare))
        {
            if (_t.IsWord(afterBare, "from") && _t.IsWord(afterBare + 1, "now"))
            {
                if (_time.Relative is not null)
                {
                    _time.Problem ??= "two different times";
                }

                _time.Relative = bare;
                return afterBare + 2;
            }

            SetDuration(bare, _t.Render(i, afterBare));
            return afterBare;
        }

        if (!_subjectsAllowed && TimeGrammar.TryDayCount(_t, i, out int shiftDays, out int afterShift))
        {
            // "push it a day", "move it 2 days later": how far to move (a day count followed by "from now" is a date, read above).
            ByAmount = TimeSpan.FromDays(shiftDays);
            return afterShift;
        }

        // "on wendesday", "on 3 novmber": not a subject.
        int dayAt = i + 1 < _t.Count && _t.KindAt(i + 1) == TokenKind.Number ? i + 2 : i + 1;
        if (token.Kind == TokenKind.Word && _t.IsWord(i, "on") && dayAt < _t.Count && _t.KindAt(dayAt) == TokenKind.Word
            && TimeGrammar.MisspeltDayWord(_t.LowerAt(dayAt)) is { } meantDay)
        {
            SetMisspeltDay(dayAt, meantDay);
            return dayAt + 1;
        }

        if (token.Kind == TokenKind.Word && _t.IsWord(i, "on") && _subjectsAllowed && SubjectOpen && i + 1 < _t.Count)
        {
            int after = ScanSubject(i + 1);
            if (after > i + 1)
            {
                return after;
            }
        }

        if (_time.Start is not null && _t.IsWord(i + 1, "time") && _t.IsWordAny(i, ["my", "local", "our", "your", "their"]))
        {
            // "10am my time" is the sender's zone, which is the default; "10am your time" names no zone the bot knows.
            if (_t.IsWordAny(i, ["your", "their"]))
            {
                _time.Problem ??= "“" + _t.Render(i, i + 2) + "” does not say which time zone: write it, like 10am CET or 10am Europe/London";
            }

            return _t.IsWordAny(i + 2, ["zone", "zones"]) ? i + 3 : i + 2; // "in my time zone" too
        }

        if (_time.Start is not null || _time.End is not null)
        {
            var zoneMatch = WrittenTimeZone.TryRead(_t, i, out var zone, out int afterZone, out string? zoneProblem);
            if (zoneMatch != GrammarMatch.No)
            {
                if (zoneProblem is not null)
                {
                    _time.Problem ??= zoneProblem;
                }
                else if (_time.Zone is { } earlier && !string.Equals(earlier.Id, zone.Id, StringComparison.Ordinal))
                {
                    _time.Problem ??= "two different time zones (" + TimeZoneResolver.DisplayName(earlier) + " and " + TimeZoneResolver.DisplayName(zone) + ")";
                }
                else
                {
                    _time.Zone = zone;
                }

                return afterZone;
            }
        }

        if (token.Kind == TokenKind.Word && TimeGrammar.MisspeltDayWord(_t.LowerOf(token)) is { } meant)
        {
            SetMisspeltDay(i, meant);
            return i + 1;
        }

        if (token.Kind != TokenKind.Punct)
        {
            Leftovers.Add(i);
        }

        return i + 1;
    }

    /// <summary>"meet on wendesday at 10": asked about, never read as today or as a subject.</summary>
    private void SetMisspeltDay(int i, string meant) =>
        _time.Problem ??= "“" + _t.Render(i, i + 1) + "” is not a day I know (did you mean "
            + (meant is "tomorrow" or "today" or "tonight" ? meant : char.ToUpperInvariant(meant[0]) + meant[1..]) + "?)";

    private void SetDuration(TimeSpan duration, string written)
    {
        if (_time.Duration is { } earlier && earlier != duration)
        {
            _time.Problem ??= "two different lengths (" + ZonedTime.FormatDuration(earlier) + " and “" + written + "”)";
        }

        _time.Duration = duration;
    }

    private void AddMention(int slot)
    {
        var mention = _t.Slots[slot];
        if (mention.Entity is null)
        {
            AddUnmatched(mention.Name);
            return;
        }

        var list = _excluding ? Excluded : Attendees;
        foreach (var existing in list)
        {
            if (string.Equals(existing.Id, mention.Entity.Id, StringComparison.Ordinal))
            {
                return;
            }
        }

        list.Add(mention.Entity);
    }

    /// <summary>
    /// "except @a", "except for @a", "excluding @a", "without @a", "but not @a", "apart from @a", "other than @a", and
    /// "everyone but @a": where the list of people to leave out starts, or 0.
    /// </summary>
    private int ExclusionListStart(int i)
    {
        int start = _t.IsWordAny(i, ["except", "excluding", "without"]) ? i + 1
            : _t.IsWord(i, "but") && _t.IsWord(i + 1, "not") ? i + 2
            : (_t.IsWord(i, "apart") || _t.IsWord(i, "aside")) && _t.IsWord(i + 1, "from") ? i + 2
            : _t.IsWord(i, "other") && _t.IsWord(i + 1, "than") ? i + 2
            : _t.IsWord(i, "but") && InviteEveryone ? i + 1
            : 0;
        if (start > 0 && _t.IsWord(i, "except") && _t.IsWord(start, "for"))
        {
            start++;
        }

        if (start <= 0 || start >= _t.Count)
        {
            return 0;
        }

        // "everyone except bob": a name typed in words is left out only from everyone, where leaving out one too many is safe.
        return _t.Tokens[start].Kind is TokenKind.Mention or TokenKind.PlainName or TokenKind.Email
            || (_subjectsAllowed && InviteEveryone && NamePieceLength(start) > 0) ? start : 0;
    }

    private void AddUnmatched(string name)
    {
        if (_excluding)
        {
            // A typed "@alice" to leave out: matched by display name against the conversation's members.
            if (!Excluded.Exists(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                Excluded.Add(new MentionInput("", name, "@" + name));
            }

            return;
        }

        if (!UnmatchedNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            UnmatchedNames.Add(name);
        }
    }

    /// <summary>A person named in words or by email address: someone to look up when making a meeting, else a name to match.</summary>
    private void AddTyped(string name)
    {
        if (_excluding || !_subjectsAllowed)
        {
            AddUnmatched(name);
        }
        else if (_typedNames is null || !_typedNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            (_typedNames ??= []).Add(name);
        }
    }

    /// <summary>
    /// How many tokens from <paramref name="j"/> read as one person's name: one word, two ("Alice Anders"), or a name
    /// written as a sign-in name ("alice.anders", "alice_anders": three tokens). Zero for a word that is not a name: a
    /// small word, a time, a length, a clause keyword, a number.
    /// </summary>
    private int NamePieceLength(int j)
    {
        if (!IsNameWord(j))
        {
            return 0;
        }

        if ((_t.IsPunct(j + 1, '.') || _t.IsPunct(j + 1, '_')) && j + 2 < _t.Count && _t.Tokens[j + 2].Kind == TokenKind.Word
            && _t.Tokens[j].End == _t.Tokens[j + 1].Start && _t.Tokens[j + 1].End == _t.Tokens[j + 2].Start)
        {
            return 3;
        }

        return IsNameWord(j + 1) ? 2 : 1;
    }

    private bool IsNameWord(int j)
    {
        if (j >= _t.Count || _t.Tokens[j].Kind != TokenKind.Word || _t.Tokens[j].Length < 2)
        {
            return false;
        }

        var word = _t.Lower.AsSpan(_t.Tokens[j].Start, _t.Tokens[j].Length);
        if (CommandText.WithoutPossessive(word).Length < word.Length)
        {
            return false; // "with bob's team": whose, not who
        }

        foreach (char c in word)
        {
            if (!char.IsLetter(c) && c is not ('-' or '\'' or '’'))
            {
                return false;
            }
        }

        return !NotNameWordsBySpan.Contains(word) && !_t.IsWordAny(j, GroupNouns) && !_t.IsWordAny(j, SubjectStarters) && !_t.IsWordAny(j, WithWords) && !_t.IsWordAny(j, EveryoneWords)
            && TimeGrammar.MonthOf(word) == 0 && TimeGrammar.WeekdayOf(word, allowShort: true) == 0 && !StopsSubject(j);
    }

    /// <summary>"bob's phone", "alice's cell": the person, whom the bot reaches in Teams.</summary>
    private static readonly string[] PhoneWords = ["phone", "cell", "mobile", "cellphone", "line"];

    /// <summary>The length of the owner's name in "bob's phone" at <paramref name="j"/> (a name word, then a phone word); 0 when there is none.</summary>
    private int PhoneOwnerLength(int j) =>
        _t.IsWordAny(j + 1, PhoneWords) && _t.KindAt(j) == TokenKind.Word && _t.LowerAt(j) is [.. var owner, '\'' or '’', 's'] && owner.Length > 1
            && !_t.IsWordAny(j, EveryoneWords) ? owner.Length : 0;

    /// <summary>
    /// "@a @b", "@a and @b", "@a, @b & @c", "everyone", "all of you", "the team"; with <paramref name="namesAllowed"/>, also
    /// names in words ("bob and Carol Chen") and email addresses. Returns the index after the list.
    /// </summary>
    private int ScanWithList(int i, bool apply, bool namesAllowed = false)
    {
        if (namesAllowed && !NamesListAhead(i))
        {
            namesAllowed = false;
        }

        int end = i;
        int j = i;
        bool separated = true; // a name in words starts the list or follows "and" or a comma: "with @Alice budget review" names no one
        while (j < _t.Count)
        {
            var token = _t.Tokens[j];
            if (token.Kind == TokenKind.Email)
            {
                if (apply)
                {
                    AddTyped(_t.Text.Substring(token.Start, token.Length));
                }

                end = j = j + 1;
            }
            else if (namesAllowed && separated && _t.IsWordAny(j, SenderWords))
            {
                end = j = j + 1; // "with me and bob": the sender is the organizer
            }
            else if (namesAllowed && separated && PhoneOwnerLength(j) > 0)
            {
                if (apply)
                {
                    AddTyped(_t.Text.Substring(token.Start, PhoneOwnerLength(j))); // "call bob's cell": Bob, in Teams (it made a meeting titled "bob's cell")
                }

                end = j = j + 2;
            }
            else if (namesAllowed && separated && NamePieceLength(j) is var nameLength and > 0)
            {
                if (apply)
                {
                    AddTyped(_t.Render(j, j + nameLength));
                }

                end = j = j + nameLength;
            }
            else if (token.Kind == TokenKind.Mention)
            {
                if (apply)
                {
                    AddMention(token.Mention);
                }

                end = j = j + 1;
            }
            else if (token.Kind == TokenKind.PlainName)
            {
                if (apply)
                {
                    AddUnmatched(_t.Text.Substring(token.Start, token.Length));
                }

                end = j = j + 1;
            }
            else if (!_excluding && EveryonePhrase(j) is var length and > 0)
            {
                if (apply)
                {
                    InviteEveryone = true;
                }

                end = j = j + length;
            }
            else if (end > i && end == j && AlsoLength(j) is var also and > 0)
            {
                end = j = j + also; // "with @Alice too", "@Alice as well", "@Alice also @Bob"
                separated = _t.IsWord(j - 1, "also");
                continue;
            }
            else if (end > i && SeparatorLength(j) is var separator and > 0)
            {
                j += separator;
                separated = true;
                continue;
            }
            else
            {
                break;
            }

            separated = false;
        }

        return end;
    }

    /// <summary>
    /// A place from <paramref name="i"/>: "in room 4", "in conf room B", "in the boardroom", "in building 7", "at the office",
    /// "at HQ", "in person", "on site". Returns its length (0 for none) and where the place's own words start (after "in"
    /// or "at"). Teams online meetings book no rooms: the card shows the place and says so.
    /// </summary>
    private int LocationLength(int i, out int placeFrom)
    {
        placeFrom = i;
        if (_t.IsWordAny(i, ["in-person", "onsite", "on-site"]))
        {
            return 1;
        }

        if ((_t.IsWord(i, "in") && _t.IsWord(i + 1, "person")) || (_t.IsWord(i, "on") && _t.IsWord(i + 1, "site")))
        {
            return 2;
        }

        if (!_t.IsWordAny(i, ["in", "at"]))
        {
            return 0;
        }

        int j = i + 1;
        bool determiner = _t.IsWordAny(j, ["the", "our", "my"]);
        if (determiner)
        {
            j++;
        }

        int end;
        if (_t.IsWordAny(j, ["conference", "conf", "meeting", "board", "huddle", "focus"]) && _t.IsWord(j + 1, "room"))
        {
            end = RoomNameEnd(j + 2);
        }
        else if (_t.IsWordAny(j, ["room", "rm", "building", "bldg"]))
        {
            end = RoomNameEnd(j + 1);
            if (end == j + 1 && !determiner)
            {
                return 0; // "in room" alone names no place
            }
        }
        else if (_t.IsWordAny(j, ["boardroom", "office", "hq", "lobby", "cafeteria", "canteen"]) && (determiner || _t.IsWord(j, "hq")))
        {
            end = j + 1;
        }
        else
        {
            return 0;
        }

        placeFrom = i + 1;
        return end - i;
    }

    /// <summary>After "room" or "building": a number ("4", "4.12"), a letter or two ("B", "4A") or a capitalised name ("Everest").</summary>
    private int RoomNameEnd(int k)
    {
        if (k >= _t.Count)
        {
            return k;
        }

        var token = _t.Tokens[k];
        if (token.Kind == TokenKind.Number)
        {
            return k + 1;
        }

        if (token.Kind != TokenKind.Word || token.Length > 40 || NotNameWordsBySpan.Contains(_t.LowerOf(token)) || StopsSubject(k))
        {
            return k;
        }

        var written = _t.Text.AsSpan(token.Start, token.Length);
        return written.Length <= 2 || char.IsUpper(written[0]) || written.ContainsAnyInRange('0', '9') ? k + 1 : k;
    }

    /// <summary>
    /// How many tokens from <paramref name="j"/> join two people in a list: "and", a comma, "&amp;", "+", "plus", "also",
    /// "as well as", "along with", "together with", and runs of them (", and also").
    /// </summary>
    private int SeparatorLength(int j)
    {
        int k = j;
        while (true)
        {
            if (_t.IsPunct(k, ',') || _t.IsPunct(k, '&') || _t.IsPunct(k, '+') || _t.IsWordAny(k, ["and", "also", "plus", "cc", "fyi"]))
            {
                k++;
            }
            else if (_t.IsWord(k, "as") && _t.IsWord(k + 1, "well") && _t.IsWord(k + 2, "as"))
            {
                k += 3;
            }
            else if (_t.IsWordAny(k, ["along", "together"]) && _t.IsWord(k + 1, "with"))
            {
                k += 2;
            }
            else
            {
                return k - j;
            }
        }
    }

    /// <summary>"too", "also" or "as well" right after a name: "with @Alice too", "invite bob as well".</summary>
    private int AlsoLength(int j) =>
        _t.IsWordAny(j, ["too", "also"]) ? 1
        : _t.IsWord(j, "as") && _t.IsWord(j + 1, "well") && !_t.IsWord(j + 2, "as") ? 2
        : 0;

    /// <summary>
    /// Whether the words from <paramref name="i"/> are a list of people rather than the name of a group: "bob and carol"
    /// are people, "the finance team" and "finance folks" are not.
    /// </summary>
    private bool NamesListAhead(int i)
    {
        int j = i;
        bool separated = true;
        while (j < _t.Count)
        {
            int length = separated ? NamePieceLength(j) : 0;
            if (length == 0 && separated && PhoneOwnerLength(j) > 0)
            {
                length = 2; // "bob's phone"
            }

            if (length == 0 && !_excluding && EveryonePhrase(j) is var everyone and > 0)
            {
                length = everyone; // "with everyone and bob"
            }

            if (length == 0 && _t.Tokens[j].Kind is not (TokenKind.Mention or TokenKind.PlainName or TokenKind.Email) && !(separated && _t.IsWordAny(j, SenderWords)))
            {
                break;
            }

            j += Math.Max(length, 1);
            if (AlsoLength(j) is var also and > 0 && SeparatorLength(j + also) == 0)
            {
                j += also;
                separated = _t.IsWord(j - 1, "also");
            }
            else
            {
                int separator = SeparatorLength(j);
                separated = separator > 0;
                j += separator;
            }
        }

        return j > i && !_t.IsWordAny(j, GroupNouns) && !_t.IsPunct(j, '\'');
    }

    private int EveryonePhrase(int j)
    {
        if (_t.IsWordAny(j, EveryoneWords))
        {
            if (_t.IsWord(j, "all") && _t.IsWord(j + 1, "of") && _t.IsWordAny(j + 2, ["you", "us", "them"]))
            {
                return 3;
            }

            if (_t.IsWord(j, "all") && _t.IsWordAny(j + 1, ["members", "here", "hands"]))
            {
                return 2;
            }

            return _t.IsWord(j + 1, "here") ? 2 : 1;
        }

        if (_t.IsWordAny(j, ["you", "us"]) && _t.IsWord(j + 1, "all"))
        {
            return 2;
        }

        if (_t.IsWordAny(j, ["the", "this"]))
        {
            if (_t.IsWord(j + 1, "whole") && _t.IsWordAny(j + 2, ["team", "channel", "group", "chat"]))
            {
                return 3;
            }

            if (_t.IsWordAny(j + 1, ["team", "channel", "group", "chat"]))
            {
                return 2;
            }
        }

        return 0;
    }

    /// <summary>The subject after its keyword: a quoted text, or the words up to the next clause.</summary>
    private int ScanSubject(int i)
    {
        while (_t.IsPunct(i, ':') || _t.IsPunct(i, '-'))
        {
            i++;
        }

        if (i >= _t.Count)
        {
            return i;
        }

        if (_t.Tokens[i].Kind == TokenKind.Quoted)
        {
            SetSubject(_t.RenderSpan(_t.Tokens[i].Start, _t.Tokens[i].End));
            return i + 1;
        }

        int end = i;
        while (end < _t.Count && !StopsSubject(end))
        {
            end++;
        }

        // Mentions (and their separators) that end the subject are attendees, not words of the subject.
        int textEnd = end;
        while (textEnd > i)
        {
            var token = _t.Tokens[textEnd - 1];
            bool separator = (token.Kind == TokenKind.Word && _t.IsWord(textEnd - 1, "and")) || (token.Kind == TokenKind.Punct && _t.Lower[token.Start] is ',' or '&');
            if (token.Kind is TokenKind.Mention or TokenKind.PlainName or TokenKind.Email or TokenKind.Punct || separator)
            {
                textEnd--;
            }
            else
            {
                break;
            }
        }

        for (int k = textEnd; k < end; k++)
        {
            if (_t.Tokens[k].Kind == TokenKind.Mention)
            {
                AddMention(_t.Tokens[k].Mention);
            }
            else if (_t.Tokens[k].Kind == TokenKind.PlainName)
            {
                AddUnmatched(_t.Text.Substring(_t.Tokens[k].Start, _t.Tokens[k].Length));
            }
            else if (_t.Tokens[k].Kind == TokenKind.Email)
            {
                AddTyped(_t.Text.Substring(_t.Tokens[k].Start, _t.Tokens[k].Length));
            }
        }

        if (textEnd > i)
        {
            SetSubject(_t.Render(i, textEnd));
        }

        return end;
    }

    private void SetSubject(string subject)
    {
        string cleaned = Clean(subject);
        if (cleaned.Length > 0 && SubjectOpen && cleaned is not ("the" or "a" or "an" or "The" or "A" or "An"))
        {
            Subject = cleaned;
            _subjectNamesKind = false;
        }
    }

    /// <summary>"-5 min", "-10": a minus sign written against an amount; the index after the amount, or 0.</summary>
    private int NegativeAmount(int i)
    {
        if (!_t.IsPunct(i, '-') || i + 1 >= _t.Count || _t.KindAt(i + 1) != TokenKind.Number || _t.Tokens[i].End != _t.Tokens[i + 1].Start)
        {
            return 0;
        }

        return TimeGrammar.TryDuration(_t, i + 1, allowBareMinutes: true, out _, out int after) || TimeGrammar.TryDayCount(_t, i + 1, out _, out after) ? after : i + 2;
    }

    private bool StopsSubject(int j)
    {
        var token = _t.Tokens[j];
        if (token.Kind != TokenKind.Word && token.Kind != TokenKind.Number)
        {
            return false;
        }

        // Only "with" ends a subject: "to discuss how to bring @Bob onboard" keeps @Bob in it, and does not invite him.
        if (_t.IsWordAny(j, ["with", "w"]))
        {
            return ScanWithList(j + 1, apply: false) > j + 1;
        }

        if (ExclusionListStart(j) > 0)
        {
            return true;
        }

        // "about the budget now", "re: Q4 budget asap with @Bob": when, not the subject ("about what we do now on" keeps it).
        int afterNow = _t.IsWord(j, "right") && _t.IsWord(j + 1, "now") ? j + 2 : _t.IsWordAny(j, NowWords) ? j + 1 : -1;
        if (afterNow > 0)
        {
            return afterNow >= _t.Count || _t.KindAt(afterNow) is TokenKind.Punct or TokenKind.Mention
                || _t.IsWordAny(afterNow, ["with", "w", "for", "please", "pls", "plz", "thanks", "and"]);
        }

        if (_t.IsWord(j, "for"))
        {
            var scratch = default(TimeSpec);
            return TimeGrammar.TryDuration(_t, j + 1, allowBareMinutes: true, out _, out _)
                || TryTime(j + 1, ref scratch, out _, false) == GrammarMatch.Ok;
        }

        if (token.Kind == TokenKind.Word)
        {
            var word = _t.LowerOf(token);
            bool strongStart = word is "at" or "on" or "in" or "from" or "between" or "today" or "tomorrow" or "tonight" or "tmrw" or "next" or "this" or "noon" or "midnight"
                or "half" or "quarter" or "a" or "five" or "ten" or "twenty" or "twenty-five";
            if (!strongStart && TimeGrammar.MonthOf(word) == 0)
            {
                return false;
            }
        }

        var probe = default(TimeSpec);
        if (TryTime(j, ref probe, out _, false) == GrammarMatch.Ok)
        {
            return true;
        }

        return token.Kind == TokenKind.Number && TimeGrammar.TryDuration(_t, j, allowBareMinutes: false, out _, out _);
    }

    private static string Clean(string subject)
    {
        var span = subject.AsSpan().Trim();
        span = WithoutTrailingAlso(span.TrimEnd(".,;:!?-–— ").Trim()).TrimEnd(".,;:!?-–— ");
        if (span.Length >= 2 && IsQuote(span[0]) && IsQuote(span[^1]))
        {
            span = span[1..^1].Trim();
        }

        return span.ToString();
    }

    /// <summary>"the budget too", "the finance team as well": the subject without the "too" that adds it to the request.</summary>
    internal static ReadOnlySpan<char> WithoutTrailingAlso(ReadOnlySpan<char> subject)
    {
        foreach (string also in (ReadOnlySpan<string>)[" too", " as well", " also"])
        {
            if (subject.Length > also.Length && subject.EndsWith(also, StringComparison.OrdinalIgnoreCase))
            {
                return subject[..^also.Length].TrimEnd();
            }
        }

        return subject;
    }

    private static bool IsQuote(char c) => c is '"' or '“' or '”' or '„' or '«' or '»' or '‘' or '’' or '\'';

    /// <summary>One time clause at <paramref name="i"/>, merged into <paramref name="spec"/>.</summary>
    private GrammarMatch TryTime(int i, ref TimeSpec spec, out int next, bool afterDate)
    {
        next = i;
        if (i >= _t.Count)
        {
            return GrammarMatch.No;
        }

        var token = _t.Tokens[i];
        var word = token.Kind == TokenKind.Word ? _t.LowerOf(token) : default;
        string? problem;

        // A deadline ("by end of day"), a window or a guess ("before 3pm", "in a bit") or a series ("every Monday", which
        // Graph's online meetings are not): asked about, never guessed.
        int unusable = EndOfDayLength(i);
        int repeats = unusable > 0 ? 0 : SeriesLength(i, word);
        bool series = repeats > 0;
        if (unusable == 0)
        {
            unusable = series ? repeats : VagueTimeLength(i, word, timeGiven: SaidNow || spec.Start is not null || spec.Relative is not null);
        }

        if (unusable > 0)
        {
            next = i + unusable;
            spec.Problem ??= "“" + _t.Render(i, next) + (series
                ? "” is a series, and I create one meeting at a time (a series is set up in the Teams calendar)"
                : "” does not say what time");
            return GrammarMatch.Invalid;
        }

        // "@ 3pm", "@3pm": the sign read as "at" (a name after "@" is a typed name, never a time).
        if (token.Kind == TokenKind.Punct && _t.IsPunct(i, '@'))
        {
            word = "at";
        }

        // "at about 3", "at around 3pm", "approximately 3pm", "roughly 10": the time, not a subject "3" nor "approximately".
        int clockFrom = i + 1;
        if (word is "approximately" or "approx" or "roughly" or "circa")
        {
            clockFrom = _t.IsWord(i + 1, "at") ? i + 2 : i + 1; // "roughly at 3"
            word = "around";
        }
        else if (word is "at" or "by" && _t.IsWordAny(i + 1, ["about", "around", "approximately", "approx", "roughly", "circa"])
            && TimeGrammar.TryClock(_t, i + 2, allowBare: true, out _, out _, out _) != GrammarMatch.No)
        {
            clockFrom = i + 2;
        }

        if (word is "at" or "around" or "by" || (word is "to" && !_subjectsAllowed && spec.Start is null && IsClockAheadOfTo(i + 1)))
        {
            var clockMatch = TimeGrammar.TryClock(_t, clockFrom, allowBare: true, out var clock, out next, out problem);
            if (clockMatch == GrammarMatch.Ok)
            {
                return SetStart(ref spec, clock, ref next);
            }

            if (clockMatch == GrammarMatch.Invalid || (word is "at" && i + 1 < _t.Count && (_t.Tokens[i + 1].Kind == TokenKind.Number || _t.IsWordAny(i + 1, ["half", "quarter"]))))
            {
                // The invalid time's own words ("25 o'clock", "quarter past") are the time's, not a subject's.
                int end = clockMatch == GrammarMatch.Invalid ? Math.Max(next, i + 2)
                    : _t.IsWordAny(i + 1, ["half", "quarter"]) && _t.IsWordAny(i + 2, ["past", "after", "to"]) ? i + 3 : i + 2;
                spec.Problem ??= problem ?? "“" + _t.Render(i, end) + "” is not a time I can read";
                next = end;
                return GrammarMatch.Invalid;
            }

            next = i;
            return GrammarMatch.No;
        }

        if (word is "in")
        {
            if (NegativeAmount(i + 1) is var afterNegative and > 0)
            {
                spec.Problem ??= "“" + _t.Render(i + 1, afterNegative) + "” is not a time from now"; // "in -5 min" made a 5-minute meeting
                next = afterNegative;
                return GrammarMatch.Invalid;
            }

            if (TimeGrammar.TryDuration(_t, i + 1, allowBareMinutes: false, out var offset, out next) || IsBareMinutesAhead(i + 1, out offset, out next))
            {
                if (spec.Relative is not null)
                {
                    spec.Problem ??= "two different times";
                }

                spec.Relative = offset;
                return GrammarMatch.Ok;
            }

            if (TimeGrammar.TryDayCount(_t, i + 1, out int days, out next))
            {
                // "in 2 days", "in a week": a day, which still needs its time ("in 2 days at 10").
                return SetDate(ref spec, TimeGrammar.Relative(days));
            }

            if (_t.IsWord(i + 1, "the") && PartOf(_t.LowerAt(i + 2)) is var part and not PartOfDay.None)
            {
                spec.PartOfDay = part;
                next = i + 3;
                return GrammarMatch.Ok;
            }

            next = i;
            return GrammarMatch.No;
        }

        if (word is "from" or "between")
        {
            var clockMatch = TimeGrammar.TryClock(_t, i + 1, allowBare: true, out var clock, out next, out problem, startsRange: true);
            if (clockMatch == GrammarMatch.Ok)
            {
                return SetStart(ref spec, clock, ref next, allowAnd: word is "between");
            }

            if (clockMatch == GrammarMatch.Invalid)
            {
                spec.Problem ??= problem;
                return GrammarMatch.Invalid;
            }

            next = i;
            return GrammarMatch.No;
        }

        // An end away from its start ("at 3 tomorrow until five"); "one to one" is a kind of meeting, not a range ending at one.
        if (word is "until" or "till" or "til" && spec.Start is null && spec.End is null && spec.Relative is null && _subjectsAllowed
            && TimeGrammar.TryClock(_t, i + 1, allowBare: true, out var until, out int afterUntil, out _) == GrammarMatch.Ok)
        {
            spec.End = until; // "meet now until 3pm": the length is read when the meeting is built
            next = afterUntil;
            return GrammarMatch.Ok;
        }

        if (word is "to" or "until" or "till" or "til" && spec.Start is not null && spec.End is null
            && !(i > 0 && _t.Tokens[i - 1].Kind == TokenKind.Word && TimeGrammar.IsHourWord(_t.LowerAt(i - 1))))
        {
            var clockMatch = TimeGrammar.TryClock(_t, i + 1, allowBare: true, out var end, out next, out problem);
            if (clockMatch == GrammarMatch.Ok)
            {
                spec.End = end;
                return GrammarMatch.Ok;
            }

            next = i;
            return GrammarMatch.No;
        }

        if (PartOf(word) is var alone and not PartOfDay.None)
        {
            spec.PartOfDay = alone;
            next = i + 1;
            return GrammarMatch.Ok;
        }

        if (word is "this" && PartOf(_t.LowerAt(i + 1)) is var thisPart and not PartOfDay.None)
        {
            spec.PartOfDay = thisPart;
            spec.Date = spec.HasDate ? spec.Date : TimeGrammar.Relative(0);
            next = i + 2;
            return GrammarMatch.Ok;
        }

        if (TimeGrammar.TryDayCount(_t, i, out int ahead, out int afterCount)
            && ((_t.IsWord(afterCount, "from") && _t.IsWordAny(afterCount + 1, ["now", "today", "tomorrow"])) || _t.IsWordAny(afterCount, ["today", "tomorrow"])))
        {
            // "2 days from now", "a week from today", "a week from tomorrow"; the British "a week today", "a fortnight tomorrow".
            int dayWord = _t.IsWord(afterCount, "from") ? afterCount + 1 : afterCount;
            next = dayWord + 1;
            return SetDate(ref spec, TimeGrammar.Relative(_t.IsWord(dayWord, "tomorrow") ? ahead + 1 : ahead));
        }

        if (TimeGrammar.TryDayCount(_t, i, out int daysAfter, out int afterDays))
        {
            // "a week on Thursday", "a week from Friday", "a fortnight on Monday": counted from the coming weekday.
            int weekdayAt = _t.IsWordAny(afterDays, ["on", "from"]) ? afterDays + 1 : afterDays;
            if (TimeGrammar.WeekdayOf(_t.LowerAt(weekdayAt), allowShort: true) is var weekday and > 0)
            {
                next = weekdayAt + 1;
                return SetDate(ref spec, TimeGrammar.AfterWeekday(weekday, daysAfter));
            }
        }

        bool afterOn = word is "on";
        int dateAt = afterOn ? i + 1 : i;
        var dateMatch = TimeGrammar.TryDate(_t, dateAt, _dayMonthOrder, afterOn, out var date, out var datePart, out next, out problem);
        if (dateMatch == GrammarMatch.Ok)
        {
            if (datePart != PartOfDay.None)
            {
                spec.PartOfDay = datePart;
            }

            return SetDate(ref spec, date);
        }

        if (dateMatch == GrammarMatch.Invalid)
        {
            spec.Problem ??= problem;
            return GrammarMatch.Invalid;
        }

        if (afterOn)
        {
            next = i;
            return GrammarMatch.No;
        }

        // A clock time on its own: strong forms always; a bare hour right after a day ("tomorrow 9") or before a range ("2-3:30pm").
        var ownMatch = TimeGrammar.TryClock(_t, i, allowBare: true, out var own, out next, out problem);
        if (ownMatch == GrammarMatch.Ok)
        {
            bool strong = !own.IsAmbiguous || _t.LowerAt(i).Contains(':') || next > i + 1 || word is "noon" or "midday" or "midnight";
            // Only digits: "one on one" or "tomorrow one to one" is not a time, "tomorrow at one" is.
            bool bareAllowed = token.Kind == TokenKind.Number && ((afterDate && !IsDurationAhead(i)) || (spec.HasDate && spec.Start is null && !IsDurationAhead(i))
                || TimeGrammar.TryRangeEnd(_t, next, allowAnd: false, out _, out _, out _) == GrammarMatch.Ok);
            if (strong && own.Explicit24h && !_t.LowerAt(i).Contains(':') && next == i + 1 && word.IsEmpty && !afterDate && !spec.HasDate)
            {
                // "15" alone is a number, not a time.
                strong = false;
            }

            if (token.Kind == TokenKind.Number && TimeGrammar.IsHourMarkToken(_t.LowerAt(i)) && !IsTwoDigitHourWithMinutes(_t.LowerAt(i))
                && TimeGrammar.TryRangeEnd(_t, next, allowAnd: false, out _, out _, out _) != GrammarMatch.Ok)
            {
                // "9h" or "1h30" on its own is a length ("meet at 3pm 1h30"); "15h30", "09h00" and "8h-9h" are times. After
                // "at", "from" or "to" every such form is a time.
                strong = bareAllowed = false;
            }

            if (strong || bareAllowed)
            {
                return SetStart(ref spec, own, ref next);
            }
        }
        else if (ownMatch == GrammarMatch.Invalid && _t.LowerAt(i).Contains(':'))
        {
            spec.Problem ??= problem;
            return GrammarMatch.Invalid;
        }

        next = i;
        return GrammarMatch.No;
    }

    /// <summary>
    /// The length of "end of day", "end of the day", "EOD", "COB", "close of business", "end of business" at <paramref name="i"/>,
    /// with "at", "by" or "before" in front; 0 when none is there.
    /// </summary>
    private int EndOfDayLength(int i)
    {
        int j = _t.IsWordAny(i, ["at", "by", "before"]) ? i + 1 : i;
        if (_t.IsWordAny(j, ["eod", "cob", "eob"]))
        {
            return j + 1 - i;
        }

        if (_t.IsWordAny(j, ["end", "close"]) && _t.IsWord(j + 1, "of"))
        {
            int k = _t.IsWord(j + 2, "the") ? j + 3 : j + 2;
            if (_t.IsWordAny(k, _t.IsWord(j, "end") ? ["day", "business", "play"] : ["business", "play"]))
            {
                return k + 1 - i;
            }
        }

        return 0;
    }

    /// <summary>"every Monday", "each morning", "every 2 weeks", "every other Friday": its length, or 0 ("every now and then").</summary>
    public static int EveryLength(CommandText t, int i)
    {
        if (!t.IsWordAny(i, ["every", "each"]))
        {
            return 0;
        }

        int k = i + 1;
        if ((i + 1 < t.Count && t.Tokens[i + 1].Kind == TokenKind.Number) || t.IsWordAny(i + 1, ["other", "two", "second"]))
        {
            k++;
        }

        bool unit = t.IsWordAny(k, ["day", "days", "week", "weeks", "weekday", "weekdays", "month", "months", "morning", "afternoon", "evening", "night"])
            || TimeGrammar.WeekdayOf(t.LowerAt(k), allowShort: true) > 0;
        return unit ? k + 1 - i : 0;
    }

    /// <summary>
    /// The length of a phrase that asks for a series: "every Monday", "each morning", "every 2 weeks", "daily", "weekly"
    /// (not "daily" before a noun: "the daily standup" names one meeting), "recurring"; 0 when none is at <paramref name="i"/>.
    /// </summary>
    private int SeriesLength(int i, ReadOnlySpan<char> word)
    {
        if (word is "every" or "each")
        {
            return EveryLength(_t, i);
        }

        // "fridays at 10", "on mondays at 9" ask for a series; in a cancel or a change, "fridays meeting" is Friday's.
        if (_subjectsAllowed && word.Length > 4 && word[^1] == 's' && TimeGrammar.WeekdayOf(word[..^1], allowShort: false) > 0)
        {
            return 1;
        }

        if (_subjectsAllowed && word is "on" && _t.LowerAt(i + 1) is { Length: > 4 } plural && plural[^1] == 's' && TimeGrammar.WeekdayOf(plural[..^1], allowShort: false) > 0)
        {
            return 2;
        }

        // "a recurring standup at 9": a series whatever follows; in a cancel or a change it names the meeting.
        if (_subjectsAllowed && word is "recurring" or "repeating" or "recurrent")
        {
            return 1;
        }

        if (word is "daily" or "weekly" or "biweekly" or "fortnightly" or "monthly")
        {
            bool nounAfter = i + 1 < _t.Count && _t.Tokens[i + 1].Kind == TokenKind.Word
                && !_t.IsWordAny(i + 1, ["at", "on", "from", "with", "for", "starting", "until", "till", "between", "in", "and", "about", "re"]);
            return nounAfter ? 0 : 1;
        }

        return 0;
    }

    /// <summary>
    /// The length of a phrase that points at a time without naming one: "before 3pm", "after 10:30", "at lunchtime",
    /// "after lunch", "after christmas", "after the standup", "first thing", "all day", "sometime", "whenever", "in a bit",
    /// "in a while", "in a few (minutes)";
    /// 0 when none is at <paramref name="i"/>.
    /// </summary>
    private int VagueTimeLength(int i, ReadOnlySpan<char> word, bool timeGiven)
    {
        if (word is "before" or "after" && TimeGrammar.TryClock(_t, i + 1, allowBare: true, out _, out int afterClock, out _) != GrammarMatch.No)
        {
            return afterClock - i;
        }

        if (word is "at" or "by" or "before" or "after" or "around" or "during" && _t.IsWordAny(i + 1, ["lunch", "lunchtime", "breakfast", "dinner"]))
        {
            return 2;
        }

        // "after christmas", "before new year's eve", "over easter": a window around a holiday.
        if (word is "before" or "after" or "by" or "around" or "over" or "until" or "till" or "during" && Holidays.Match(_t, i + 1, out _, out _) is var holiday and > 0)
        {
            return 1 + holiday;
        }

        // "all day", "sometime", "any time", "whenever": no time, and a Teams meeting needs one.
        if ((word is "all" && _t.IsWord(i + 1, "day")) || (word is "some" or "any" && _t.IsWord(i + 1, "time") && !_t.IsWord(i - 1, "for")))
        {
            return 2;
        }

        if (word is "all-day" or "sometime" or "anytime" or "whenever" or "whenevs")
        {
            return 1;
        }

        // "first thing (in the morning)".
        if (word is "first" && _t.IsWord(i + 1, "thing"))
        {
            return _t.IsWord(i + 2, "in") && _t.IsWord(i + 3, "the") && PartOf(_t.LowerAt(i + 4)) != PartOfDay.None ? 5 : 2;
        }

        // "after the standup", "right after this", "before we go live": an event, not a time. Once a time is given ("meet
        // now: postmortem after the outage"), the words are the subject's.
        int eventAt = timeGiven ? 0
            : word is "right" or "straight" or "just" or "soon" && _t.IsWordAny(i + 1, ["after", "before"]) ? i + 2
            : word is "after" or "before" ? i + 1 : 0;
        if (eventAt > 0 && eventAt < _t.Count && _t.Tokens[eventAt].Kind == TokenKind.Word && !StopsSubject(eventAt))
        {
            int end = eventAt + 1;
            while (end < _t.Count && _t.Tokens[end].Kind is TokenKind.Word or TokenKind.Number && !StopsSubject(end) && !_t.IsWordAny(end, ["about", "re", "regarding"]))
            {
                end++;
            }

            return end - i;
        }

        if (word is "in" && _t.IsWord(i + 1, "a"))
        {
            int k = _t.IsWord(i + 2, "little") ? i + 3 : i + 2;
            if (_t.IsWordAny(k, VagueAmountWords))
            {
                return (_t.IsWordAny(k + 1, ["minutes", "mins", "min", "hours", "hrs", "days", "moments"]) ? k + 2 : k + 1) - i;
            }
        }

        return 0;
    }

    /// <summary>A verb after "to" ("to review …"), not a time ("to 5", "to ten", "to noon") nor another clause.</summary>
    private bool IsPurposeAhead(int i) =>
        i < _t.Count && _t.Tokens[i].Kind == TokenKind.Word && !_t.IsWordAny(i, EveryoneWords)
        && !_t.IsWordAny(i, ["the", "a", "an", "me", "us", "them", "set", "have", "get", "book", "schedule", "arrange", "organize", "organise", "meet", "start", "create", "hold", "host", "make", "do"])
        && TimeGrammar.TryClock(_t, i, allowBare: true, out _, out _, out _) == GrammarMatch.No && !StopsSubject(i);

    /// <summary>
    /// "in 10" alone: ten minutes, as in chat ("call in 5"), up to two hours. Not "in 10 days", "in 2024" nor "in room 10";
    /// a clause may follow ("in 15 with @Alice").
    /// </summary>
    private bool IsBareMinutesAhead(int i, out TimeSpan minutes, out int next)
    {
        minutes = default;
        next = i;
        if (i >= _t.Count || _t.Tokens[i].Kind != TokenKind.Number || _t.LowerAt(i).Length > 3
            || !int.TryParse(_t.LowerAt(i), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value)
            || value is < 1 or > 120)
        {
            return false;
        }

        bool clauseAfter = i + 1 >= _t.Count || _t.Tokens[i + 1].Kind is not (TokenKind.Word or TokenKind.Number)
            || _t.IsWordAny(i + 1, ["with", "about", "re", "regarding", "for", "and"]);
        if (!clauseAfter)
        {
            return false;
        }

        minutes = TimeSpan.FromMinutes(value);
        next = i + 1;
        return true;
    }

    private bool IsDurationAhead(int i) => TimeGrammar.TryDuration(_t, i, allowBareMinutes: false, out _, out _);

    /// <summary>
    /// Whether "to" (reschedule) is followed by a time rather than a length or a day count: "to 4", "to quarter past 4",
    /// "to 15h30" are times; "to 90 minutes", "to 2h", "to 2 days from now" are not.
    /// </summary>
    private bool IsClockAheadOfTo(int i)
    {
        if (TimeGrammar.TryDayCount(_t, i, out _, out _))
        {
            return false;
        }

        return !IsDurationAhead(i) || IsTwoDigitHourWithMinutes(_t.LowerAt(i)) || TimeGrammar.TryClockPhrase(_t, i, out _, out _, out _) != GrammarMatch.No;
    }

    private static bool IsTwoDigitHourWithMinutes(ReadOnlySpan<char> token) => token.Length == 5 && token[2] == 'h';

    /// <summary>Merges a day into <paramref name="spec"/>: a weekday and a date together must agree; two other days are a problem.</summary>
    private GrammarMatch SetDate(ref TimeSpec spec, DateSpec date)
    {
        if (spec.HasDate && spec.Date != date)
        {
            // "Fri 27 Nov": a weekday and a date together must agree; the date wins and the weekday is checked.
            if (spec.Date.Kind == DateKind.Weekday && date.Kind is DateKind.Calendar or DateKind.DayOfMonth)
            {
                spec.ExpectedWeekday = spec.Date.Weekday;
            }
            else if (spec.Date.Kind is DateKind.Calendar or DateKind.DayOfMonth && date.Kind == DateKind.Weekday)
            {
                spec.ExpectedWeekday = date.Weekday;
                date = spec.Date;
            }
            else
            {
                spec.Problem ??= "two different days";
            }
        }

        spec.Date = date;
        _lastWasDate = true;
        return GrammarMatch.Ok;
    }

    /// <summary>
    /// "make it 4" (four o'clock), "make it 30" (thirty minutes long): a number with nothing after it that makes it a time
    /// or a length of its own ("4pm", "30 min" are read as ever). Returns the index after it, or 0 when it is neither.
    /// </summary>
    private int BareNumber(int i)
    {
        bool isLength = TimeGrammar.TryDuration(_t, i, allowBareMinutes: true, out var length, out int afterLength);
        if ((isLength && afterLength > i + 1) || TimeGrammar.TryDayCount(_t, i, out _, out _))
        {
            return 0; // "make it 15 min", "push it 2 days": an amount with its unit, read as ever
        }

        if (BareNumberIsMinutes && int.TryParse(_t.LowerAt(i), NumberStyles.None, CultureInfo.InvariantCulture, out int minutes) && minutes is > 0 and <= 240)
        {
            SetDuration(TimeSpan.FromMinutes(minutes), _t.Render(i, i + 1)); // "extend 5": five minutes, never five o'clock
            return i + 1;
        }

        if (isLength && !_t.IsPunct(i + 1, ':') && length.TotalMinutes is > 12 and <= 240 && _t.LowerAt(i)[0] != '0')
        {
            SetDuration(length, _t.Render(i, afterLength));
            return afterLength;
        }

        var clockMatch = TimeGrammar.TryClock(_t, i, allowBare: true, out var clock, out int afterClock, out _);
        return clockMatch == GrammarMatch.Ok ? (SetStart(ref _time, clock, ref afterClock) == GrammarMatch.Ok ? afterClock : 0) : 0;
    }

    private GrammarMatch SetStart(ref TimeSpec spec, ClockTime clock, ref int next, bool allowAnd = false)
    {
        if (spec.Start is { } earlier && earlier != clock)
        {
            spec.Problem ??= "two different times";
        }

        spec.Start = clock;
        if (_t.IsWord(next, "sharp"))
        {
            next++; // "at 3 sharp"
        }

        var rangeMatch = TimeGrammar.TryRangeEnd(_t, next, allowAnd, out var end, out int afterRange, out string? problem);
        if (rangeMatch == GrammarMatch.Ok)
        {
            spec.End = end;
            next = afterRange;
        }
        else if (rangeMatch == GrammarMatch.Invalid)
        {
            spec.Problem ??= problem;
            next = afterRange;
            return GrammarMatch.Invalid;
        }

        return GrammarMatch.Ok;
    }

    /// <summary>"afternoon", and "afternoon's" as in "cancel this afternoon's call".</summary>
    private static PartOfDay PartOf(ReadOnlySpan<char> word) => CommandText.WithoutPossessive(word) switch
    {
        "morning" => PartOfDay.Morning,
        "afternoon" or "arvo" => PartOfDay.Afternoon,
        "evening" or "night" => PartOfDay.Evening,
        _ => PartOfDay.None,
    };
}
