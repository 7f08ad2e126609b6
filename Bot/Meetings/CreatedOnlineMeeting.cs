namespace TeamsMeetBot.Meetings;

/// <summary>
/// What the bot keeps of the meeting createOrGet returned: its id, times, join link and dial-in. The Graph clients
/// answer with the bot's own types, never the SDK's models, so the Microsoft.Graph assembly stays behind them: code
/// that only calls them (the command handler, whose optimized code inlines their callers) does not load it.
/// </summary>
public sealed record CreatedOnlineMeeting
{
    public required string Id { get; init; }

    public string? Subject { get; init; }

    public DateTimeOffset? StartUtc { get; init; }

    public DateTimeOffset? EndUtc { get; init; }

    public string? JoinWebUrl { get; init; }

    public string? ChatThreadId { get; init; }

    public string? ChatMessageId { get; init; }

    public string? ChatReplyChainMessageId { get; init; }

    public string? JoinMeetingId { get; init; }

    public string? Passcode { get; init; }

    public string? DialInNumber { get; init; }

    public string? TollFreeNumber { get; init; }

    public string? ConferenceId { get; init; }

    public string? DialInUrl { get; init; }
}
