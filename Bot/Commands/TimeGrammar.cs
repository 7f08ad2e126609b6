using System.Globalization;

namespace TeamsMeetBot.Commands;

internal enum GrammarMatch
{
    /// <summary>The tokens are not this kind of phrase.</summary>
    No,

    /// <summary>Read successfully.</summary>
    Ok,

    /// <summary>The tokens are clearly meant as a time or date, but the value is impossible (25:00, 31 February).</summary>
    Invalid,
}

/// <summary>
/// The time grammar: clock times, dates, durations and the clauses that combine them ("at 3pm", "from 2 to 3:30pm",
/// "next Tuesday 9am", "in 20 minutes", "for an hour and a half"). Reads tokens only; turning what was read into
/// instants is <see cref="TimeResolution"/>'s job.
/// </summary>
internal static class TimeGrammar
{
    private static readonly string[] RangeWords = ["to", "until", "till", "til", "through", "thru"];
    private static readonly string[] HourUnits = ["h", "hr", "hrs", "hour", "hours"];
    private static readonly string[] MinuteUnits = ["m", "min", "mins", "minute", "minutes", "mn", "mnt", "mnts"];

    // ---------------------------------------------------------------- clock times

    /// <summary>
    /// "3pm", "3 pm", "3:30", "15:30", "9 o'clock", "noon", "midnight", "three pm", the spoken forms of
    /// <see cref="TryClockPhrase"/>; a bare "9" or "nine" only when <paramref name="allowBare"/>. <paramref name="startsRange"/>
    /// (after "from" or "between") reads "ten to eleven" as the start of a range, not as 10:50.
    /// </summary>
    public static GrammarMatch TryClock(CommandText t, int i, bool allowBare, out ClockTime clock, out int next, out string? problem, bool startsRange = false)
    {
        clock = default;
        next = i;
        problem = null;
        if (i >= t.Count)
        {
            return GrammarMatch.No;
        }

        var phrase = TryClockPhrase(t, i, out clock, out next, out problem, startsRange);
        if (phrase != GrammarMatch.No)
        {
            return phrase;
        }

        var token = t.Tokens[i];
        if (token.Kind == TokenKind.Word)
        {
            var word = t.LowerOf(token);
            if (word.SequenceEqual("noon") || word.SequenceEqual("midday"))
            {
                clock = new ClockTime(12, 0, Meridiem.None, true);
                next = i + 1;
                return GrammarMatch.Ok;
            }

            if (word.SequenceEqual("midnight"))
            {
                clock = new ClockTime(0, 0, Meridiem.None, true);
                next = i + 1;
                return GrammarMatch.Ok;
            }

            int wordHour = HourWord(word);
            return wordHour > 0 ? TryWordClock(t, i, wordHour, allowBare, out clock, out next) : GrammarMatch.No;
        }

        if (token.Kind != TokenKind.Number)
        {
            return GrammarMatch.No;
        }

        var s = t.LowerOf(token);
        if (s.Length > 3 && s.EndsWith("ish", StringComparison.Ordinal))
        {
            s = s[..^3].TrimEnd('-'); // "at 3ish", "3pmish": about then, read as "at about 3" is (it was "not a time I can read")
        }

        int p = 0;
        while (p < s.Length && char.IsAsciiDigit(s[p]))
        {
            p++;
        }

        int hourDigits = p;
        int minute = 0;
        bool hasMinutes = false;
        if (hourDigits is 3 or 4 && allowBare)
        {
            // "1530", "0930", "930am": hours and minutes run together, as on a 24-hour or military clock.
            hourDigits -= 2;
            minute = int.Parse(s[hourDigits..p], CultureInfo.InvariantCulture);
            hasMinutes = true;
        }
        else if (hourDigits is 0 or > 2)
        {
            return GrammarMatch.No;
        }

        int hour = int.Parse(s[..hourDigits], CultureInfo.InvariantCulture);
        if (!hasMinutes && p < s.Length && s[p] == 'h' && IsHourMark(s[(p + 1)..]))
        {
            // "15h30", "9h", "15h": the 24-hour clock as written in France, Quebec and much of Europe.
            minute = p + 1 < s.Length ? int.Parse(s[(p + 1)..], CultureInfo.InvariantCulture) : 0;
            next = i + 1;
            if (hour > 23 || minute > 59)
            {
                problem = "“" + s.ToString() + "” is not a time of day";
                return GrammarMatch.Invalid;
            }

            clock = new ClockTime(hour, minute, Meridiem.None, Explicit24h: true);
            return GrammarMatch.Ok;
        }

        if (!hasMinutes && p < s.Length && (s[p] == ':' || s[p] == '.'))
        {
            char sep = s[p];
            int m = p + 1;
            int q = m;
            while (q < s.Length && char.IsAsciiDigit(s[q]))
            {
                q++;
            }

            if (q - m != 2)
            {
                if (sep == ':')
                {
                    problem = "“" + s.ToString() + "” is not a time I can read";
                    next = i + 1;
                    return GrammarMatch.Invalid;
                }

                return GrammarMatch.No;
            }

            // "3.30pm" always; "15.30" as the British and much of Europe write it, unless a unit makes it a length ("1.25 hours").
            if (sep == '.' && !HasMeridiemAfter(t, s[q..], i) && !(allowBare && q == s.Length && !t.IsWordAny(i + 1, HourUnits) && !t.IsWordAny(i + 1, MinuteUnits)))
            {
                return GrammarMatch.No;
            }

            minute = int.Parse(s[m..q], CultureInfo.InvariantCulture);
            hasMinutes = true;
            p = q;
        }

        var meridiem = Meridiem.None;
        var suffix = s[p..];
        if (suffix.SequenceEqual("am") || suffix.SequenceEqual("a"))
        {
            meridiem = Meridiem.Am;
        }
        else if (suffix.SequenceEqual("pm") || suffix.SequenceEqual("p"))
        {
            meridiem = Meridiem.Pm;
        }
        else if (suffix.SequenceEqual("h") && hasMinutes)
        {
            // "15:30h" as some Europeans write it.
        }
        else if (!suffix.IsEmpty)
        {
            return GrammarMatch.No;
        }

        next = i + 1;
        if (meridiem == Meridiem.None)
        {
            if (t.IsWord(next, "am") || t.IsWord(next, "a"))
            {
                meridiem = Meridiem.Am;
                next++;
            }
            else if (t.IsWord(next, "pm") || t.IsWord(next, "p"))
            {
                meridiem = Meridiem.Pm;
                next++;
            }
        }

        bool oClock = false;
        if (IsOClock(t, next))
        {
            oClock = true;
            next++;
        }

        bool strong = hasMinutes || meridiem != Meridiem.None || oClock;
        if (!strong && !allowBare)
        {
            next = i;
            return GrammarMatch.No;
        }

        bool valid = meridiem == Meridiem.None ? hour <= 23 : hour is >= 1 and <= 12;
        if (!valid || minute > 59)
        {
            problem = "“" + t.RenderSpan(token.Start, t.Tokens[next - 1].End) + "” is not a time of day";
            return GrammarMatch.Invalid;
        }

        bool explicit24 = meridiem == Meridiem.None && (hour >= 13 || hour == 0 || (hourDigits == 2 && s[0] == '0'));
        clock = new ClockTime(hour, minute, meridiem, explicit24);
        return GrammarMatch.Ok;
    }

