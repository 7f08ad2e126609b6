using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using TeamsMeetBot.LocalGraph;

namespace TeamsMeetBot.Tests.LocalGraph;

/// <summary>The simulators' latency wait ends at its deadline on the given clock: not before, and promptly after.</summary>
public sealed class SimulatedLatencyTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task Completes_only_when_the_clock_reaches_the_deadline_also_inside_the_spin_margin()
    {
        long deadline = _clock.GetTimestamp() + (long)(0.100 * _clock.TimestampFrequency);
        var wait = SimulatedLatency.WaitUntilAsync(_clock, deadline, CancellationToken.None);

        _clock.Advance(TimeSpan.FromMilliseconds(50));
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);

        _clock.Advance(TimeSpan.FromMilliseconds(49)); // the sleep is over; the wait now yields until the deadline
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_deadline_already_passed_completes_at_once()
    {
        long deadline = _clock.GetTimestamp();
        _clock.Advance(TimeSpan.FromMilliseconds(5));

        Assert.True(SimulatedLatency.WaitUntilAsync(_clock, deadline, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Cancellation_ends_the_wait_while_it_yields()
    {
        using var cancellation = new CancellationTokenSource();
        long deadline = _clock.GetTimestamp() + (long)(0.001 * _clock.TimestampFrequency); // inside the spin margin: no sleep
        var wait = SimulatedLatency.WaitUntilAsync(_clock, deadline, cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_later_wait_with_an_earlier_deadline_completes_first()
    {
        long start = _clock.GetTimestamp();
        var late = SimulatedLatency.WaitUntilAsync(_clock, start + Milliseconds(40), CancellationToken.None);
        await Task.Delay(20); // the waiting thread is asleep on the 40 ms deadline
        var early = SimulatedLatency.WaitUntilAsync(_clock, start + Milliseconds(10), CancellationToken.None);

        _clock.Advance(TimeSpan.FromMilliseconds(10));
        await early.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(late.IsCompleted);

        _clock.Advance(TimeSpan.FromMilliseconds(30));
        await late.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancelling_one_wait_leaves_the_others_waiting()
    {
        using var cancellation = new CancellationTokenSource();
        long start = _clock.GetTimestamp();
        var cancelled = SimulatedLatency.WaitUntilAsync(_clock, start + Milliseconds(10), cancellation.Token);
        var kept = SimulatedLatency.WaitUntilAsync(_clock, start + Milliseconds(20), CancellationToken.None);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(10)));

        _clock.Advance(TimeSpan.FromMilliseconds(19));
        await Task.Delay(50);
        Assert.False(kept.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await kept.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task On_the_system_clock_concurrent_waits_never_end_before_their_deadlines()
    {
        var random = new Random(27);
        var early = new ConcurrentBag<double>();
        var waits = Enumerable.Range(0, 200).Select(async i =>
        {
            await Task.Delay(random.Next(0, 30));
            long deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * random.Next(1, 25) / 1000;
            await SimulatedLatency.WaitUntilAsync(TimeProvider.System, deadline, CancellationToken.None);
            long now = Stopwatch.GetTimestamp();
            if (now < deadline)
            {
                early.Add((deadline - now) * 1000.0 / Stopwatch.Frequency);
            }
        }).ToList();

        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(early);
    }

    /// <summary>
    /// Waits that end between 2 and 3 ms away sleep rather than spin: a coarse wait shorter than a millisecond used to
    /// return at once (a monitor wait counts whole milliseconds) and sent the thread round its loop thousands of times.
    /// </summary>
    [Fact]
    public async Task On_the_system_clock_the_deadline_thread_sleeps_rather_than_spins()
    {
        await SimulatedLatency.WaitUntilAsync(TimeProvider.System, Stopwatch.GetTimestamp() + Stopwatch.Frequency / 1000, CancellationToken.None);
        long before = SimulatedLatency.LoopPasses(TimeProvider.System);

        for (int i = 0; i < 20; i++)
        {
            await SimulatedLatency.WaitUntilAsync(TimeProvider.System, Stopwatch.GetTimestamp() + Stopwatch.Frequency * (2500 + 25 * i) / 1_000_000, CancellationToken.None);
        }

        long passes = SimulatedLatency.LoopPasses(TimeProvider.System) - before;
        if (MonotonicSleep.IsAvailable)
        {
            Assert.InRange(passes, 20, 20 * 8); // a few passes per wait; other tests' concurrent waits on this clock add some
        }
        else
        {
            Assert.True(passes >= 20); // elsewhere the final stretch is a yield loop by design
        }
    }

    [Fact]
    public void On_64_bit_Linux_the_exact_sleep_is_used_and_sleeps_to_the_stopwatch_deadline()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            Assert.False(MonotonicSleep.IsAvailable);
            return;
        }

        Assert.True(MonotonicSleep.IsAvailable);
        long deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 200; // 5 ms
        MonotonicSleep.Until(deadline);
        Assert.True(Stopwatch.GetTimestamp() >= deadline);
    }

    [Fact]
    public void The_exact_sleep_tightens_the_timer_slack_for_the_sleep_only()
    {
        // On a thread of its own (a new thread starts with its creator's slack); assertions run back on the test's thread.
        long before = 0, after = 0, deadline = 0, woke = 0;
        var thread = new Thread(() =>
        {
            before = MonotonicSleep.TimerSlackOfThisThread();
            if (MonotonicSleep.IsAvailable)
            {
                deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 1000;
                MonotonicSleep.UntilExactly(deadline);
                woke = Stopwatch.GetTimestamp();
            }

            after = MonotonicSleep.TimerSlackOfThisThread();
        });
        thread.Start();
        thread.Join();

        if (!MonotonicSleep.IsAvailable)
        {
            Assert.Equal(-1, before);
            return;
        }

        Assert.True(woke >= deadline, "woke before the deadline");

        // Threads inherit the slack of the thread that starts them, so a slack of 1 ns left behind would spread.
        Assert.True(before > 1, $"a new thread's timer slack was {before} ns");
        Assert.Equal(before, after);
    }

    private long Milliseconds(int milliseconds) => (long)(milliseconds / 1000.0 * _clock.TimestampFrequency);
}
