namespace TeamsMeetBot.Scheduling;

/// <summary>
/// One "starting now" reminder, stored in <c>StoreTables.Reminders</c> under partition
/// <see cref="ReminderKeys.BucketFor"/>(<see cref="DueUtc"/>) and row <see cref="MeetingKey"/> (see <see cref="ReminderKeys"/>).
/// </summary>
public sealed record StartReminder
{
    public required string MeetingKey { get; init; }
    public required string TenantId { get; init; }
    public required string ConversationId { get; init; }

    /// <summary>The meeting's start when the reminder was written; a reminder whose meeting has moved since is dropped, not sent.</summary>
    public required DateTimeOffset StartUtc { get; init; }

    public required DateTimeOffset DueUtc { get; init; }
    public ReminderState State { get; init; } = ReminderState.Pending;

    /// <summary>The instance that holds the claim (a random id per process).</summary>
    public string? ClaimedBy { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>Failed sends so far; after <see cref="ReminderKeys.MaxAttempts"/> the reminder is dropped.</summary>
    public int Attempts { get; init; }

    public string? SentActivityId { get; init; }
    public string? Outcome { get; init; }
}