    public static bool IsHourWord(ReadOnlySpan<char> word) => HourWord(word) > 0;

    /// <summary>"one" to "twelve" as an hour (not "a" or "an", which <see cref="WordNumber"/> also reads as 1).</summary>
    private static int HourWord(ReadOnlySpan<char> word) =>
        word is "a" or "an" || WordNumber(word) is not (var hour and >= 1 and <= 12) ? 0 : hour;

    /// <summary>
    /// An hour in words: "three", "three pm", "ten thirty", "eleven fifteen am", "five o'clock". Alone ("three") it is
    /// a time only when <paramref name="allowBare"/>, which callers give after "at", "from" or "until": "one on one" is
    /// not 1pm.
    /// </summary>
    private static GrammarMatch TryWordClock(CommandText t, int i, int hour, bool allowBare, out ClockTime clock, out int next)
    {
        clock = default;
        int j = i + 1;
        int minute = 0;
        if (t.IsWord(j, "fifteen"))
        {
            (minute, j) = (15, j + 1);
        }
        else if (t.IsWord(j, "thirty"))
        {
            (minute, j) = (30, j + 1);
        }
        else if (t.IsWordAny(j, ["forty-five", "fortyfive"]))
        {
            (minute, j) = (45, j + 1);
        }
        else if (t.IsWord(j, "forty") && t.IsWord(j + 1, "five"))
        {
            (minute, j) = (45, j + 2);
        }

        var meridiem = Meridiem.None;
        if (t.IsWord(j, "am"))
        {
            (meridiem, j) = (Meridiem.Am, j + 1);
        }
        else if (t.IsWord(j, "pm"))
        {
            (meridiem, j) = (Meridiem.Pm, j + 1);
        }

        bool oClock = minute == 0 && IsOClock(t, j);
        if (oClock)
        {
            j++;
        }

        if (!allowBare && j == i + 1)
        {
            next = i;
            return GrammarMatch.No;
        }

        clock = new ClockTime(hour, minute, meridiem, false);
        next = j;
        return GrammarMatch.Ok;
    }

    private static bool IsOClock(CommandText t, int i) => t.IsWord(i, "o'clock") || t.IsWord(i, "o’clock") || t.IsWord(i, "oclock");

    private static bool HasMeridiemAfter(CommandText t, ReadOnlySpan<char> suffix, int i) =>
        suffix is "am" or "pm" or "a" or "p" || (suffix.IsEmpty && (t.IsWord(i + 1, "am") || t.IsWord(i + 1, "pm")));

    /// <summary>After the hour and its "h": nothing ("15h") or exactly two digits of minutes ("15h30").</summary>
    private static bool IsHourMark(ReadOnlySpan<char> minutes) =>
        minutes.IsEmpty || (minutes.Length == 2 && char.IsAsciiDigit(minutes[0]) && char.IsAsciiDigit(minutes[1]));

    /// <summary>True for a compact "15h30" / "9h" token, which is also how a duration can be written.</summary>
    public static bool IsHourMarkToken(ReadOnlySpan<char> token)
    {
        int h = token.IndexOf('h');
        return h is 1 or 2 && char.IsAsciiDigit(token[0]) && char.IsAsciiDigit(token[h - 1]) && IsHourMark(token[(h + 1)..]);
    }

