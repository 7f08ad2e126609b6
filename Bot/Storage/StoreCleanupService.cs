namespace TeamsMeetBot.Storage;

/// <summary>Purges expired items every <see cref="StorageOptions.CleanupInterval"/>. A failed run is logged and the next one tries again.</summary>
public sealed class StoreCleanupService : BackgroundService
{
    private readonly IBotStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<StoreCleanupService> _logger;

    public StoreCleanupService(IBotStore store, TimeProvider time, Microsoft.Extensions.Options.IOptions<StorageOptions> options, ILogger<StoreCleanupService> logger)
    {
        _store = store;
        _time = time;
        _interval = options.Value.CleanupInterval;
        _logger = logger;
        if (_interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _interval, "Storage:CleanupInterval must be positive, e.g. 00:10:00.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        StorageLog.CleanupScheduled(_logger, _interval);
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PurgeOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One cleanup pass; returns how many items were removed (0 when the store failed).</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            int removed = await _store.PurgeExpiredAsync(cancellationToken);
            if (removed > 0)
            {
                StorageLog.CleanupPurged(_logger, removed);
            }

            return removed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            StorageLog.CleanupFailed(_logger, _interval, ex);
            return 0;
        }
    }
}
