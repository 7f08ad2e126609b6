using System.Text.Json.Serialization;

namespace TeamsMeetBot.Meetings;

/// <summary>
/// The part of Graph's <c>onlineMeeting</c> resource the bot keeps, read from the createOrGet answer with a
/// source-generated contract (<see cref="GraphOnlineMeetingJsonContext"/>) instead of the SDK's model: the Graph SDK's
/// parse builds a backing store with change tracking for every object of the answer, which made up about a third of
/// the memory a meeting command allocated and 0.4 ms of its critical path. Property names are Graph's (camelCase);
/// everything else in the answer is skipped.
/// </summary>
internal sealed record GraphOnlineMeeting(
    string? Id,
    string? Subject,
    DateTimeOffset? StartDateTime,
    DateTimeOffset? EndDateTime,
    string? JoinWebUrl,
    GraphOnlineMeeting.Chat? ChatInfo,
    GraphOnlineMeeting.JoinIdSettings? JoinMeetingIdSettings,
    GraphOnlineMeeting.DialIn? AudioConferencing)
{
    /// <summary>Graph's <c>chatInfo</c>.</summary>
    internal sealed record Chat(string? ThreadId, string? MessageId, string? ReplyChainMessageId);

    /// <summary>Graph's <c>joinMeetingIdSettings</c>.</summary>
    internal sealed record JoinIdSettings(string? JoinMeetingId, string? Passcode);

    /// <summary>Graph's <c>audioConferencing</c> (the dial-in).</summary>
    internal sealed record DialIn(
        string? ConferenceId,
        string? TollNumber,
        IReadOnlyList<string>? TollNumbers,
        string? TollFreeNumber,
        IReadOnlyList<string>? TollFreeNumbers,
        [property: JsonPropertyName("dialinUrl")] string? DialInUrl);
}