    /// <summary>
    /// The spoken forms: "half past 3", "quarter past 10", "a quarter to 4pm", "quarter after 9", "10 past 3",
    /// "20 minutes to 5", "twenty to five", "quarter to midnight", "half 3" (3:30). A number of minutes before "to" needs its unit
    /// ("20 minutes to 5"), because "from 10 to 11" is a range, not 10:50; so does "ten to eleven" after "from" or "between".
    /// </summary>
    public static GrammarMatch TryClockPhrase(CommandText t, int i, out ClockTime clock, out int next, out string? problem, bool startsRange = false)
    {
        clock = default;
        next = i;
        problem = null;
        if (i >= t.Count)
        {
            return GrammarMatch.No;
        }

        int j = i;
        int minutes;
        bool unitNeededBeforeTo = false;
        var token = t.Tokens[j];
        if (token.Kind == TokenKind.Number)
        {
            var digits = t.LowerOf(token);
            if (digits.Length > 2 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out minutes))
            {
                return GrammarMatch.No;
            }

            unitNeededBeforeTo = true;
        }
        else if (token.Kind == TokenKind.Word)
        {
            if (t.IsWord(j, "a") && t.IsWord(j + 1, "quarter"))
            {
                j++;
            }

            minutes = t.LowerAt(j) switch
            {
                "half" => 30,
                "quarter" => 15,
                "five" => 5,
                "ten" => 10,
                "twenty" => 20,
                "twenty-five" or "twentyfive" => 25,
                _ => 0,
            };
            if (minutes == 0)
            {
                return GrammarMatch.No;
            }
        }
        else
        {
            return GrammarMatch.No;
        }

        j++;
        bool unit = t.IsWordAny(j, MinuteUnits);
        if (unit)
        {
            j++;
        }

        bool half = minutes == 30 && t.IsWord(i, "half");
        bool past = t.IsWordAny(j, ["past", "after"]);
        bool to = t.IsWordAny(j, ["to", "till", "til", "before"]) && (unit || !unitNeededBeforeTo) && !half
            && !(startsRange && !unit && HourWord(t.LowerAt(i)) > 0);

        // "half 3", "half three": British for 3:30 (never "half an hour" or "half 3 hours").
        bool british = half && !unit && !past && j < t.Count && t.Tokens[j].Kind is TokenKind.Number or TokenKind.Word
            && !t.IsWordAny(j + 1, HourUnits) && !t.IsWordAny(j + 1, MinuteUnits);
        if (!past && !to && !british)
        {
            return GrammarMatch.No;
        }

        int hourAt = british ? j : j + 1;
        var hourMatch = TryClock(t, hourAt, allowBare: true, out var hour, out int afterHour, out _);
        bool writtenWithMinutes = hourAt < t.Count && t.Tokens[hourAt].Kind == TokenKind.Number && t.LowerAt(hourAt).IndexOfAny(':', '.', 'h') >= 0;
        if (hourMatch == GrammarMatch.No || (hourMatch == GrammarMatch.Ok && (hour.Minute != 0 || hour.MinutesBefore != 0 || writtenWithMinutes)))
        {
            return GrammarMatch.No;
        }

        next = Math.Max(afterHour, hourAt + 1);
        if (hourMatch == GrammarMatch.Invalid || minutes is < 1 or > 59)
        {
            problem = "“" + t.Render(i, next) + "” is not a time of day";
            return GrammarMatch.Invalid;
        }

