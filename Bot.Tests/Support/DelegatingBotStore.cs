using System.Text.Json.Serialization.Metadata;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Tests.Support;

/// <summary>A store double that passes every operation to a real store; a test overrides the ones it watches or holds.</summary>
public abstract class DelegatingBotStore(IBotStore inner) : IBotStore
{
    public virtual Task<StoredItem<T>?> GetAsync<T>(string table, string partitionKey, string rowKey, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        inner.GetAsync(table, partitionKey, rowKey, type, cancellationToken);

    public virtual Task<StoredItem<T>> InsertAsync<T>(string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        inner.InsertAsync(table, partitionKey, rowKey, value, type, expiresAt, cancellationToken);

    public virtual Task<StoredItem<T>> ReplaceAsync<T>(string table, string partitionKey, string rowKey, T value, string etag, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        inner.ReplaceAsync(table, partitionKey, rowKey, value, etag, type, expiresAt, cancellationToken);

    public virtual Task<StoredItem<T>> UpsertAsync<T>(string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        inner.UpsertAsync(table, partitionKey, rowKey, value, type, expiresAt, cancellationToken);

    public virtual Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken) =>
        inner.DeleteAsync(table, partitionKey, rowKey, etag, cancellationToken);

    public virtual Task<int> PurgeExpiredAsync(CancellationToken cancellationToken) => inner.PurgeExpiredAsync(cancellationToken);

    public virtual IAsyncEnumerable<StoredItem<T>> QueryPartitionAsync<T>(string table, string partitionKey, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        inner.QueryPartitionAsync(table, partitionKey, type, cancellationToken);
}
