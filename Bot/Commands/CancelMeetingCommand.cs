namespace TeamsMeetBot.Commands;

/// <summary>
/// "cancel", "cancel the meeting", "call it off", "cancel tomorrow's meeting", "cancel the 3pm meeting": cancel a meeting
/// the sender organized here. With a day or a time, only a meeting that starts then; without, the only one to come.
/// "cancel all my meetings", "cancel both": each of those still to come that fit.
/// </summary>
public sealed record CancelMeetingCommand : BotCommand
{
    /// <summary>Which meeting the message named, if any.</summary>
    public MeetingChoice Which { get; init; } = MeetingChoice.Unnamed;

    /// <summary>"cancel all my meetings", "cancel both", "cancel everything tomorrow": every one still to come that fits <see cref="Which"/>.</summary>
    public bool All { get; init; }
}