        clock = to ? hour with { MinutesBefore = minutes } : hour with { Minute = minutes };
        return GrammarMatch.Ok;
    }

    /// <summary>A range separator ("-", "–", "to", "until") followed by a clock time.</summary>
    public static GrammarMatch TryRangeEnd(CommandText t, int i, bool allowAnd, out ClockTime end, out int next, out string? problem)
    {
        end = default;
        next = i;
        problem = null;
        bool separator = t.IsPunct(i, '-') || t.IsPunct(i, '–') || t.IsPunct(i, '—') || t.IsWordAny(i, RangeWords) || (allowAnd && t.IsWord(i, "and"));
        if (!separator)
        {
            return GrammarMatch.No;
        }

        // "4pm - 1h" is a start and a length; "8h-9h" is a range, its start written the same way.
        if (i + 1 < t.Count && IsHourMarkToken(t.LowerAt(i + 1)) && t.LowerAt(i + 1).IndexOf('h') == 1 && (i == 0 || !IsHourMarkToken(t.LowerAt(i - 1))))
        {
            return GrammarMatch.No;
        }

        var match = TryClock(t, i + 1, allowBare: true, out end, out next, out problem);
        if (match == GrammarMatch.No)
        {
            next = i;
        }

        return match;
    }

    // ---------------------------------------------------------------- dates

    public static int MonthOf(ReadOnlySpan<char> word) => word switch
    {
        "jan" or "january" => 1,
        "feb" or "february" => 2,
        "mar" or "march" => 3,
        "apr" or "april" => 4,
        "may" => 5,
        "jun" or "june" => 6,
        "jul" or "july" => 7,
        "aug" or "august" => 8,
        "sep" or "sept" or "september" => 9,
        "oct" or "october" => 10,
        "nov" or "november" => 11,
        "dec" or "december" => 12,
        _ => 0,
    };

    public static int WeekdayOf(ReadOnlySpan<char> word, bool allowShort) => word switch
    {
        // The plurals are the day too where a day is all that can be meant ("cancel fridays meeting"); a new meeting on
        // "fridays" is asked about as a series before this is reached.
        "monday" or "mondays" => 1,
        "tuesday" or "tuesdays" => 2,
        "wednesday" or "wednesdays" => 3,
        "thursday" or "thursdays" => 4,
        "friday" or "fridays" => 5,
        "saturday" or "saturdays" => 6,
        "sunday" or "sundays" => 7,
        "mon" or "tue" or "tues" or "weds" or "thu" or "thur" or "thurs" or "fri" or "wed" or "sat" or "sun" when allowShort => word switch
        {
            "mon" => 1,
            "tue" or "tues" => 2,
            "wed" or "weds" => 3,
            "thu" or "thur" or "thurs" => 4,
            "fri" => 5,
            "sat" => 6,
            _ => 7,
        },
        _ => 0,
    };

    private static DayOfWeek ToDayOfWeek(int weekday) => (DayOfWeek)(weekday % 7);

    /// <summary>Chat spellings of today, tomorrow and tonight: "2day", "2moro", "tomo", "2nite", "tonite".</summary>
    private static ReadOnlySpan<char> ChatSpelling(ReadOnlySpan<char> s) => s switch
    {
        "2day" => "today",
        "2moro" or "2morrow" or "2morro" or "2morow" or "2mrw" or "2mro" or "2mrrw" or "tomo" or "tmro" or "tmrow" => "tomorrow",
        "2nite" or "2night" or "tonite" or "tonght" => "tonight",
        _ => s,
    };

    /// <summary>
    /// today, tomorrow, tonight, yesterday, the day after tomorrow, Friday, next Tuesday, this Friday, Dec 3, December 3rd 2026,
    /// 3 December, the 3rd of December, the 3rd, 2026-12-03, 12/3 (locale order), 3.12.2026.
    /// </summary>
    public static GrammarMatch TryDate(CommandText t, int i, bool dayMonthOrder, bool afterOn, out DateSpec date, out PartOfDay part, out int next, out string? problem)
    {
        date = default;
        part = PartOfDay.None;
        next = i;
        problem = null;
        if (i >= t.Count)
        {
            return GrammarMatch.No;
        }

        var token = t.Tokens[i];
        var s = ChatSpelling(t.LowerOf(token));
        if (token.Kind == TokenKind.Word || (token.Kind == TokenKind.Number && !s.SequenceEqual(t.LowerOf(token))))
        {
            if (CommandText.WithoutPossessive(s) is var written && written.Length < s.Length && ChatSpelling(written) is var owner
                && (owner is "today" or "tomorrow" or "tonight" or "tmrw" or "tmr" or "tomorow" or "tommorow" or "tommorrow" || WeekdayOf(owner, allowShort: false) > 0))
            {
                s = owner; // "tomorrow's meeting", "tmrw's call", "Friday's call"
            }

            switch (s)
            {
                case "today":
                    date = Relative(0);
                    next = i + 1;
                    return GrammarMatch.Ok;
                case "tonight":
                    date = Relative(0);
                    part = PartOfDay.Evening;
                    next = i + 1;
                    return GrammarMatch.Ok;
                case "tomorrow" or "tmrw" or "tmr" or "tomorow" or "tommorow" or "tommorrow":
                    date = Relative(1);
                    next = i + 1;
                    return GrammarMatch.Ok;
                case "later" when t.IsWord(i + 1, "today") || t.IsWord(i + 1, "tonight"):
                    date = Relative(0);
                    part = t.IsWord(i + 1, "tonight") ? PartOfDay.Evening : PartOfDay.None;
                    next = i + 2;
                    return GrammarMatch.Ok;
                case "yesterday":
                    date = Relative(-1);
                    next = i + 1;
                    return GrammarMatch.Ok;
                case "the" when t.IsWord(i + 1, "day") && t.IsWord(i + 2, "after") && t.IsWord(i + 3, "tomorrow"):
                    date = Relative(2);
                    next = i + 4;
                    return GrammarMatch.Ok;
                case "day" when t.IsWord(i + 1, "after") && t.IsWord(i + 2, "tomorrow"):
                    date = Relative(2);
                    next = i + 3;
                    return GrammarMatch.Ok;
                case "next" or "this" or "coming":
                    {
                        int weekday = WeekdayOf(t.LowerAt(i + 1), allowShort: true);
                        if (weekday > 0)
                        {
                            date = new DateSpec(DateKind.Weekday, 0, ToDayOfWeek(weekday), s.SequenceEqual("next"), 0, 0, 0);
                            next = i + 2;
                            return GrammarMatch.Ok;
                        }

                        // "next week Tuesday", "next week on Tuesday": that weekday of the week after this one.
                        int weekdayAt = t.IsWord(i + 2, "on") ? i + 3 : i + 2;
                        int inNextWeek = s.SequenceEqual("next") && t.IsWord(i + 1, "week") ? WeekdayOf(t.LowerAt(weekdayAt), allowShort: true) : 0;
                        if (inNextWeek > 0)
                        {
                            date = new DateSpec(DateKind.Weekday, 0, ToDayOfWeek(inNextWeek), false, 0, 0, 0, InNextWeek: true);
                            next = weekdayAt + 1;
                            return GrammarMatch.Ok;
                        }

                        if (t.IsWordAny(i + 1, ["week", "month", "year", "weekend"]))
                        {
                            problem = "“" + t.Render(i, i + 2) + "” does not say which day";
                            next = i + 2;
                            return GrammarMatch.Invalid;
                        }

                        return GrammarMatch.No;
                    }

                case "the":
                    {
                        var inner = TryDate(t, i + 1, dayMonthOrder, afterOn: false, out date, out part, out next, out problem);
                        return inner != GrammarMatch.No && t.Tokens[i + 1].Kind == TokenKind.Number ? inner : NoMatch(i, out next);
                    }
            }

            // "mon", "tue", "thu", "fri" are always weekdays; "wed", "sat", "sun" are words too, so they need "on" or a time after them.
            bool shortAllowed = afterOn || s is "mon" or "tue" or "tues" or "thu" or "thur" or "thurs" or "fri" or "weds"
                || (i + 1 < t.Count && t.Tokens[i + 1].Kind == TokenKind.Number);
            int wd = WeekdayOf(s, allowShort: shortAllowed);
            if (wd > 0)
            {
                // "Tuesday next week" is "next week Tuesday"; the British "Thursday week" is a week after the coming Thursday.
                bool inNextWeek = t.IsWord(i + 1, "next") && t.IsWord(i + 2, "week");
                bool weekAfter = !inNextWeek && t.IsWord(i + 1, "week");
                date = new DateSpec(DateKind.Weekday, weekAfter ? 7 : 0, ToDayOfWeek(wd), false, 0, 0, 0, inNextWeek);
                next = inNextWeek ? i + 3 : weekAfter ? i + 2 : i + 1;
                return GrammarMatch.Ok;
            }

            // "on christmas at 10", "christmas eve": the date; "thanksgiving": asked. Not "the christmas party".
            if (Holidays.Match(t, i, out int holidayMonth, out int holidayDay, out bool possessive) is var holiday and > 0 && (possessive || IsDateBoundary(t, i + holiday)))
            {
                next = i + holiday;
                if (holidayMonth == 0)
                {
                    problem = "“" + t.Render(i, next) + "” is not on the same date every year or in every country, so write its date";
                    return GrammarMatch.Invalid;
                }

                var found = Calendar(0, holidayMonth, holidayDay, t.Render(i, next), out date, out problem);
                date = date with { Upcoming = true }; // in November, "halloween" is next year's
                return found;
            }

            int month = MonthOf(s);
            if (month > 0 && TryDayNumber(t, i + 1, out int day))
            {
                next = i + 2;
                int year = TryYear(t, ref next);
                return Calendar(year, month, day, t.Render(i, next), out date, out problem);
            }

            return GrammarMatch.No;
        }

        if (token.Kind != TokenKind.Number)
        {
            return GrammarMatch.No;
        }

        // day + month name: "3 December", "3rd of Dec 2026"
        if (TryDayNumber(t, i, out int dayFirst))
        {
            int j = i + 1;
            if (t.IsWord(j, "of"))
            {
                j++;
            }

            int month = j < t.Count && t.Tokens[j].Kind == TokenKind.Word ? MonthOf(t.LowerAt(j)) : 0;
            if (month > 0)
            {
                next = j + 1;
                int year = TryYear(t, ref next);
                return Calendar(year, month, dayFirst, t.Render(i, next), out date, out problem);
            }
        }

        // "the 4th", "on the 21st", "Friday the 4th": a day of the month alone, when nothing else follows it ("the 4th floor").
        if (TryDayNumber(t, i, out int dayOfMonth) && !char.IsAsciiDigit(s[^1]) && IsDateBoundary(t, i + 1))
        {
            next = i + 1;
            date = new DateSpec(DateKind.DayOfMonth, 0, default, false, 0, 0, dayOfMonth);
            if (dayOfMonth is < 1 or > 31)
            {
                problem = "“" + t.Render(i, next) + "” is not a day of the month";
                return GrammarMatch.Invalid;
            }

            return GrammarMatch.Ok;
        }

        return TryNumericDate(t, i, s, dayMonthOrder, afterOn, out date, out next, out problem);
    }

    private static readonly string[] DateBoundaryWords =
    [
        "at", "from", "between", "for", "with", "about", "regarding", "re", "in", "by", "around", "until", "till", "to", "and",
        "morning", "afternoon", "evening", "night", "noon", "midnight",
    ];

    /// <summary>Whether a day of the month can end here: the end, punctuation, a mention, a time, or the start of another clause.</summary>
    private static bool IsDateBoundary(CommandText t, int j) =>
        j >= t.Count || t.Tokens[j].Kind is not TokenKind.Word || t.IsWordAny(j, DateBoundaryWords);

    private static GrammarMatch NoMatch(int i, out int next)
    {
        next = i;
        return GrammarMatch.No;
    }

    /// <summary>Today plus <paramref name="days"/>: "tomorrow", "in 2 days".</summary>
    public static DateSpec Relative(int days) => new(DateKind.Relative, days, default, false, 0, 0, 0);

    /// <summary>Day words long enough that a word one or two edits away is a typo of them, not another word.</summary>
    private static readonly string[] DayWordsForTypos =
    [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tomorrow", "tonight", "today",
        "january", "february", "september", "october", "november", "december",
    ];

    /// <summary>
    /// "wendesday", "firday", "tmorow": the day word this is a typo of (the same first letter, then one edit for words up to
    /// six letters, two for longer ones; a swap of neighbours is one), or null. Only for words nothing else read.
    /// </summary>
    public static string? MisspeltDayWord(ReadOnlySpan<char> word)
    {
        if (word.Length < 4 || word.Length > 11)
        {
            return null;
        }

        foreach (string day in DayWordsForTypos)
        {
            // A typo keeps the first letter ("tmorow", "wendesday", "firday"); checking it first keeps this off the
            // parser's budget for the many words that are nothing like a day.
            int allowed = day.Length >= 7 ? 2 : 1;
            if (word[0] == day[0] && Math.Abs(day.Length - word.Length) <= allowed && CommandParser.EditDistance(word, day) is var distance && distance > 0 && distance <= allowed)
            {
                return day;
            }
        }

        return null;
    }

    /// <summary>"a week on Thursday": <paramref name="days"/> after the coming <paramref name="weekday"/> (1 Monday … 7 Sunday).</summary>
    public static DateSpec AfterWeekday(int weekday, int days) => new(DateKind.Weekday, days, ToDayOfWeek(weekday), false, 0, 0, 0);

    private static GrammarMatch Calendar(int year, int month, int day, string written, out DateSpec date, out string? problem)
    {
        date = new DateSpec(DateKind.Calendar, 0, default, false, year, month, day);
        problem = null;
        int checkYear = year == 0 ? 2028 : year; // a leap year: 29 February is possible until the year is known
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(checkYear, month))
        {
            problem = "“" + written + "” is not a date in the calendar";
            return GrammarMatch.Invalid;
        }

        return GrammarMatch.Ok;
    }

    /// <summary>"3", "3rd", "21st": a day of the month as written (range checked later).</summary>
    private static bool TryDayNumber(CommandText t, int i, out int day)
    {
        day = 0;
        if (i >= t.Count || t.Tokens[i].Kind != TokenKind.Number)
        {
            return false;
        }

        var s = t.LowerAt(i);
        int p = 0;
        while (p < s.Length && char.IsAsciiDigit(s[p]))
        {
            p++;
        }

        if (p is 0 or > 2)
        {
            return false;
        }

        var suffix = s[p..];
        if (!(suffix.IsEmpty || suffix is "st" or "nd" or "rd" or "th"))
        {
            return false;
        }

        day = int.Parse(s[..p], CultureInfo.InvariantCulture);
        return true;
    }

    private static int TryYear(CommandText t, ref int next)
    {
        int j = next;
        if (t.IsPunct(j, ','))
        {
            j++;
        }

        if (j < t.Count && t.Tokens[j].Kind == TokenKind.Number)
        {
            var s = t.LowerAt(j);
            if (s.Length == 4 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int year) && year is >= 2000 and <= 2199)
            {
                next = j + 1;
                return year;
            }
        }

        return 0;
    }

    private static GrammarMatch TryNumericDate(CommandText t, int i, ReadOnlySpan<char> s, bool dayMonthOrder, bool afterOn, out DateSpec date, out int next, out string? problem)
    {
        date = default;
        problem = null;
        next = i;
        Span<int> parts = stackalloc int[3];
        Span<int> lengths = stackalloc int[3];
        int count = 0;
        char separator = '\0';
        int p = 0;
        while (p < s.Length)
        {
            int q = p;
            while (q < s.Length && char.IsAsciiDigit(s[q]))
            {
                q++;
            }

            if (q == p || count == 3 || q - p > 4)
            {
                return GrammarMatch.No;
            }

            parts[count] = int.Parse(s[p..q], CultureInfo.InvariantCulture);
            lengths[count] = q - p;
            count++;
            if (q == s.Length)
            {
                break;
            }

            char sep = s[q];
            if (sep is not ('/' or '-' or '.') || (separator != '\0' && sep != separator))
            {
                return GrammarMatch.No;
            }

            separator = sep;
            p = q + 1;
        }

        if (count < 2 || separator == '\0')
        {
            return GrammarMatch.No;
        }

        next = i + 1;
        string written = s.ToString();
        int year = 0, month, day;
        if (separator == '-')
        {
            if (count != 3 || lengths[0] != 4)
            {
                return GrammarMatch.No;
            }

            (year, month, day) = (parts[0], parts[1], parts[2]);
        }
        else if (separator == '.')
        {
            // German style d.m. / d.m.yyyy; "3.12" alone could be a number, so it needs a trailing dot or "on".
            bool trailingDot = t.IsPunct(i + 1, '.');
            if (count == 2 && !trailingDot && !afterOn)
            {
                next = i;
                return GrammarMatch.No;
            }

            if (trailingDot && count == 2)
            {
                next = i + 2;
            }

            (day, month) = (parts[0], parts[1]);
            year = count == 3 ? parts[2] : 0;
        }
        else if (count == 3 && lengths[0] == 4)
        {
            (year, month, day) = (parts[0], parts[1], parts[2]);
        }
        else
        {
            (int first, int second) = (parts[0], parts[1]);
            (day, month) = dayMonthOrder ? (first, second) : (second, first);
            if (month > 12 && day <= 12)
            {
                // Only the other order is a date (13/3 in en-US): not a guess, so take it.
                (day, month) = (month, day);
            }

            year = count == 3 ? parts[2] : 0;
        }

        if (year is > 0 and < 100)
        {
            year += 2000;
        }

        if (year != 0 && year is < 2000 or > 2199)
        {
            problem = "“" + written + "” is not a date I can read";
            return GrammarMatch.Invalid;
        }

        return Calendar(year, month, day, written, out date, out problem);
    }

    /// <summary>"2 days", "a day", "two weeks", "a week": how many days ahead ("in 2 days", "a week from now").</summary>
    public static bool TryDayCount(CommandText t, int i, out int days, out int next)
    {
        days = 0;
        next = i;
        if (i >= t.Count)
        {
            return false;
        }

        var token = t.Tokens[i];
        var s = t.LowerOf(token);
        int count = token.Kind switch
        {
            TokenKind.Number when s.Length <= 4 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int n) => n,
            TokenKind.Word => WordNumber(s),
            _ => 0,
        };
        if (count == 0)
        {
            return false;
        }

        if (t.IsWordAny(i + 1, ["day", "days"]))
        {
            days = count;
        }
        else if (t.IsWordAny(i + 1, ["week", "weeks", "wk", "wks"]))
        {
            days = count * 7;
        }
        else if (t.IsWordAny(i + 1, ["fortnight", "fortnights"]))
        {
            days = count * 14;
        }
        else
        {
            return false;
        }

        next = i + 2;
        return true;
    }

    // ---------------------------------------------------------------- durations

    private static int WordNumber(ReadOnlySpan<char> word) => word switch
    {
        "a" or "an" or "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "forty-five" or "fortyfive" => 45,
        "fifty" => 50,
        "sixty" => 60,
        "ninety" => 90,
        _ => 0,
    };

    /// <summary>
    /// "30 min", "30-minute", "1h", "1 hour", "an hour", "half an hour", "1h30", "1.5 hours", "90m",
    /// "an hour and a half", "1 hour 15 minutes", "1h30 min", "a quarter of an hour". A bare number of 10 or more means minutes
    /// when <paramref name="allowBareMinutes"/> ("for 45").
    /// </summary>
    public static bool TryDuration(CommandText t, int i, bool allowBareMinutes, out TimeSpan duration, out int next)
    {
        duration = default;
        next = i;
        if (i >= t.Count)
        {
            return false;
        }

        var token = t.Tokens[i];
        var s = t.LowerOf(token);
        int j;
        if (token.Kind == TokenKind.Number)
        {
            if (!TryCompactDuration(s, out double value, out bool hasUnit, out bool unitIsHours, out duration))
            {
                return false;
            }

            j = i + 1;
            if (!hasUnit)
            {
                int k = j;
                bool half = false;
                if (t.IsPunct(k, '-'))
                {
                    k++;
                }

                if (t.IsWordAny(k, ["more", "extra"]) && (t.IsWordAny(k + 1, HourUnits) || t.IsWordAny(k + 1, MinuteUnits)))
                {
                    k++; // "15 more minutes", "an extra"… is read by the caller: the amount, not a word of its own
                }

                if (t.IsWord(k, "and") && t.IsWord(k + 1, "a") && t.IsWord(k + 2, "half"))
                {
                    half = true;
                    k += 3;
                }

                if (t.IsWordAny(k, HourUnits))
                {
                    duration = Minutes(Math.Round((value + (half ? 0.5 : 0)) * 60));
                    unitIsHours = true;
                    j = k + 1;
                }
                else if (!half && t.IsWordAny(k, MinuteUnits))
                {
                    duration = Minutes(Math.Round(value));
                    j = k + 1;
                }
                else if (allowBareMinutes && value >= 10 && value == Math.Floor(value) && !s.Contains(':'))
                {
                    duration = Minutes(value);
                }
                else
                {
                    return false;
                }
            }

            if (unitIsHours)
            {
                j = AddTrailingMinutes(t, j, ref duration);
            }
            else if (hasUnit && char.IsAsciiDigit(s[^1]) && t.IsWordAny(j, MinuteUnits))
            {
                // "1h30 min": the minutes of "1h30" given their unit.
                j++;
            }
        }
        else if (token.Kind == TokenKind.Word)
        {
            if (!TryWordDuration(t, i, out duration, out j))
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        if (t.IsWord(j, "long"))
        {
            j++;
        }

        next = j;
        return true;
    }

    /// <summary>"90", "1.5", "1,5", "30m", "45min", "1h", "2hrs", "1h30", "1h30m".</summary>
    private static bool TryCompactDuration(ReadOnlySpan<char> s, out double value, out bool hasUnit, out bool unitIsHours, out TimeSpan duration)
    {
        value = 0;
        hasUnit = false;
        unitIsHours = false;
        duration = default;
        int p = 0;
        while (p < s.Length && (char.IsAsciiDigit(s[p]) || ((s[p] == '.' || s[p] == ',') && p > 0)))
        {
            p++;
        }

        if (p == 0 || !TryParseDecimal(s[..p], out value))
        {
            return false;
        }

        if (p == s.Length)
        {
            return true;
        }

        int u = p;
        while (u < s.Length && char.IsAsciiLetter(s[u]))
        {
            u++;
        }

        var unit = s[p..u];
        hasUnit = true;
        if (unit is "h" or "hr" or "hrs" or "hour" or "hours")
        {
            unitIsHours = true;
            double minutes = value * 60;
            if (u < s.Length)
            {
                int d = u;
                while (d < s.Length && char.IsAsciiDigit(s[d]))
                {
                    d++;
                }

                var rest = s[d..];
                if (d == u || d - u > 4 || !(rest.IsEmpty || rest is "m" or "min" or "mins"))
                {
                    return false;
                }

                minutes += int.Parse(s[u..d], CultureInfo.InvariantCulture);
                unitIsHours = false;
            }

            duration = Minutes(Math.Round(minutes));
            return true;
        }

        if (u == s.Length && unit is "m" or "min" or "mins" or "mn" or "minute" or "minutes")
        {
            duration = Minutes(Math.Round(value));
            return true;
        }

        return false;
    }

    /// <summary>A length in minutes, capped far beyond any valid meeting so absurd input cannot overflow.</summary>
    private static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(Math.Min(minutes, 10_000_000));

    /// <summary>"90", "1.5", "1,5" without allocating.</summary>
    private static bool TryParseDecimal(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        double scale = 0;
        foreach (char c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                if (scale == 0)
                {
                    value = (value * 10) + (c - '0');
                }
                else
                {
                    value += (c - '0') * scale;
                    scale /= 10;
                }
            }
            else if (scale == 0 && (c == '.' || c == ','))
            {
                scale = 0.1;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>After a whole number of hours: "and a half", "and a quarter", "30", "30 min", "and 15 minutes".</summary>
    private static int AddTrailingMinutes(CommandText t, int j, ref TimeSpan duration)
    {
        int k = j;
        bool and = t.IsWord(k, "and");
        if (and)
        {
            k++;
        }

        if (t.IsWord(k, "a") && t.IsWord(k + 1, "half"))
        {
            duration += Minutes(30);
            return k + 2;
        }

        if (t.IsWord(k, "a") && t.IsWord(k + 1, "quarter"))
        {
            duration += Minutes(15);
            return k + 2;
        }

        if (WordNumber(t.LowerAt(k)) is var wordMinutes and > 1 && t.IsWordAny(k + 1, MinuteUnits))
        {
            // "an hour and fifteen minutes"
            duration += Minutes(wordMinutes);
            return k + 2;
        }

        if (k < t.Count && t.Tokens[k].Kind == TokenKind.Number
            && TryCompactDuration(t.LowerAt(k), out double minutes, out bool hasUnit, out bool unitIsHours, out var compact) && !unitIsHours)
        {
            if (hasUnit)
            {
                duration += compact;
                return k + 1;
            }

            if (t.IsWordAny(k + 1, MinuteUnits))
            {
                duration += Minutes(minutes);
                return k + 2;
            }
        }

        return j;
    }

    private static bool TryWordDuration(CommandText t, int i, out TimeSpan duration, out int next)
    {
        duration = default;
        next = i;
        var word = t.LowerAt(i);
        int j = i;
        if (word is "a" or "an" && (t.IsWord(i + 1, "half") || t.IsWord(i + 1, "half-hour") || t.IsWord(i + 1, "quarter")))
        {
            j++;
            word = t.LowerAt(j);
        }

        if (word is "half-hour")
        {
            duration = Minutes(30);
            next = j + 1;
            return true;
        }

        if (word is "half" or "quarter")
        {
            int k = j + 1;
            if (t.IsWord(k, "of"))
            {
                k++;
            }

            if (t.IsWord(k, "an") || t.IsWord(k, "a"))
            {
                k++;
            }

            if (!t.IsWordAny(k, ["hour", "hr"]))
            {
                return false;
            }

            duration = Minutes(word is "half" ? 30 : 15);
            next = k + 1;
            return true;
        }

        if (word is "three" && t.IsWord(j + 1, "quarters") && t.IsWord(j + 2, "of") && t.IsWord(j + 3, "an") && t.IsWord(j + 4, "hour"))
        {
            duration = Minutes(45);
            next = j + 5;
            return true;
        }

        int number;
        if (word is "a" && t.IsWord(j + 1, "couple"))
        {
            // "a couple of hours", "a couple hours": two.
            j += t.IsWord(j + 2, "of") ? 2 : 1;
            number = 2;
        }
        else
        {
            number = WordNumber(word);
        }

        if (number == 0)
        {
            return false;
        }

        int u = j + 1;
        bool half = false;
        if (t.IsWord(u, "and") && t.IsWord(u + 1, "a") && t.IsWord(u + 2, "half"))
        {
            half = true;
            u += 3;
        }

        if (t.IsWordAny(u, HourUnits))
        {
            duration = Minutes((number * 60) + (half ? 30 : 0));
            next = half ? u + 1 : AddTrailingMinutes(t, u + 1, ref duration);
            return true;
        }

        if (!half && number > 1 && t.IsWordAny(u, MinuteUnits))
        {
            duration = Minutes(number);
            next = u + 1;
            return true;
        }

        return false;
    }
}
