namespace TeamsMeetBot.Commands;

/// <summary>
/// "reschedule to 4pm", "move it to tomorrow 10am", "make it 30 min", "push it by 15 minutes", "extend by 10 min":
/// change a meeting the sender organized here (see <see cref="Which"/>). At least one of the four values, or <see cref="NewDay"/>, is set.
/// </summary>
/// <param name="NewStart">The new start in UTC.</param>
/// <param name="NewDuration">The new length.</param>
/// <param name="ShiftBy">Move start and end by this much (positive: later), relative to the meeting's current start.</param>
/// <param name="ExtendBy">Make the meeting longer by this much (the start stays).</param>
/// <param name="ScheduleDescription">What was understood, in the sender's zone.</param>
/// <param name="TimeZoneAssumed">True when the sender's zone was unknown and UTC was assumed.</param>
/// <param name="KeepsMeetingDay">
/// True when the new start was a clock time without a day ("reschedule to 4pm"): it means that time on the meeting's
/// own day, and <paramref name="NewStart"/> (its next occurrence from now) applies only when that time has passed.
/// </param>
public sealed record RescheduleMeetingCommand(
    DateTimeOffset? NewStart,
    TimeSpan? NewDuration,
    TimeSpan? ShiftBy,
    TimeSpan? ExtendBy,
    string ScheduleDescription,
    bool TimeZoneAssumed,
    bool KeepsMeetingDay = false) : BotCommand
{
    /// <summary>"move it to Friday": the new day (in the sender's zone, or <see cref="WrittenZone"/>) at the meeting's own time of day.</summary>
    public DateOnly? NewDay { get; init; }

    /// <summary>The zone written after the time ("reschedule to 4pm UTC"): the meeting's day is taken in it. Null for the sender's own.</summary>
    public TimeZoneInfo? WrittenZone { get; init; }

    /// <summary>
    /// What the message asks for when the sender has no meeting here still to come: "let's meet at 4 instead" makes that
    /// meeting. Null: the answer says there is none to change.
    /// </summary>
    public ParseResult? IfNoneToChange { get; init; }

    /// <summary>Which meeting the message named ("move tomorrow's meeting to 4pm", "push the 3pm meeting by 15 min"), if any.</summary>
    public MeetingChoice Which { get; init; } = MeetingChoice.Unnamed;
}
