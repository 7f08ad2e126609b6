namespace TeamsMeetBot.Calls;

/// <summary>
/// One Graph call the bot placed into a meeting, stored with optimistic concurrency (table
/// <see cref="Storage.StoreTables.Calls"/>, partition = the Graph call id, row = <see cref="RowKey"/>), so any
/// instance can apply any notification. A notification can arrive before the join response was stored; then
/// the record is created from the notification alone (<see cref="MeetingKey"/> null) and the join fills in
/// the meeting when it stores its answer.
/// </summary>
public sealed record CallRecord
{
    public const string RowKey = "call";

    public required string CallId { get; init; }
    public required string TenantId { get; init; }
    public string? ConversationId { get; init; }
    public string? MeetingKey { get; init; }
    public string? MyParticipantId { get; init; }
    public CallState State { get; init; } = CallState.Establishing;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EstablishedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? EndReason { get; init; }
    public bool LeaveRequested { get; init; }
    public IReadOnlyList<CallParticipant> Participants { get; init; } = [];
    public IReadOnlyList<InvitedPerson> Invited { get; init; } = [];

    /// <summary>How many notifications were applied; only grows.</summary>
    public long AppliedNotifications { get; init; }

    public bool IsActive => State != CallState.Terminated;
}
