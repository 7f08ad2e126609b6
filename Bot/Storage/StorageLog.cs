namespace TeamsMeetBot.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "SQLite store at {Path}: schema migrated from version {FromVersion} to {ToVersion}.")]
    public static partial void SqliteMigrated(ILogger logger, string path, int fromVersion, int toVersion);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "SQLite store ready at {Path} (schema version {Version}, WAL).")]
    public static partial void SqliteReady(ILogger logger, string path, int version);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "SQLite database busy (attempt {Attempt}); retrying the write.")]
    public static partial void SqliteBusyRetry(ILogger logger, int attempt);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "SQLite WAL checkpoint of {Path} failed (SQLite error {ErrorCode}: {Reason}); the WAL grows until the next one succeeds.")]
    public static partial void SqliteCheckpointFailed(ILogger logger, string path, int errorCode, string reason);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Azure table {TableName} created at {Endpoint}.")]
    public static partial void AzureTableCreated(ILogger logger, string tableName, string endpoint);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Azure table {TableName} was not found at {Endpoint} (storage reset?); creating it and retrying.")]
    public static partial void AzureTableMissing(ILogger logger, string tableName, string endpoint);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Azure Table store ready at {Endpoint} with table prefix {TablePrefix}.")]
    public static partial void AzureReady(ILogger logger, string endpoint, string tablePrefix);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "The store is unavailable at startup; it will be retried on first use.")]
    public static partial void UnavailableAtStartup(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2030, Level = LogLevel.Information, Message = "Store cleanup removed {Count} expired items.")]
    public static partial void CleanupPurged(ILogger logger, int count);

    [LoggerMessage(EventId = 2031, Level = LogLevel.Warning, Message = "Store cleanup failed; it runs again in {Interval}.")]
    public static partial void CleanupFailed(ILogger logger, TimeSpan interval, Exception exception);

    [LoggerMessage(EventId = 2032, Level = LogLevel.Debug, Message = "Store cleanup runs every {Interval}.")]
    public static partial void CleanupScheduled(ILogger logger, TimeSpan interval);
}
