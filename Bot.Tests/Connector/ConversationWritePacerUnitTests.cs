using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.Tests.Connector;

/// <summary>
/// The pacer on its own, on fake time: after every step of the clock the tests assert which writes
/// have started (counts and order), never how long anything took.
/// </summary>
public sealed class ConversationWritePacerUnitTests : IDisposable
{
    private const string Chat = "a:chat";
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    private readonly List<ConversationWritePacer> pacers = [];

    public void Dispose()
    {
        foreach (var pacer in pacers)
        {
            pacer.Dispose();
        }
    }

    /// <param name="limits">Like <c>"7/1, 8/2"</c>: 7 writes per 1 s and 8 per 2 s.</param>
    private (ConversationWritePacer Pacer, CountingTimeProvider Time) Create(string limits, int queueLimit = 100, int concurrency = 1)
    {
        var time = new CountingTimeProvider();
        var options = new ConnectorOptions
        {
            Pacing = new ConnectorPacingOptions
            {
                Limits = ParseLimits(limits),
                QueueLimit = queueLimit,
                MaxConcurrentPerConversation = concurrency,
            },
        };
        var pacer = new ConversationWritePacer(Options.Create(options), time);
        pacers.Add(pacer);
        return (pacer, time);
    }

    private static PacingLimit[] ParseLimits(string limits) =>
        limits.Split(',', StringSplitOptions.TrimEntries)
            .Select(limit => limit.Split('/'))
            .Select(parts => new PacingLimit
            {
                PermitLimit = int.Parse(parts[0], CultureInfo.InvariantCulture),
                Window = TimeSpan.FromSeconds(double.Parse(parts[1], CultureInfo.InvariantCulture)),
            })
            .ToArray();

    private static Task<IDisposable> Acquire(ConversationWritePacer pacer, string conversationId = Chat, CancellationToken cancellationToken = default) =>
        pacer.AcquireAsync(conversationId, cancellationToken).AsTask();

    /// <summary>Indexes of the writes that have started, in index order.</summary>
    private static int[] Started(Task<IDisposable>[] writes) =>
        Enumerable.Range(0, writes.Length).Where(i => writes[i].IsCompletedSuccessfully).ToArray();

    private static int[] FirstN(int count) => Enumerable.Range(0, count).ToArray();

    public static TheoryData<string, int[]> WindowCases => new()
    {
        // Limits, then for each write made at 0 (in this order) the millisecond it may start.
        { "2/1", [0, 0, 1000] },
        { "2/1", [0, 0, 1000, 1000, 2000] },
        { "1/0.05", [0, 50, 100, 150] },
        // 7 fill the 1 s window; the 8th waits for it; then the 2 s window (8 since 0) holds the 9th until 2 s.
        { "7/1, 8/2", [0, 0, 0, 0, 0, 0, 0, 1000, 2000, 2000] },
        // The 4th write (at 1 s) shares the first 2.5 s segment of the 10 s window with the first three, so
        // that segment counts until 1 s + 10 s: segment counting is conservative, never early.
        { "3/1, 4/10", [0, 0, 0, 1000, 11000, 11000] },
        { "2/30, 3/3600", [0, 0, 30000, 3630000, 3630000] },
    };

    [Theory]
    [MemberData(nameof(WindowCases))]
    public void Writes_start_when_every_window_has_room_and_in_the_order_they_were_made(string limits, int[] startMs)
    {
        var (pacer, time) = Create(limits, concurrency: startMs.Length);
        var writes = startMs.Select(_ => Acquire(pacer)).ToArray();
        long elapsedMs = 0;

        foreach (int moment in startMs.Distinct().Order())
        {
            if (moment > elapsedMs)
            {
                time.Advance(TimeSpan.FromMilliseconds(moment - elapsedMs) - Millisecond);
                Assert.Equal(FirstN(startMs.Count(s => s < moment)), Started(writes));
                time.Advance(Millisecond);
                elapsedMs = moment;
            }

            Assert.Equal(FirstN(startMs.Count(s => s <= moment)), Started(writes));
        }

        // Once all have started, only the cleanup timer is left.
        Assert.Equal(1, time.ActiveTimers);
    }

