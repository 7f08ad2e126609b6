namespace TeamsMeetBot.Storage;

/// <summary>
/// Prepares a store before the bot serves: creates or migrates the SQLite schema, creates the Azure
/// tables. Idempotent. Stores also run it on first use, so a store that was unreachable at startup
/// still comes up later; <see cref="StorageInitializationService"/> runs it at startup to fail early
/// on a broken configuration.
/// </summary>
public interface IBotStoreInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
