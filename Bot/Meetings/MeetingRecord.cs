using TeamsMeetBot.Conversation;

namespace TeamsMeetBot.Meetings;

/// <summary>
/// One meeting the bot created, stored with optimistic concurrency. Keys: partition =
/// <see cref="PartitionFor"/>(tenant, conversation), row = <see cref="Key"/> (the externalId given
/// to Graph's createOrGet). A card action is honoured only if this key exists in the partition of
/// the conversation the action came from.
/// </summary>
public sealed record MeetingRecord
{
    public required string Key { get; init; }
    public required string TenantId { get; init; }
    public required ConversationReference Conversation { get; init; }
    public required string SourceActivityId { get; init; }
    public required MeetingPerson Organizer { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset StartUtc { get; init; }
    public required DateTimeOffset EndUtc { get; init; }
    public bool IsScheduled { get; init; }
    public string? TimeZoneId { get; init; }
    public bool TimeZoneAssumed { get; init; }

    /// <summary>A place written with the request ("room 4", "in person"); the bot books no room, and the card says so.</summary>
    public string? Location { get; init; }
    public required string GraphMeetingId { get; init; }
    public required string JoinWebUrl { get; init; }
    public string? ChatThreadId { get; init; }
    public string? ChatMessageId { get; init; }
    public string? ChatReplyChainMessageId { get; init; }
    public string? JoinMeetingId { get; init; }
    public string? Passcode { get; init; }
    public string? DialInNumber { get; init; }
    public string? TollFreeNumber { get; init; }
    public string? ConferenceId { get; init; }
    public string? DialInUrl { get; init; }
    public IReadOnlyList<MeetingPerson> Attendees { get; init; } = [];

    /// <summary>The tags whose members were invited ("@oncall-db"), by name: "cancel the meeting with @oncall-db" names it.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<NotInvited> NotInvited { get; init; } = [];
    public MeetingStatus Status { get; init; } = MeetingStatus.Active;
    public string? CardActivityId { get; init; }

    /// <summary>When posting the meeting's card failed; a later delivery of the same request posts it at once.</summary>
    public DateTimeOffset? CardPostFailedAt { get; init; }
    public string? CancelledBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Whether the meeting has started and not yet ended at <paramref name="now"/>: Graph applies no new times, attendees
    /// or subject to a meeting in progress (reference §1.4).
    /// </summary>
    public bool IsUnderWay(DateTimeOffset now) => StartUtc <= now && now < EndUtc;

    public static string PartitionFor(string tenantId, string conversationId) => tenantId + "|" + conversationId;

    /// <summary>
    /// The channel a thread's conversation id belongs to (<c>19:x@thread.tacv2;messageid=17</c> → <c>19:x@thread.tacv2</c>),
    /// or null for a chat or a channel id without a thread.
    /// </summary>
    public static string? ChannelOf(string conversationId)
    {
        int thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread > 0 ? conversationId[..thread] : null;
    }

    /// <summary>Where a channel's <see cref="ChannelMeetingEntry"/> notes are kept; never a conversation's partition (tenant ids hold no "|").</summary>
    public static string ChannelPartitionFor(string tenantId, string channelId) => "channel|" + tenantId + "|" + channelId;
}
