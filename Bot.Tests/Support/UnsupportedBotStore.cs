using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Tests.Support;

/// <summary>A store double whose every operation throws; a test overrides the ones it expects to be called.</summary>
public abstract class UnsupportedBotStore : IBotStore
{
    public virtual Task<StoredItem<T>?> GetAsync<T>(string table, string partitionKey, string rowKey, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public virtual Task<StoredItem<T>> InsertAsync<T>(string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public virtual Task<StoredItem<T>> ReplaceAsync<T>(string table, string partitionKey, string rowKey, T value, string etag, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public virtual Task<StoredItem<T>> UpsertAsync<T>(string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public virtual Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public virtual Task<int> PurgeExpiredAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public virtual async IAsyncEnumerable<StoredItem<T>> QueryPartitionAsync<T>(string table, string partitionKey, JsonTypeInfo<T> type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        throw new NotSupportedException();
#pragma warning disable CS0162 // Unreachable: the iterator needs a yield to be an async stream.
        yield break;
#pragma warning restore CS0162
    }
}
