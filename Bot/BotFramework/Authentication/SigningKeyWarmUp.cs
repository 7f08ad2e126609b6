using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.BotFramework.Authentication;

/// <summary>
/// Starts downloading the Bot Connector signing keys when the host starts, without holding the start up, so the
/// first message after a deploy or a restart does not wait for the two requests to the OpenID metadata and its key
/// set. A failed download is logged by the cache, and the first message tries again. Local mode validates no
/// tokens and downloads nothing.
/// </summary>
public sealed class SigningKeyWarmUp(SigningKeyCache keys, BotRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!runtime.IsLocalMode)
        {
            // Fire and forget: the download never faults and logs its own failure.
            _ = keys.WarmUpAsync();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
