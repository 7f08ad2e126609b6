namespace TeamsMeetBot.Storage;

/// <summary>Settings under <c>Storage:AzureTables</c>. Works for Azure Table storage and Azure Cosmos DB for Table.</summary>
public sealed class AzureTableStoreOptions
{
    public const string DefaultTablePrefix = "TeamsMeetBot";

    /// <summary>A storage or Cosmos DB connection string (with a key or SAS). Takes precedence over <see cref="Endpoint"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table endpoint, e.g. <c>https://account.table.core.windows.net</c>, used with the managed identity (a TokenCredential registered in DI).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Prepended to every table name so several deployments can share an account. Letters and digits, starting with a letter.</summary>
    public string TablePrefix { get; set; } = DefaultTablePrefix;

    /// <summary>Retries of one request after a transient failure (5xx, 408, 429, connection errors).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; it doubles up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one request may take on the network before it is abandoned.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
