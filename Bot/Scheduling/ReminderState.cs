namespace TeamsMeetBot.Scheduling;

/// <summary>Where a start reminder is in its life.</summary>
public enum ReminderState
{
    /// <summary>Waiting for its due time (or for a retry after a failed send).</summary>
    Pending,

    /// <summary>An instance claimed it and is sending; the claim lapses at <see cref="StartReminder.LeaseUntil"/>.</summary>
    Claimed,

    /// <summary>Posted in the conversation.</summary>
    Sent,

    /// <summary>Not sent: the meeting was cancelled, moved, has already ended, or sending kept failing.</summary>
    Dropped,
}
