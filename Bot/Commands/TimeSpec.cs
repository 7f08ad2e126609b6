namespace TeamsMeetBot.Commands;

internal enum Meridiem
{
    None,
    Am,
    Pm,
}

internal enum PartOfDay
{
    None,
    Morning,
    Afternoon,
    Evening,
}

internal enum DateKind
{
    None,

    /// <summary>Today plus <see cref="DateSpec.DayOffset"/> days (today, tomorrow, yesterday).</summary>
    Relative,

    /// <summary>The next <see cref="DateSpec.Weekday"/>, plus <see cref="DateSpec.DayOffset"/> days ("Thursday week"); <see cref="DateSpec.StrictlyAfterToday"/> for "next Friday";
    /// <see cref="DateSpec.InNextWeek"/> for "next week Tuesday" (weeks start on Monday).</summary>
    Weekday,

    /// <summary>A calendar date; <see cref="DateSpec.Year"/> is 0 when not given.</summary>
    Calendar,

    /// <summary>"the 4th": the next day of the month with that number (<see cref="DateSpec.Day"/>), today included while the time is ahead.</summary>
    DayOfMonth,
}

/// <summary>
/// A clock time as written: "3pm" is (3, 0, Pm); "15:30" is (15, 30, None, Explicit24h); "quarter to 7" is
/// (7, 0, None, MinutesBefore: 15), so that the hour as written decides morning or afternoon, as "at 7" would.
/// </summary>
internal readonly record struct ClockTime(int Hour, int Minute, Meridiem Meridiem, bool Explicit24h, int MinutesBefore = 0)
{
    /// <summary>True when the hour alone does not say whether it is morning or afternoon.</summary>
    public bool IsAmbiguous => Meridiem == Meridiem.None && !Explicit24h && Hour is >= 1 and <= 12;

    /// <summary>The time on the clock; "quarter to midnight" wraps to 23:45.</summary>
    public TimeOnly ToTimeOnly(Meridiem meridiem) => new TimeOnly(To24(Hour, meridiem), Minute).AddMinutes(-MinutesBefore);

    public static int To24(int hour, Meridiem meridiem) => meridiem switch
    {
        Meridiem.Am => hour == 12 ? 0 : hour,
        Meridiem.Pm => hour == 12 ? 12 : hour + 12,
        _ => hour,
    };
}

/// <param name="Upcoming">For a calendar date without a year: always the next one from today ("christmas"), never a recent past one.</param>
internal readonly record struct DateSpec(DateKind Kind, int DayOffset, DayOfWeek Weekday, bool StrictlyAfterToday, int Year, int Month, int Day, bool InNextWeek = false, bool Upcoming = false);

/// <summary>Everything time-related a message said, before it is turned into instants.</summary>
internal struct TimeSpec
{
    public DateSpec Date;
    public ClockTime? Start;
    public ClockTime? End;
    public PartOfDay PartOfDay;
    public TimeSpan? Relative;
    public TimeSpan? Duration;

    /// <summary>The weekday written next to a calendar date ("Fri 27 Nov"); the date must fall on it.</summary>
    public DayOfWeek? ExpectedWeekday;

    /// <summary>The zone written after the time ("3pm UTC"), or null: then the sender's zone applies.</summary>
    public TimeZoneInfo? Zone;

    /// <summary>Set when something looked like a time or date but could not be read; says what.</summary>
    public string? Problem;

    public readonly bool HasDate => Date.Kind != DateKind.None;

    public readonly bool HasAnyTime => HasDate || Start is not null || Relative is not null || PartOfDay != PartOfDay.None;
}
