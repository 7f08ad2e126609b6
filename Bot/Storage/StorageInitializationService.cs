namespace TeamsMeetBot.Storage;

/// <summary>
/// Prepares the store (SQLite schema migration, Azure table creation) when the host starts, before
/// the web server accepts requests (hosted services registered by the app start before the server).
/// A broken configuration stops startup; an Azure store that cannot be reached yet only logs a
/// warning, because every store also prepares itself on first use and recovers when it comes back.
/// </summary>
public sealed class StorageInitializationService : IHostedService
{
    private readonly IBotStoreInitializer _initializer;
    private readonly ILogger<StorageInitializationService> _logger;
    private readonly bool _toleratesUnavailableStore;

    public StorageInitializationService(IBotStoreInitializer initializer, ILogger<StorageInitializationService> logger)
    {
        _initializer = initializer;
        _logger = logger;
        _toleratesUnavailableStore = initializer is AzureTableBotStore;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _initializer.InitializeAsync(cancellationToken);
        }
        catch (StoreUnavailableException ex) when (_toleratesUnavailableStore)
        {
            StorageLog.UnavailableAtStartup(_logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
