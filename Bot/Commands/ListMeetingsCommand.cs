namespace TeamsMeetBot.Commands;

/// <summary>
/// "list meetings", "my meetings", "what's on tomorrow", "when is the standup", "do I have any meetings today?": the
/// meetings here still to come (or under way), narrowed the way a cancel names one.
/// </summary>
public sealed record ListMeetingsCommand : BotCommand
{
    /// <summary>Which meetings the message named (a day, words of a subject, people, "next"); unnamed lists them all.</summary>
    public MeetingChoice Which { get; init; } = MeetingChoice.Unnamed;

    /// <summary>"my meetings", "do I have …": only those the sender organized or is invited to.</summary>
    public bool Mine { get; init; }

    /// <summary>"what's the dial-in?", "phone number for the bridge?": the list shows how to join by phone.</summary>
    public bool DialIn { get; init; }

    /// <summary>The sender's zone, for the answer when nothing fits.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
}
