using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// Keeps the bot's writes to one conversation (send, reply, update) under Teams' per-thread limits
/// by queueing them: a partitioned limiter keyed by conversation id that chains a concurrency limit
/// (1 by default, so messages keep their order) with one sliding-window limit per configured
/// window. Writes wait in FIFO order; only when a conversation's queue is full does a write fail
/// fast with <see cref="ConnectorErrorCodes.ConversationQueueFull"/>. The limiters measure time
/// with the system clock (System.Threading.RateLimiting has no TimeProvider hook).
/// </summary>
public sealed class ConversationWritePacer : IDisposable
{
    private const int SegmentsPerWindow = 4;

    private readonly PartitionedRateLimiter<string> limiter;
    private readonly PartitionedRateLimiter<string>[] parts;
    private readonly int queueLimit;

    public ConversationWritePacer(IOptions<ConnectorOptions> options)
    {
        var pacing = options.Value.Pacing;
        queueLimit = pacing.QueueLimit;
        var concurrency = PartitionedRateLimiter.Create<string, string>(conversationId =>
            RateLimitPartition.GetConcurrencyLimiter(conversationId, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = pacing.MaxConcurrentPerConversation,
                QueueLimit = pacing.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }),
            StringComparer.Ordinal);

        var windows = pacing.EffectiveLimits.Select(limit => PartitionedRateLimiter.Create<string, string>(conversationId =>
            RateLimitPartition.GetSlidingWindowLimiter(conversationId, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
                SegmentsPerWindow = SegmentsPerWindow,
                QueueLimit = pacing.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }),
            StringComparer.Ordinal));

        parts = [concurrency, .. windows];
        limiter = PartitionedRateLimiter.CreateChained(parts);
    }

    /// <summary>
    /// Waits for this conversation's turn. Dispose the returned lease when the write (including its
    /// retries) has finished, so the next write of the conversation may start.
    /// </summary>
    public async ValueTask<IDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        var lease = await limiter.AcquireAsync(conversationId, 1, cancellationToken);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        throw new ConnectorException(
            $"The conversation's write queue is full ({queueLimit} writes waiting); the message was not sent.",
            statusCode: null,
            ConnectorErrorCodes.ConversationQueueFull);
    }

    public void Dispose()
    {
        limiter.Dispose();
        foreach (var part in parts)
        {
            part.Dispose();
        }
    }
}
