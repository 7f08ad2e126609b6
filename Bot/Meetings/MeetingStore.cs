using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Meetings;

/// <summary>
/// Meetings by conversation, with ETag concurrency. Finished meetings expire 30 days after their end. A meeting made in
/// a channel thread is also noted under its channel (<see cref="ChannelMeetingEntry"/>), so that the channel's other
/// threads find it.
/// </summary>
public sealed class MeetingStore(IBotStore store)
{
    private static readonly TimeSpan KeepAfterEnd = TimeSpan.FromDays(30);

    public Task<StoredItem<MeetingRecord>?> GetAsync(string tenantId, string conversationId, string key, CancellationToken cancellationToken) =>
        store.GetAsync(StoreTables.Meetings, MeetingRecord.PartitionFor(tenantId, conversationId), key, MeetingsJsonContext.Default.MeetingRecord, cancellationToken);

    /// <summary>Adds a new meeting; throws <see cref="StoreConflictException"/> if that key exists.</summary>
    public async Task<StoredItem<MeetingRecord>> InsertAsync(MeetingRecord meeting, CancellationToken cancellationToken)
    {
        // The channel's note first: a meeting whose note is missing could not be found from the channel's other threads,
        // while a note whose meeting is missing (the insert below failed) is passed over when read.
        if (MeetingRecord.ChannelOf(meeting.Conversation.ConversationId) is { } channel)
        {
            try
            {
                await store.InsertAsync(StoreTables.Meetings, MeetingRecord.ChannelPartitionFor(meeting.TenantId, channel), meeting.Key,
                    new ChannelMeetingEntry(meeting.Key, meeting.Conversation.ConversationId), MeetingsJsonContext.Default.ChannelMeetingEntry,
                    meeting.EndUtc + KeepAfterEnd, cancellationToken);
            }
            catch (StoreConflictException)
            {
                // A redelivery of the same request: noted already.
            }
        }

        return await store.InsertAsync(StoreTables.Meetings, MeetingRecord.PartitionFor(meeting.TenantId, meeting.Conversation.ConversationId), meeting.Key, meeting,
            MeetingsJsonContext.Default.MeetingRecord, meeting.EndUtc + KeepAfterEnd, cancellationToken);
    }

    public Task<StoredItem<MeetingRecord>> ReplaceAsync(MeetingRecord meeting, string etag, CancellationToken cancellationToken) =>
        store.ReplaceAsync(StoreTables.Meetings, MeetingRecord.PartitionFor(meeting.TenantId, meeting.Conversation.ConversationId), meeting.Key, meeting, etag,
            MeetingsJsonContext.Default.MeetingRecord, meeting.EndUtc + KeepAfterEnd, cancellationToken);

    /// <summary>The newest active meeting in a conversation, optionally only those a given person organised.</summary>
    public async Task<StoredItem<MeetingRecord>?> LatestAsync(string tenantId, string conversationId, string? organizerAadObjectId, CancellationToken cancellationToken) =>
        (await ActiveAsync(tenantId, conversationId, organizerAadObjectId, cancellationToken)).MaxBy(item => item.Value.CreatedAt);

    /// <summary>
    /// The active (not cancelled) meetings in a conversation, optionally only those a given person organised. From a
    /// channel thread, the meetings of the whole channel: each thread is a conversation of its own, and people post new
    /// messages (new threads) to ask about a meeting made in another.
    /// </summary>
    public async Task<List<StoredItem<MeetingRecord>>> ActiveAsync(string tenantId, string conversationId, string? organizerAadObjectId, CancellationToken cancellationToken)
    {
        bool Wanted(MeetingRecord meeting) =>
            meeting.Status == MeetingStatus.Active
            && (organizerAadObjectId is null || string.Equals(meeting.Organizer.AadObjectId, organizerAadObjectId, StringComparison.OrdinalIgnoreCase));

        var active = new List<StoredItem<MeetingRecord>>();
        await foreach (var item in store.QueryPartitionAsync(StoreTables.Meetings, MeetingRecord.PartitionFor(tenantId, conversationId), MeetingsJsonContext.Default.MeetingRecord, cancellationToken))
        {
            if (Wanted(item.Value))
            {
                active.Add(item);
            }
        }

        if (MeetingRecord.ChannelOf(conversationId) is { } channel)
        {
            var elsewhere = new List<ChannelMeetingEntry>();
            await foreach (var note in store.QueryPartitionAsync(StoreTables.Meetings, MeetingRecord.ChannelPartitionFor(tenantId, channel), MeetingsJsonContext.Default.ChannelMeetingEntry, cancellationToken))
            {
                if (!string.Equals(note.Value.ThreadConversationId, conversationId, StringComparison.Ordinal)
                    && string.Equals(MeetingRecord.ChannelOf(note.Value.ThreadConversationId), channel, StringComparison.Ordinal))
                {
                    elsewhere.Add(note.Value);
                }
            }

            var found = await Task.WhenAll(elsewhere.Select(note => GetAsync(tenantId, note.ThreadConversationId, note.Key, cancellationToken)));
            active.AddRange(found.OfType<StoredItem<MeetingRecord>>().Where(item => Wanted(item.Value)));
        }

        return active;
    }

    /// <summary>Read-modify-write with retry on concurrent changes; <paramref name="change"/> returns null to leave the record as it is.</summary>
    public Task<MeetingRecord?> UpdateAsync(string tenantId, string conversationId, string key, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken) =>
        UpdateAsync(held: null, tenantId, conversationId, key, change, cancellationToken);

    /// <summary>
    /// The same, starting from a version the caller holds (just inserted or read) instead of reading it again; when the
    /// record changed since, the write is refused on its ETag and the update reads the record and tries again.
    /// </summary>
    public Task<MeetingRecord?> UpdateAsync(StoredItem<MeetingRecord> held, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        return UpdateAsync(held, held.Value.TenantId, held.Value.Conversation.ConversationId, held.Value.Key, change, cancellationToken);
    }

    private async Task<MeetingRecord?> UpdateAsync(StoredItem<MeetingRecord>? held, string tenantId, string conversationId, string key,
        Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var current = attempt == 0 && held is not null ? held : await GetAsync(tenantId, conversationId, key, cancellationToken);
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
                return (await ReplaceAsync(changed, current.ETag, cancellationToken)).Value;
            }
            catch (StoreConflictException) when (attempt < 5)
            {
            }
        }
    }
}
