namespace TeamsMeetBot.Commands;

/// <summary>The outcome of turning a <see cref="TimeSpec"/> into instants: a start (null = now) and a length, or a problem.</summary>
internal readonly record struct ResolvedTime(
    DateTimeOffset? StartUtc,
    TimeSpan? Duration,
    bool EndGiven,
    DateOnly? Date,
    TimeOnly? Time,
    ParseFailureKind? Failure,
    string? Problem);

/// <summary>
/// Turns what the time grammar read into UTC instants in the sender's zone. The rules, in one place:
/// <list type="bullet">
/// <item>An hour without am/pm and without a leading zero follows working hours: 7–11 are morning, 12 is noon, 1–6 are
/// afternoon ("at 9" is 09:00, "at 3" is 15:00). "09:00", "0:30" and 13–23 are read as a 24-hour clock. "morning",
/// "afternoon", "evening", "tonight" decide am/pm instead. In a range the end's am/pm carries to the start when that
/// keeps the start before the end ("2-3:30pm" is 14:00–15:30, "11-1pm" is 11:00–13:00); an end without am/pm is the
/// first reading after the start ("2pm to 3" is 14:00–15:00).</item>
/// <item>A time without a day is the next time the clock shows it: today if it is still ahead (a minute of grace),
/// else tomorrow. A weekday is the next such day, today included when the time is still ahead; "next Friday" is the
/// first Friday after today (never today). "the 4th" is the next 4th of a month, today included while the time is still
/// ahead (the 31st skips months that have none). A date without a year is this year's; if that is already over, next
/// year's when it passed more than six months ago, otherwise it is reported as being in the past.</item>
/// <item>A day without a time ("tomorrow", "on Friday") is not guessed: it asks for a scheduling card.</item>
/// <item>A range that ends earlier than it starts crosses midnight only when it starts in the evening (18:00 or later)
/// and ends in the small hours (before 06:00); otherwise it is an end before the start.</item>
/// <item>Daylight saving: see <see cref="ZonedTime"/> (gaps move forward, overlaps take the earlier instant).</item>
/// <item>Limits: not more than a minute in the past, at least a minute long, at most 24 hours long, at most 365 days ahead.</item>
/// </list>
/// </summary>
internal static class TimeResolution
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MinimumLength = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaximumLength = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaximumAhead = TimeSpan.FromDays(365);

    public static ResolvedTime Resolve(in TimeSpec spec, CommandInput input, TimeSpan? defaultDuration)
    {
        var zone = input.TimeZone;
        var nowLocal = ZonedTime.ToLocal(input.Now, zone);
        var today = DateOnly.FromDateTime(nowLocal);
        TimeSpan? duration = spec.Duration ?? defaultDuration;

        if (spec.Problem is not null)
        {
            return Fail(ParseFailureKind.UnreadableTime, spec.Problem, TryDateOnly(spec, today), spec.Start is { } s ? s.ToTimeOnly(DecideStart(s, spec.End, spec.PartOfDay)) : null, duration);
        }

        if (spec.Relative is { } relative)
        {
            if (spec.Start is not null || spec.HasDate)
            {
                return Fail(ParseFailureKind.UnreadableTime, "both a delay (“in …”) and a day or time", null, null, duration);
            }

            var start = input.Now + relative;
            return Validate(start, duration, endGiven: false, input, DateOnly.FromDateTime(ZonedTime.ToLocal(start, zone)), TimeOnly.FromDateTime(ZonedTime.ToLocal(start, zone)));
        }

        if (!spec.HasAnyTime)
        {
            if (duration is { } length && (length < MinimumLength || length > MaximumLength))
            {
                return Validate(input.Now, duration, endGiven: false, input, null, null) with { StartUtc = null };
            }

            return new ResolvedTime(null, duration, false, null, null, null, null);
        }

        var dateOnly = TryDateOnly(spec, today);
        if (spec.Start is not { } startClock)
        {
            string what = dateOnly is { } d ? d.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture) : "the part of the day";
            return Fail(ParseFailureKind.UnreadableTime, "I got " + what + " but no time of day", dateOnly, null, duration);
        }

        var startMeridiem = DecideStart(startClock, spec.End, spec.PartOfDay);
        var startTime = startClock.ToTimeOnly(startMeridiem);
        DateOnly date;
        switch (spec.Date.Kind)
        {
            case DateKind.Relative:
                date = today.AddDays(spec.Date.DayOffset);
                break;
            case DateKind.Weekday:
                {
                    int ahead = DaysUntil(spec.Date, today);
                    if (ahead == 0 && IsOver(today, startTime, nowLocal))
                    {
                        ahead = 7;
                    }

                    date = today.AddDays(ahead);
                    break;
                }

            case DateKind.DayOfMonth:
                {
                    date = NextDayOfMonth(spec.Date.Day, today);
                    if (date == today && IsOver(today, startTime, nowLocal))
                    {
                        date = NextDayOfMonth(spec.Date.Day, today.AddDays(1));
                    }

                    break;
                }

            case DateKind.Calendar:
                {
                    if (!TryCalendarDate(spec.Date, today, out date))
                    {
                        return Fail(ParseFailureKind.UnreadableTime, spec.Date.Day + "/" + spec.Date.Month + " is not a date in " + (spec.Date.Year == 0 ? today.Year : spec.Date.Year), null, startTime, duration);
                    }

                    break;
                }

            default:
                date = IsOver(today, startTime, nowLocal) ? today.AddDays(1) : today;
                break;
        }

        if (spec.ExpectedWeekday is { } weekday && date.DayOfWeek != weekday)
        {
            return Fail(ParseFailureKind.UnreadableTime, date.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture) + " is a " + date.DayOfWeek + ", not a " + weekday, date, startTime, duration);
        }

        var startLocal = date.ToDateTime(startTime);
        var startUtc = ZonedTime.ToUtc(startLocal, zone);
        bool endGiven = false;
        if (spec.End is { } endClock)
        {
            endGiven = true;
            var endTime = endClock.ToTimeOnly(DecideEnd(endClock, startTime));
            var endLocal = date.ToDateTime(endTime);
            if (endLocal <= startLocal)
            {
                if (endLocal < startLocal && startTime.Hour >= 18 && endTime.Hour < 6)
                {
                    endLocal = endLocal.AddDays(1);
                }
                else
                {
                    return Fail(ParseFailureKind.EndBeforeStart, "the end (" + endTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + ") is not after the start (" + startTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + ")", date, startTime, duration);
                }
            }

            var endUtc = ZonedTime.ToUtc(endLocal, zone);
            var fromRange = endUtc - startUtc;
            if (spec.Duration is { } said && said != fromRange)
            {
                return Fail(ParseFailureKind.DurationConflict, "the times say " + ZonedTime.FormatDuration(fromRange) + " but the length says " + ZonedTime.FormatDuration(said), date, startTime, fromRange);
            }

            duration = fromRange;
        }

        return Validate(startUtc, duration, endGiven, input, date, startTime);
    }

    private static ResolvedTime Validate(DateTimeOffset start, TimeSpan? duration, bool endGiven, CommandInput input, DateOnly? date, TimeOnly? time)
    {
        if (start < input.Now - Grace)
        {
            return Fail(ParseFailureKind.TimeInPast, "that time is already over", date, time, duration);
        }

        if (start > input.Now + MaximumAhead)
        {
            return Fail(ParseFailureKind.TooFarAhead, "that is more than a year ahead", date, time, duration);
        }

        if (duration is { } length)
        {
            if (length < MinimumLength)
            {
                return Fail(ParseFailureKind.TooShort, "a meeting needs at least a minute", date, time, null);
            }

            if (length > MaximumLength)
            {
                return Fail(ParseFailureKind.TooLong, "a meeting can last at most 24 hours (" + ZonedTime.FormatDuration(length) + " asked)", date, time, null);
            }
        }

        return new ResolvedTime(start, duration, endGiven, date, time, null, null);
    }

    private static ResolvedTime Fail(ParseFailureKind kind, string problem, DateOnly? date, TimeOnly? time, TimeSpan? duration) =>
        new(null, duration, false, date, time, kind, problem);

    private static bool IsOver(DateOnly today, TimeOnly time, DateTime nowLocal) => today.ToDateTime(time) < nowLocal - Grace;

    /// <summary>The day a time-less spec names ("move it to Friday"), in the sender's zone; null when it names none or an impossible one.</summary>
    public static DateOnly? DayOnly(in TimeSpec spec, CommandInput input) =>
        TryDateOnly(spec, DateOnly.FromDateTime(ZonedTime.ToLocal(input.Now, input.TimeZone)));

    private static DateOnly? TryDateOnly(in TimeSpec spec, DateOnly today) => spec.Date.Kind switch
    {
        DateKind.Relative => today.AddDays(spec.Date.DayOffset),
        DateKind.Weekday => today.AddDays(DaysUntil(spec.Date, today)),
        DateKind.Calendar when TryCalendarDate(spec.Date, today, out var date) => date,
        DateKind.DayOfMonth => NextDayOfMonth(spec.Date.Day, today),
        _ => null,
    };

    private static int DaysUntil(DateSpec spec, DateOnly today)
    {
        if (spec.InNextWeek)
        {
            // The weekday of the week after this one, weeks starting on Monday: from Friday, "next week Tuesday" is in 4 days.
            int sinceMonday = ((int)today.DayOfWeek + 6) % 7;
            return 7 - sinceMonday + (((int)spec.Weekday + 6) % 7);
        }

        int ahead = ((int)spec.Weekday - (int)today.DayOfWeek + 7) % 7;
        return (ahead == 0 && spec.StrictlyAfterToday ? 7 : ahead) + spec.DayOffset;
    }

    /// <summary>The first day on or after <paramref name="from"/> that is the <paramref name="day"/>th of its month (the 31st skips short months).</summary>
    private static DateOnly NextDayOfMonth(int day, DateOnly from)
    {
        var month = new DateOnly(from.Year, from.Month, 1);
        while (true)
        {
            if (day <= DateTime.DaysInMonth(month.Year, month.Month) && new DateOnly(month.Year, month.Month, day) >= from)
            {
                return new DateOnly(month.Year, month.Month, day);
            }

            month = month.AddMonths(1);
        }
    }

    private static bool TryCalendarDate(DateSpec spec, DateOnly today, out DateOnly date)
    {
        date = default;
        int year = spec.Year == 0 ? today.Year : spec.Year;
        if (spec.Day > DateTime.DaysInMonth(year, spec.Month))
        {
            if (spec.Year != 0)
            {
                return false;
            }

            // 29 February without a year: the next year that has one (the one-year limit then usually applies).
            while (spec.Day > DateTime.DaysInMonth(year, spec.Month))
            {
                year++;
            }
        }

        date = new DateOnly(year, spec.Month, spec.Day);
        if (spec.Year == 0 && date < today && (today.DayNumber - date.DayNumber > 183 || spec.Upcoming)
            && spec.Day <= DateTime.DaysInMonth(year + 1, spec.Month))
        {
            date = new DateOnly(year + 1, spec.Month, spec.Day);
        }

        return true;
    }

    private static Meridiem DecideStart(ClockTime start, ClockTime? end, PartOfDay part)
    {
        if (!start.IsAmbiguous)
        {
            return start.Meridiem;
        }

        if (end is { Meridiem: not Meridiem.None } e)
        {
            var endTime = e.ToTimeOnly(e.Meridiem);
            var same = start.ToTimeOnly(e.Meridiem);
            return same < endTime ? e.Meridiem : (e.Meridiem == Meridiem.Am ? Meridiem.Pm : Meridiem.Am);
        }

        return part switch
        {
            PartOfDay.Morning => Meridiem.Am,
            PartOfDay.Afternoon or PartOfDay.Evening => Meridiem.Pm,
            _ => start.Hour is >= 7 and <= 11 ? Meridiem.Am : Meridiem.Pm,
        };
    }

    private static Meridiem DecideEnd(ClockTime end, TimeOnly start)
    {
        if (!end.IsAmbiguous)
        {
            return end.Meridiem;
        }

        var am = end.ToTimeOnly(Meridiem.Am);
        if (am > start)
        {
            return Meridiem.Am;
        }

        var pm = end.ToTimeOnly(Meridiem.Pm);
        return pm > start ? Meridiem.Pm : Meridiem.Am;
    }
}
