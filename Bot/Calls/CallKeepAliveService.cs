namespace TeamsMeetBot.Calls;

/// <summary>Runs <see cref="CallKeepAlive"/> every minute.</summary>
public sealed class CallKeepAliveService(CallKeepAlive keepAlive, TimeProvider timeProvider, ILogger<CallKeepAliveService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await keepAlive.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                CallsLog.KeepAliveRoundFailed(logger, ex);
            }
        }
    }
}
