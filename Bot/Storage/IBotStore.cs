using System.Text.Json.Serialization.Metadata;

namespace TeamsMeetBot.Storage;

/// <summary>
/// All of the bot's state: meetings, calls, conversation references, idempotency keys, reminders.
/// A small key-value contract with optimistic concurrency, so an embedded SQLite file and a shared
/// Azure Table (or Cosmos DB for Table) behave the same. Values are JSON documents typed by a
/// source-generated <see cref="JsonTypeInfo{T}"/>. Expired items read as missing and are purged
/// by <see cref="PurgeExpiredAsync"/>.
/// </summary>
public interface IBotStore
{
    /// <summary>The item, or null when it does not exist or has expired.</summary>
    Task<StoredItem<T>?> GetAsync<T>(string table, string partitionKey, string rowKey, JsonTypeInfo<T> type, CancellationToken cancellationToken);

    /// <summary>Adds a new item. Throws <see cref="StoreConflictException"/> when a live item with that key exists (an expired one is replaced).</summary>
    Task<StoredItem<T>> InsertAsync<T>(string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces an item if its ETag still matches. Throws <see cref="StoreConflictException"/> when it changed or is gone.
    /// An item that expired after it was read but was neither purged nor re-inserted still matches: the writer held the
    /// latest version, and the new expiry applies (Azure Tables cannot tell otherwise without an extra read).
    /// </summary>
    Task<StoredItem<T>> ReplaceAsync<T>(string table, string partitionKey, string rowKey, T value, string etag, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken);

    /// <summary>Writes an item whatever its current state (last writer wins). For data with a single writer, such as conversation references.</summary>
    Task<StoredItem<T>> UpsertAsync<T>(string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken);

    /// <summary>Deletes an item; with an ETag only if it still matches (else <see cref="StoreConflictException"/>). False when it did not exist or had expired.</summary>
    Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken);

    /// <summary>Every live item of one partition, in row-key order (ordinal by code point, see <see cref="RowKeyOrder"/>).</summary>
    IAsyncEnumerable<StoredItem<T>> QueryPartitionAsync<T>(string table, string partitionKey, JsonTypeInfo<T> type, CancellationToken cancellationToken);

    /// <summary>Deletes expired items; returns how many were removed.</summary>
    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken);
}
