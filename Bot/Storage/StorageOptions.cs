namespace TeamsMeetBot.Storage;

/// <summary>Settings under <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string SqliteProvider = "Sqlite";
    public const string AzureTablesProvider = "AzureTables";

    /// <summary><c>Sqlite</c> (default, one instance) or <c>AzureTables</c> (Azure Table storage or Cosmos DB for Table, several instances).</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>How often expired items (idempotency keys, finished records) are purged.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);
}