    [Fact]
    public void Writes_blocked_by_a_window_share_one_timer_for_their_conversation()
    {
        var (pacer, time) = Create("1/1", concurrency: 10);

        var writes = Enumerable.Range(0, 5).Select(_ => Acquire(pacer)).ToArray();
        var other = Enumerable.Range(0, 3).Select(_ => Acquire(pacer, "a:other")).ToArray();

        Assert.Equal([0], Started(writes));
        Assert.Equal([0], Started(other));
        Assert.Equal(3, time.ActiveTimers); // the cleanup and one per blocked conversation
        Assert.Equal(3, time.CreatedTimers); // not one per waiting write

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([0, 1], Started(writes));
        Assert.Equal(3, time.ActiveTimers);
        Assert.Equal(5, time.CreatedTimers); // each conversation re-armed once
    }

    [Fact]
    public async Task Queued_writes_start_in_order_under_the_concurrency_and_the_window()
    {
        var (pacer, time) = Create("2/1", concurrency: 1);
        var writes = Enumerable.Range(0, 5).Select(_ => Acquire(pacer)).ToArray();

        Assert.Equal([0], Started(writes));
        (await writes[0]).Dispose();
        Assert.Equal([0, 1], Started(writes));
        (await writes[1]).Dispose();
        Assert.Equal([0, 1], Started(writes)); // window full

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([0, 1, 2], Started(writes)); // room for two, but one at a time
        (await writes[2]).Dispose();
        Assert.Equal([0, 1, 2, 3], Started(writes));
        (await writes[3]).Dispose();
        Assert.Equal([0, 1, 2, 3], Started(writes));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([0, 1, 2, 3, 4], Started(writes));
    }

