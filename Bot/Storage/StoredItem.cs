namespace TeamsMeetBot.Storage;

/// <summary>A stored value with its key, its concurrency tag and its expiry.</summary>
public sealed record StoredItem<T>(string PartitionKey, string RowKey, T Value, string ETag, DateTimeOffset? ExpiresAt);
