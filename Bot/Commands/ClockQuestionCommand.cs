using System.Globalization;

namespace TeamsMeetBot.Commands;

/// <summary>
/// "what time is it?", "what's the date", "what day is it": the sender's date and time, in the zone their times are
/// read in, which is what "meet at 3" and "tomorrow" mean to the bot.
/// </summary>
/// <param name="Now">The current instant.</param>
/// <param name="Zone">The zone the sender's times are read in.</param>
/// <param name="Assumed">True when Teams reported none and UTC was assumed.</param>
public sealed record ClockQuestionCommand(DateTimeOffset Now, TimeZoneInfo Zone, bool Assumed) : BotCommand
{
    /// <summary>Why the zone asked about ("what time is it in IST") was not used, or null.</summary>
    public string? ZoneProblem { get; init; }

    /// <summary>"It's 07:45 on Saturday 28 November 2026 (America/Los_Angeles)." and, when UTC was assumed, why.</summary>
    public string Answer
    {
        get
        {
            var local = ZonedTime.ToLocal(Now, Zone);
            string answer = (ZoneProblem is null ? "" : char.ToUpperInvariant(ZoneProblem[0]) + ZoneProblem[1..] + ". In yours, i") + (ZoneProblem is null ? "I" : "") + "t's " + local.ToString("HH:mm", CultureInfo.InvariantCulture) + " on "
                + local.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture) + " (" + TimeZoneResolver.DisplayName(Zone) + ").";
            return Assumed
                ? answer + " Teams didn't tell me your time zone, so I read the times you write in UTC; write the zone after a time for another, e.g. “meet at 3pm Europe/London”."
                : answer;
        }
    }
}