    [Fact]
    public void A_new_write_does_not_overtake_a_waiting_one_when_the_timer_is_late()
    {
        var (pacer, time) = Create("1/1", concurrency: 10);
        var first = Acquire(pacer);
        var waiting = Acquire(pacer);
        time.HoldTimers();
        time.Advance(TimeSpan.FromSeconds(1)); // the window has room again, but the wake-up has not run yet

        var newcomer = Acquire(pacer);

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(waiting.IsCompletedSuccessfully); // started by the newcomer's visit, in its turn
        Assert.False(newcomer.IsCompleted);
        time.ReleaseHeldTimers();
        Assert.False(newcomer.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(newcomer.IsCompletedSuccessfully);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task At_most_MaxConcurrentPerConversation_writes_are_in_flight(int concurrency)
    {
        var (pacer, time) = Create("1000/1", concurrency: concurrency);

        var writes = Enumerable.Range(0, concurrency + 2).Select(_ => Acquire(pacer)).ToArray();
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(FirstN(concurrency), Started(writes));

        var first = await writes[0];
        first.Dispose();
        Assert.Equal(FirstN(concurrency + 1), Started(writes));

        // Disposing the same lease again frees nothing: the last write still waits.
        first.Dispose();
        Assert.Equal(FirstN(concurrency + 1), Started(writes));

        (await writes[1]).Dispose();
        Assert.Equal(FirstN(concurrency + 2), Started(writes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task One_more_write_than_QueueLimit_waiting_fails_fast(int queueLimit)
    {
        var (pacer, _) = Create("1000/1", queueLimit: queueLimit, concurrency: 1);
        var first = await Acquire(pacer);
        var waiting = Enumerable.Range(0, queueLimit).Select(_ => Acquire(pacer)).ToArray();

        var full = Acquire(pacer);

        Assert.True(full.IsFaulted);
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => full);
        Assert.Equal(ConnectorErrorCodes.ConversationQueueFull, ex.ErrorCode);
        Assert.Null(ex.StatusCode);
        Assert.Contains(queueLimit.ToString(CultureInfo.InvariantCulture) + " writes waiting", ex.Message, StringComparison.Ordinal);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        (await Acquire(pacer, "a:other")).Dispose(); // other conversations are not affected

        first.Dispose();
        var again = Acquire(pacer);
        Assert.False(again.IsFaulted); // one left the queue (or none was needed), so there is room again
        Assert.Equal(queueLimit == 0, again.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_the_next_write_takes_its_turn()
    {
        var (pacer, _) = Create("1000/1", queueLimit: 2, concurrency: 1);
        var first = await Acquire(pacer);
        using var cancel = new CancellationTokenSource();
        var cancelled = Acquire(pacer, cancellationToken: cancel.Token);
        var next = Acquire(pacer);
        Assert.True(Acquire(pacer).IsFaulted); // queue full

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(cancelled.IsCanceled);
        var behind = Acquire(pacer); // the cancelled write's queue place is free again
        Assert.False(behind.IsCompleted);

        first.Dispose();
        Assert.True(next.IsCompletedSuccessfully);
        Assert.False(behind.IsCompleted);
        (await next).Dispose();
        Assert.True(behind.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_cancelled_waiter_uses_no_permit_of_the_window()
    {
        var (pacer, time) = Create("1/1", concurrency: 10);
        (await Acquire(pacer)).Dispose();
        using var cancel = new CancellationTokenSource();
        var cancelled = Acquire(pacer, cancellationToken: cancel.Token);
        var second = Acquire(pacer);
        var third = Acquire(pacer);

        await cancel.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(cancelled.IsCanceled);
        Assert.True(second.IsCompletedSuccessfully);
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(third.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Cancelling_every_waiter_drops_the_conversation_timer()
    {
        var (pacer, time) = Create("1/1", concurrency: 10);
        (await Acquire(pacer)).Dispose();
        using var cancel = new CancellationTokenSource();
        var waiters = Enumerable.Range(0, 3).Select(_ => Acquire(pacer, cancellationToken: cancel.Token)).ToArray();
        Assert.Equal(2, time.ActiveTimers);

        await cancel.CancelAsync();

        Assert.All(waiters, w => Assert.True(w.IsCanceled));
        Assert.Equal(1, time.ActiveTimers);
    }

    [Fact]
    public async Task An_already_cancelled_write_is_cancelled_without_using_a_permit()
    {
        var (pacer, _) = Create("1/1", concurrency: 1);

        var cancelled = Acquire(pacer, cancellationToken: new CancellationToken(canceled: true));

        Assert.True(cancelled.IsCanceled);
        var write = Acquire(pacer);
        Assert.True(write.IsCompletedSuccessfully);
        (await write).Dispose();
    }

    [Fact]
    public async Task Idle_conversations_are_forgotten_once_nothing_counts_against_them()
    {
        var (pacer, time) = Create("1/1", concurrency: 1);
        (await Acquire(pacer, "a:idle")).Dispose();
        var busy = await Acquire(pacer, "a:busy");
        var queuedFirst = await Acquire(pacer, "a:queued");
        var queuedSecond = Acquire(pacer, "a:queued");
        Assert.Equal(3, pacer.TrackedConversations);

        time.Advance(ConversationWritePacer.CleanupInterval);
        Assert.Equal(2, pacer.TrackedConversations); // only a:idle had nothing in flight and nothing waiting

        busy.Dispose();
        queuedFirst.Dispose();
        Assert.True(queuedSecond.IsCompletedSuccessfully);
        (await queuedSecond).Dispose();
        time.Advance(ConversationWritePacer.CleanupInterval);
        Assert.Equal(0, pacer.TrackedConversations);

        // A forgotten conversation starts afresh.
        (await Acquire(pacer, "a:idle")).Dispose();
        Assert.Equal(1, pacer.TrackedConversations);
        Assert.False(Acquire(pacer, "a:idle").IsCompleted); // and is paced as before
    }

    [Fact]
    public async Task A_conversation_is_kept_while_its_longest_window_still_counts_a_write()
    {
        var (pacer, time) = Create("1/1, 10/3600", concurrency: 1);
        (await Acquire(pacer)).Dispose();

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(1, pacer.TrackedConversations);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, pacer.TrackedConversations);
    }

    [Fact]
    public async Task A_write_that_races_the_cleanup_is_counted_on_the_state_that_stays()
    {
        var (pacer, time) = Create("1/1", concurrency: 1);
        (await Acquire(pacer)).Dispose();
        time.Advance(TimeSpan.FromSeconds(59)); // idle, and nothing counts any more; the cleanup is due in 1 s

        // The acquire finds the old state, then the cleanup forgets it before the acquire takes its lock.
        time.BeforeNextTimestamp(() => time.Advance(TimeSpan.FromSeconds(1)));
        var write = Acquire(pacer);

        Assert.True(write.IsCompletedSuccessfully);
        Assert.Equal(1, pacer.TrackedConversations);
        (await write).Dispose();
        Assert.False(Acquire(pacer).IsCompleted); // the write counts against the window of the state in use
    }

    [Fact]
    public async Task Disposing_the_pacer_fails_the_waiting_writes_and_stops_the_timers()
    {
        var (pacer, time) = Create("1/1", concurrency: 1);
        var first = await Acquire(pacer);
        var waitingForTurn = Acquire(pacer);
        (await Acquire(pacer, "a:other")).Dispose();
        var waitingForWindow = Acquire(pacer, "a:other");
        Assert.Equal(2, time.ActiveTimers);

        pacer.Dispose();

        Assert.True(waitingForTurn.IsFaulted);
        Assert.True(waitingForWindow.IsFaulted);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waitingForTurn);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waitingForWindow);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pacer.AcquireAsync(Chat, CancellationToken.None));
        Assert.Equal(0, time.ActiveTimers);
        first.Dispose();
        first.Dispose();
        pacer.Dispose();
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, time.ActiveTimers);
    }

    [Theory]
    [InlineData("1000000/1", 60_000, 1000)] // windows never bind: acquires race the cleanup
    [InlineData("3/1", 100, 200)] // windows bind: wake-up timers race acquires, releases and the cleanup
    public async Task Concurrent_writes_with_evictions_never_exceed_the_concurrency_and_all_finish(string limits, int stepMs, int writesPerWorker)
    {
        const int Concurrency = 1;
        const int Conversations = 8;
        const int Workers = 16;
        var (pacer, time) = Create(limits, queueLimit: Workers, concurrency: Concurrency);
        var inFlight = new int[Conversations];
        int mostInFlight = 0;
        int finished = 0;

        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (int i = 0; i < writesPerWorker; i++)
            {
                int conversation = (worker + i) % Conversations;
                using (await pacer.AcquireAsync("a:" + conversation.ToString(CultureInfo.InvariantCulture), CancellationToken.None))
                {
                    int now = Interlocked.Increment(ref inFlight[conversation]);
                    int seen;
                    while (now > (seen = Volatile.Read(ref mostInFlight)) && Interlocked.CompareExchange(ref mostInFlight, now, seen) != seen)
                    {
                    }

                    await Task.Yield();
                    Interlocked.Decrement(ref inFlight[conversation]);
                }

                Interlocked.Increment(ref finished);
            }
        })).ToArray();
        var all = Task.WhenAll(workers);

        // Keep the clock, and with it the cleanup and the wake-ups, running while the writes race them.
        var guard = Task.Delay(TimeSpan.FromSeconds(60));
        while (!all.IsCompleted && !guard.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(stepMs));
            await Task.Yield();
        }

        Assert.True(all.IsCompleted, "the writes did not finish: a lost wake-up or a stuck queue");
        await all;
        Assert.InRange(mostInFlight, 1, Concurrency);
        Assert.Equal(Workers * writesPerWorker, finished);
    }

    [Fact]
    public async Task The_registered_pacer_runs_on_the_registered_TimeProvider()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new BotRuntime(false, "00000000-0000-0000-0000-0000000000b0", "72f988bf-86f1-41af-91ab-2d7cd011db47"));
        services.AddSingleton(Options.Create(new BotCredentialsOptions()));
        services.AddSingleton<TimeProvider>(time);
        services.AddConnectorClient(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connector:Pacing:Limits:0:PermitLimit"] = "1",
            ["Connector:Pacing:Limits:0:Window"] = "00:00:01",
        }).Build());
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        var pacer = provider.GetRequiredService<ConversationWritePacer>();

        (await pacer.AcquireAsync(Chat, CancellationToken.None)).Dispose();
        var second = Acquire(pacer);
        Assert.False(second.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(second.IsCompletedSuccessfully);
    }
}
