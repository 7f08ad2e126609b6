namespace TeamsMeetBot.Conversation;

/// <summary>
/// When the bot stops, waits (within the host's shutdown timeout) for the completion marks of turns that have
/// already answered, so a graceful stop or redeploy loses none. It stops after the web server has drained its
/// requests (the host stops services in reverse order, and the server starts after the app's services).
/// </summary>
public sealed class RedeliveryGuardShutdown(RedeliveryGuard guard) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => guard.WaitForCompletionsAsync(cancellationToken);
}
