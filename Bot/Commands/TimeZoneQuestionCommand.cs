namespace TeamsMeetBot.Commands;

/// <summary>
/// "what's my time zone?", "which timezone do you use", "change my time zone to Europe/Berlin", "use UTC": which zone
/// the sender's times are read in, and how to give another for one meeting (the bot keeps no time zone setting: it
/// reads the one Teams reports with each message).
/// </summary>
/// <param name="Zone">The zone the sender's times are read in.</param>
/// <param name="Assumed">True when Teams reported none and UTC was assumed.</param>
/// <param name="AskedToChange">True for "change my time zone", "use UTC": asked to set one.</param>
public sealed record TimeZoneQuestionCommand(TimeZoneInfo Zone, bool Assumed, bool AskedToChange) : BotCommand
{
    /// <summary>The answer.</summary>
    public string Answer =>
        (AskedToChange ? "I don't keep a time zone setting: " : "")
        + (Assumed
            ? (AskedToChange ? "t" : "T") + "eams didn't tell me your time zone, so I read the times you write in " + TimeZoneResolver.DisplayName(Zone) + "."
            : (AskedToChange ? "i" : "I") + "n each message Teams tells me your time zone, " + TimeZoneResolver.DisplayName(Zone) + ", and I read the times you write in it.")
        + " Each meeting card shows the time in every reader's own zone. For a meeting in another zone, write the zone after the time, e.g. “meet tomorrow at 3pm Europe/London” or “meet at 9am UTC”.";
}
