namespace TeamsMeetBot.Commands;

/// <summary>
/// "cancel", "cancel the meeting", "call it off", "cancel tomorrow's meeting", "cancel the 3pm meeting": cancel a meeting
/// the sender organized here. With a day or a time, only a meeting that starts then; without, the only one to come.
/// </summary>
public sealed record CancelMeetingCommand : BotCommand
{
    /// <summary>Which meeting the message named, if any.</summary>
    public MeetingChoice Which { get; init; } = MeetingChoice.Unnamed;
}
