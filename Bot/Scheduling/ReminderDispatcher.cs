using Microsoft.Extensions.Options;
using TeamsMeetBot.Cards;
using TeamsMeetBot.Conversation;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Scheduling;

/// <summary>
/// Finds due start reminders and sends each exactly once across all instances sharing the store:
/// read the bucket → claim the reminder with an ETag-conditional write (a lease) → re-check the meeting
/// (cancelled, moved or already over: drop it) → post the card → record "sent" under the same claim.
/// A sender that crashes after claiming leaves a lease that lapses after <see cref="SchedulingOptions.ReminderLease"/>;
/// the next poll of any instance claims it again. The one window left is a crash after the post and before the
/// "sent" write, where the reminder is posted a second time rather than lost.
/// </summary>
public sealed class ReminderDispatcher(
    MeetingReminders reminders,
    MeetingStore meetings,
    ConversationReferenceStore references,
    BotMessenger messenger,
    IOptions<SchedulingOptions> options,
    TimeProvider timeProvider,
    ILogger<ReminderDispatcher> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SortedSet<DateTimeOffset> _openBuckets = [];
    private DateTimeOffset? _scannedThrough;

    /// <summary>This process's claim owner id.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// One poll: scans the buckets from the last scanned minute (less <see cref="SchedulingOptions.ReminderRescan"/>; on the first
    /// poll, <see cref="SchedulingOptions.ReminderCatchUp"/> back) to now, plus earlier buckets that still held unfinished reminders.
    /// Returns how many reminders this instance sent.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var settings = options.Value;
            var now = timeProvider.GetUtcNow();
            var from = _scannedThrough is { } last ? last - settings.ReminderRescan : now - settings.ReminderCatchUp;
            var buckets = new SortedSet<DateTimeOffset>(_openBuckets);
            foreach (var minute in ReminderKeys.MinutesBetween(from, now))
            {
                buckets.Add(minute);
            }

            int sent = 0;
            foreach (var minute in buckets)
            {
                bool unfinished = false;
                await foreach (var item in reminders.ReadBucketAsync(minute, cancellationToken))
                {
                    switch (await HandleAsync(item, now, cancellationToken))
                    {
                        case ReminderStep.Sent:
                            sent++;
                            break;
                        case ReminderStep.Unfinished:
                            unfinished = true;
                            break;
                    }
                }

                if (unfinished)
                {
                    _openBuckets.Add(minute);
                }
                else
                {
                    _openBuckets.Remove(minute);
                }
            }

            _scannedThrough = ReminderKeys.Minute(now);
            return sent;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<ReminderStep> HandleAsync(StoredItem<StartReminder> item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reminder = item.Value;
        switch (reminder.State)
        {
            case ReminderState.Sent or ReminderState.Dropped:
                return ReminderStep.Done;
            case ReminderState.Pending when reminder.DueUtc > now:
                return ReminderStep.Unfinished;
            case ReminderState.Claimed when reminder.LeaseUntil > now:
                return ReminderStep.Unfinished;
        }

        var claimed = await reminders.TryClaimAsync(item, InstanceId, cancellationToken);
        if (claimed is null)
        {
            // Another instance got there first; the next poll sees what it did.
            return ReminderStep.Unfinished;
        }

        var meeting = (await meetings.GetAsync(reminder.TenantId, reminder.ConversationId, reminder.MeetingKey, cancellationToken))?.Value;
        string? dropReason = meeting switch
        {
            null => "the meeting is no longer stored",
            { Status: MeetingStatus.Cancelled } => "the meeting was cancelled",
            _ when meeting.StartUtc != reminder.StartUtc => "the meeting was moved (its new time has its own reminder)",
            _ when meeting.EndUtc <= now => "the meeting was already over when the reminder was picked up",
            _ => null,
        };
        if (dropReason is not null)
        {
            SchedulingLog.ReminderDropped(logger, reminder.MeetingKey, dropReason);
            await RecordAsync(claimed, reminder with { State = ReminderState.Dropped, ClaimedBy = InstanceId, LeaseUntil = null, Outcome = dropReason }, cancellationToken);
            return ReminderStep.Done;
        }

        try
        {
            var reference = await references.GetAsync(reminder.TenantId, reminder.ConversationId, cancellationToken) ?? meeting!.Conversation;
            string? activityId = await messenger.SendCardAsync(reference, SchedulingCard.BuildStartReminder(meeting!), cancellationToken);
            SchedulingLog.ReminderSent(logger, reminder.MeetingKey, reminder.DueUtc);
            await RecordAsync(claimed, reminder with { State = ReminderState.Sent, ClaimedBy = InstanceId, LeaseUntil = null, SentActivityId = activityId, Outcome = "sent" }, cancellationToken);
            return ReminderStep.Sent;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            int attempts = reminder.Attempts + 1;
            SchedulingLog.ReminderSendFailed(logger, reminder.MeetingKey, attempts, ex);
            bool giveUp = attempts >= ReminderKeys.MaxAttempts;
            await RecordAsync(claimed, reminder with
            {
                State = giveUp ? ReminderState.Dropped : ReminderState.Pending,
                Attempts = attempts,
                ClaimedBy = null,
                LeaseUntil = null,
                Outcome = giveUp ? "sending failed " + attempts + " times" : null,
            }, cancellationToken);
            return giveUp ? ReminderStep.Done : ReminderStep.Unfinished;
        }
    }

    private async Task RecordAsync(StoredItem<StartReminder> claimed, StartReminder outcome, CancellationToken cancellationToken)
    {
        if (!await reminders.CompleteAsync(claimed, outcome, cancellationToken))
        {
            SchedulingLog.ClaimLost(logger, outcome.MeetingKey, outcome.State);
        }
    }

    private enum ReminderStep
    {
        Done,
        Sent,
        Unfinished,
    }
}
