using TeamsMeetBot.Meetings;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Calls;

/// <summary>
/// Calls by Graph call id, plus each meeting's pointer to its current call. Every change is a
/// read-modify-write with ETag concurrency and retry, so concurrent notifications on several instances
/// all land. Records expire a week after their last change.
/// </summary>
public sealed class CallStore(IBotStore store, TimeProvider timeProvider)
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(7);

    public async Task<CallRecord?> GetAsync(string callId, CancellationToken cancellationToken) =>
        (await store.GetAsync(StoreTables.Calls, callId, CallRecord.RowKey, CallsJsonContext.Default.CallRecord, cancellationToken))?.Value;

    /// <summary>
    /// Creates the record with <paramref name="create"/> when it does not exist, else applies <paramref name="change"/>
    /// (null = leave as is). Retries on concurrent changes. Returns the record as stored (or as found when unchanged).
    /// </summary>
    public async Task<CallRecord> UpsertAsync(string callId, Func<CallRecord> create, Func<CallRecord, CallRecord?> change, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var current = await store.GetAsync(StoreTables.Calls, callId, CallRecord.RowKey, CallsJsonContext.Default.CallRecord, cancellationToken);
            try
            {
                if (current is null)
                {
                    var created = change(create()) ?? create();
                    return (await store.InsertAsync(StoreTables.Calls, callId, CallRecord.RowKey, created, CallsJsonContext.Default.CallRecord, Expiry(), cancellationToken)).Value;
                }

                var changed = change(current.Value);
                if (changed is null)
                {
                    return current.Value;
                }

                return (await store.ReplaceAsync(StoreTables.Calls, callId, CallRecord.RowKey, changed, current.ETag, CallsJsonContext.Default.CallRecord, Expiry(), cancellationToken)).Value;
            }
            catch (StoreConflictException) when (attempt < 8)
            {
            }
        }
    }

    /// <summary>Changes an existing record; null when there is none.</summary>
    public async Task<CallRecord?> UpdateAsync(string callId, Func<CallRecord, CallRecord?> change, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var current = await store.GetAsync(StoreTables.Calls, callId, CallRecord.RowKey, CallsJsonContext.Default.CallRecord, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var changed = change(current.Value);
            if (changed is null)
            {
                return current.Value;
            }

            try
            {
                return (await store.ReplaceAsync(StoreTables.Calls, callId, CallRecord.RowKey, changed, current.ETag, CallsJsonContext.Default.CallRecord, Expiry(), cancellationToken)).Value;
            }
            catch (StoreConflictException) when (attempt < 8)
            {
            }
        }
    }

    /// <summary>The meeting's current call, if the bot ever joined it.</summary>
    public async Task<CallRecord?> CurrentForMeetingAsync(string tenantId, string conversationId, string meetingKey, CancellationToken cancellationToken)
    {
        var pointer = await store.GetAsync(StoreTables.Calls, MeetingRecord.PartitionFor(tenantId, conversationId), meetingKey, CallsJsonContext.Default.CallPointer, cancellationToken);
        return pointer is null ? null : await GetAsync(pointer.Value.CallId, cancellationToken);
    }

    /// <summary>Points the meeting at a new call (joining again after a call ended replaces the old one).</summary>
    public Task SetCurrentForMeetingAsync(string tenantId, string conversationId, string meetingKey, string callId, CancellationToken cancellationToken) =>
        store.UpsertAsync(StoreTables.Calls, MeetingRecord.PartitionFor(tenantId, conversationId), meetingKey, new CallPointer(callId, timeProvider.GetUtcNow()),
            CallsJsonContext.Default.CallPointer, Expiry(), cancellationToken);

    private DateTimeOffset Expiry() => timeProvider.GetUtcNow() + Keep;
}
