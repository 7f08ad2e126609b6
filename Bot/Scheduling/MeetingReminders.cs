using Microsoft.Extensions.Options;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Scheduling;

/// <summary>
/// Writes, moves and drops the start reminders of scheduled meetings in <see cref="StoreTables.Reminders"/>
/// (keys: see <see cref="ReminderKeys"/>), and gives the poller the claim-then-send primitives. Every change a
/// poller could race with is an ETag-conditional write, so one reminder is claimed by one instance at a time.
/// </summary>
public sealed class MeetingReminders(IBotStore store, IOptions<SchedulingOptions> options, TimeProvider timeProvider, ILogger<MeetingReminders> logger)
{
    /// <summary>How long a sent or dropped reminder is kept (so a catch-up scan after a restart sees it was handled).</summary>
    private static readonly TimeSpan KeepHandled = TimeSpan.FromDays(2);

    /// <summary>Called by the meeting service after a meeting was stored. Never fails the meeting: a store error is logged.</summary>
    public Task AfterCreatedAsync(MeetingRecord meeting, CancellationToken cancellationToken) =>
        LoggedAsync(meeting.Key, "schedule", () => ScheduleAsync(meeting, cancellationToken), cancellationToken);

    /// <summary>Called after a reschedule with the record before and after it.</summary>
    public Task AfterRescheduledAsync(MeetingRecord before, MeetingRecord after, CancellationToken cancellationToken) =>
        LoggedAsync(after.Key, "move", () => MoveAsync(before, after, cancellationToken), cancellationToken);

    /// <summary>Called after a meeting was cancelled.</summary>
    public Task AfterCancelledAsync(MeetingRecord meeting, CancellationToken cancellationToken) =>
        LoggedAsync(meeting.Key, "drop", () => DropAsync(meeting, cancellationToken), cancellationToken);

    /// <summary>When the reminder for a meeting starting at <paramref name="startUtc"/> falls due: the lead time before, but never before now.</summary>
    public DateTimeOffset DueFor(DateTimeOffset startUtc)
    {
        var due = startUtc - options.Value.ReminderLeadTime;
        var now = timeProvider.GetUtcNow();
        return due < now ? now : due;
    }

    /// <summary>Stores the reminder of a scheduled, active meeting that has not started yet; anything else gets none. Idempotent.</summary>
    public async Task ScheduleAsync(MeetingRecord meeting, CancellationToken cancellationToken)
    {
        if (!meeting.IsScheduled || meeting.Status != MeetingStatus.Active || meeting.StartUtc <= timeProvider.GetUtcNow())
        {
            return;
        }

        var due = DueFor(meeting.StartUtc);
        var reminder = new StartReminder
        {
            MeetingKey = meeting.Key,
            TenantId = meeting.TenantId,
            ConversationId = meeting.Conversation.ConversationId,
            StartUtc = meeting.StartUtc,
            DueUtc = due,
        };
        await store.UpsertAsync(StoreTables.Reminders, ReminderKeys.BucketFor(due), meeting.Key, reminder,
            SchedulingJsonContext.Default.StartReminder, meeting.EndUtc + KeepHandled, cancellationToken);
    }

    /// <summary>After a reschedule: the old reminder goes, a new one is written for the new start (nothing changes when only the length did).</summary>
    public async Task MoveAsync(MeetingRecord before, MeetingRecord after, CancellationToken cancellationToken)
    {
        if (before.StartUtc == after.StartUtc && before.IsScheduled == after.IsScheduled)
        {
            return;
        }

        await DropAsync(before, cancellationToken);
        await ScheduleAsync(after, cancellationToken);
    }

    /// <summary>
    /// Removes the pending reminder of a meeting (cancelled or moved). If the lead time was reconfigured since it was
    /// written, the row is not found here; the poller then drops it when it sees the meeting is cancelled or has moved.
    /// </summary>
    public async Task DropAsync(MeetingRecord meeting, CancellationToken cancellationToken)
    {
        string bucket = ReminderKeys.BucketFor(meeting.StartUtc - options.Value.ReminderLeadTime);
        var item = await store.GetAsync(StoreTables.Reminders, bucket, meeting.Key, SchedulingJsonContext.Default.StartReminder, cancellationToken);
        if (item is null)
        {
            // Not there: already handled, or written for "now" because the lead time had passed when it was scheduled.
            // Either way the poller checks the meeting before sending and drops a reminder of a cancelled or moved meeting.
            return;
        }

        if (item.Value.State is ReminderState.Pending)
        {
            try
            {
                await store.DeleteAsync(StoreTables.Reminders, bucket, meeting.Key, item.ETag, cancellationToken);
            }
            catch (StoreConflictException)
            {
                // A poller claimed it a moment ago; it re-checks the meeting before sending and drops it.
            }
        }
    }

    /// <summary>Every reminder in one due-minute bucket.</summary>
    public IAsyncEnumerable<StoredItem<StartReminder>> ReadBucketAsync(DateTimeOffset minute, CancellationToken cancellationToken) =>
        store.QueryPartitionAsync(StoreTables.Reminders, ReminderKeys.BucketFor(minute), SchedulingJsonContext.Default.StartReminder, cancellationToken);

    /// <summary>
    /// Claims a due reminder for <paramref name="instanceId"/> with a conditional write on the ETag it was read with.
    /// Null when another instance changed it first (it holds the claim, or already sent it).
    /// </summary>
    public async Task<StoredItem<StartReminder>?> TryClaimAsync(StoredItem<StartReminder> item, string instanceId, CancellationToken cancellationToken)
    {
        var claimed = item.Value with { State = ReminderState.Claimed, ClaimedBy = instanceId, LeaseUntil = timeProvider.GetUtcNow() + options.Value.ReminderLease };
        try
        {
            return await store.ReplaceAsync(StoreTables.Reminders, item.PartitionKey, item.RowKey, claimed, item.ETag,
                SchedulingJsonContext.Default.StartReminder, item.ExpiresAt, cancellationToken);
        }
        catch (StoreConflictException)
        {
            return null;
        }
    }

    /// <summary>Records what became of a claimed reminder (sent, dropped, or back to pending for a retry). False when the claim was lost meanwhile.</summary>
    public async Task<bool> CompleteAsync(StoredItem<StartReminder> claimed, StartReminder outcome, CancellationToken cancellationToken)
    {
        var expiresAt = outcome.State is ReminderState.Sent or ReminderState.Dropped ? timeProvider.GetUtcNow() + KeepHandled : claimed.ExpiresAt;
        try
        {
            await store.ReplaceAsync(StoreTables.Reminders, claimed.PartitionKey, claimed.RowKey, outcome, claimed.ETag,
                SchedulingJsonContext.Default.StartReminder, expiresAt, cancellationToken);
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }

    private async Task LoggedAsync(string meetingKey, string change, Func<Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await write();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            SchedulingLog.ReminderWriteFailed(logger, meetingKey, change, ex);
        }
    }
}
