using Microsoft.Extensions.Options;

namespace TeamsMeetBot.Scheduling;

/// <summary>Runs <see cref="ReminderDispatcher.RunOnceAsync"/> at start and then every <see cref="SchedulingOptions.ReminderPollInterval"/> (on the injected <see cref="TimeProvider"/>).</summary>
public sealed class ReminderPollingService(ReminderDispatcher dispatcher, IOptions<SchedulingOptions> options, TimeProvider timeProvider, ILogger<ReminderPollingService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RemindersEnabled)
        {
            return;
        }

        SchedulingLog.PollerStarted(logger, settings.ReminderPollInterval, settings.ReminderLeadTime, settings.ReminderLease);
        using var timer = new PeriodicTimer(settings.ReminderPollInterval, timeProvider);
        try
        {
            do
            {
                try
                {
                    await dispatcher.RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    SchedulingLog.PollFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
