using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// Keeps the bot's writes to one conversation (send, reply, update) under Teams' per-thread limits
/// by queueing them. Per conversation at most <see cref="ConnectorPacingOptions.MaxConcurrentPerConversation"/>
/// writes are in flight (1 by default, so messages keep their order) and, for every configured
/// window, at most its <see cref="PacingLimit.PermitLimit"/> writes start within any span of that
/// window. Writes wait in FIFO order per conversation; only when
/// <see cref="ConnectorPacingOptions.QueueLimit"/> writes are already waiting does one more fail fast
/// with <see cref="ConnectorErrorCodes.ConversationQueueFull"/>.
/// </summary>
/// <remarks>
/// <para>
/// Design: one small state object per conversation (a lock, an in-flight count, an intrusive FIFO of
/// waiters and <see cref="SegmentsPerWindow"/> + 1 segment counters per window, see
/// <see cref="PacingWindow"/>; roughly 500 bytes with the default four limits), found with one
/// dictionary lookup. Nothing scans the conversations on the hot path: a write that has room costs the lookup,
/// the lock, the counters and one small lease object. Waiting writes are served when a lease is
/// disposed, when a write arrives, or, when the head of the queue waits only for a window, by one
/// one-shot timer per conversation that is due when the earliest counted write stops counting. A
/// cleanup timer (every <see cref="CleanupInterval"/>) forgets conversations with nothing in
/// flight, nothing waiting and nothing counted in any window, so with the default one-hour window a
/// conversation is remembered for about an hour after its last write. All time comes from the
/// <see cref="TimeProvider"/>; the clock is read and timers are created outside the conversation
/// locks, because a TimeProvider may run due timer callbacks on the calling thread.
/// </para>
/// <para>
/// Windows are counted in <see cref="SegmentsPerWindow"/> segments and conservatively: a write
/// counts for at least a full window and, when the writes of its segment did not all start
/// together, for less than one segment (a quarter window) longer. So the limits are never exceeded
/// (System.Threading.RateLimiting's sliding window, used before, returned a segment's permits one
/// window after the segment began, so a write late in a segment counted for as little as three
/// quarters of a window), but a saturated conversation may wait up to a quarter window longer than
/// strictly needed.
/// </para>
/// <para>
/// Not System.Threading.RateLimiting: its partitioned limiter walks every live partition's limiters
/// every 100 ms on a timer, which with thousands of conversations cost about 8 % of the bot's CPU
/// under load; it also cannot run on a <see cref="TimeProvider"/>, so it could not be tested with
/// fake time.
/// </para>
/// </remarks>
public sealed partial class ConversationWritePacer : IDisposable
{
    internal const int SegmentsPerWindow = 4;

    /// <summary>How often conversations with nothing left to pace are forgotten.</summary>
    internal static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Conversation> conversations = new(StringComparer.Ordinal);
    private readonly Func<string, Conversation> createConversation;
    private readonly PacingWindow[] windows;
    private readonly int segmentCount;
    private readonly int maxConcurrent;
    private readonly int queueLimit;
    private readonly TimeProvider time;
    private readonly long origin;
    private readonly ITimer cleanupTimer;
    private int disposeState;

    public ConversationWritePacer(IOptions<ConnectorOptions> options)
        : this(options, TimeProvider.System)
    {
    }

    public ConversationWritePacer(IOptions<ConnectorOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var pacing = options.Value.Pacing;
        maxConcurrent = pacing.MaxConcurrentPerConversation;
        queueLimit = pacing.QueueLimit;
        time = timeProvider;
        origin = timeProvider.GetTimestamp();

        var limits = pacing.EffectiveLimits;
        windows = new PacingWindow[limits.Count];
        for (int i = 0; i < windows.Length; i++)
        {
            windows[i] = new PacingWindow(limits[i].PermitLimit, limits[i].Window, SegmentsPerWindow, segmentCount);
            segmentCount += windows[i].Slots;
        }

        createConversation = _ => new Conversation(this);
        cleanupTimer = CreateTimer(static state => ((ConversationWritePacer)state!).EvictIdle(), this, CleanupInterval, CleanupInterval);
    }

    /// <summary>Conversations currently remembered (for tests: idle ones are forgotten by the cleanup).</summary>
    internal int TrackedConversations => conversations.Count;

    /// <summary>
    /// Waits for this conversation's turn. Dispose the returned lease when the write (including its
    /// retries) has finished, so the next write of the conversation may start. Fails with a
    /// <see cref="ConnectorException"/> (<see cref="ConnectorErrorCodes.ConversationQueueFull"/>) when
    /// the conversation's queue is full; cancelling removes the write from the queue.
    /// </summary>
    public ValueTask<IDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<IDisposable>(cancellationToken);
        }

        while (true)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            var conversation = conversations.GetOrAdd(conversationId, createConversation);
            if (conversation.TryAcquire(cancellationToken, out var lease))
            {
                return lease;
            }

            // The cleanup forgot this conversation between the lookup and the lock: look it up again.
        }
    }

    /// <summary>Fails the waiting writes with <see cref="ObjectDisposedException"/> and stops the timers.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposeState, 1) != 0)
        {
            return;
        }

        cleanupTimer.Dispose();
        foreach (var entry in conversations)
        {
            entry.Value.Dispose();
        }

        conversations.Clear();
    }

    private bool IsDisposed => Volatile.Read(ref disposeState) != 0;

    private long Now() => time.GetElapsedTime(origin).Ticks;

    private ConnectorException QueueFull() => new(
        $"The conversation's write queue is full ({queueLimit} writes waiting); the message was not sent.",
        statusCode: null,
        ConnectorErrorCodes.ConversationQueueFull);

    /// <summary>A timer whose callbacks do not carry the ambient context of the write that happened to create it.</summary>
    private ITimer CreateTimer(TimerCallback callback, object state, TimeSpan dueTime, TimeSpan period) =>
        WithoutAmbientContext.Start(() => time.CreateTimer(callback, state, dueTime, period));

    private void EvictIdle()
    {
        if (IsDisposed)
        {
            return;
        }

        long now = Now();
        foreach (var entry in conversations)
        {
            entry.Value.EvictIfIdle(entry.Key, now);
        }
    }

    /// <summary>One started write; disposing it again does nothing.</summary>
    private sealed class Lease : IDisposable
    {
        private Conversation? conversation;

        public Lease(Conversation conversation) => this.conversation = conversation;

        public void Dispose() => Interlocked.Exchange(ref conversation, null)?.Release();
    }
}
