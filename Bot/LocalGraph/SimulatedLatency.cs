using System.Runtime.CompilerServices;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// Waits out a simulated latency to its deadline, precisely and cheaply, for the simulated Graph and the bench's
/// fake Connector (linked source), so a benchmark measures the code under test rather than the simulators.
/// <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> alone wakes up late at the tail (the timer
/// thread, then a pool thread): on the 2-core bench machine, idle, a 20 ms delay took 20.2 ms at p50 but 24.4 ms
/// at p99. Yielding in a loop on every waiting request's pool thread instead was precise when idle, but under load
/// the spinning threads took the processors the code under test needed, and still came back late.
/// Here one thread per clock keeps the waits in deadline order: it waits coarsely until
/// <see cref="FinalStretch"/> before the earliest deadline, then sleeps exactly to it (<see cref="MonotonicSleep"/>
/// on Linux; elsewhere, and on a test's fake clock, it yields in a loop for that last stretch).
/// </summary>
internal static class SimulatedLatency
{
    /// <summary>How long before a deadline the coarse wait ends and the exact one starts.</summary>
    public static readonly TimeSpan FinalStretch = TimeSpan.FromMilliseconds(2);

    private static readonly ConditionalWeakTable<TimeProvider, DeadlineThread> Threads = [];

    /// <summary>Completes <paramref name="latency"/> after <paramref name="arrived"/> (a timestamp of <paramref name="time"/>).</summary>
    public static Task WaitOutAsync(TimeProvider time, long arrived, TimeSpan latency, CancellationToken cancellationToken) =>
        latency > TimeSpan.Zero
            ? WaitUntilAsync(time, arrived + (long)(latency.TotalSeconds * time.TimestampFrequency), cancellationToken)
            : Task.CompletedTask;

    /// <summary>Completes once <paramref name="time"/>'s timestamp reaches <paramref name="deadline"/>.</summary>
    public static Task WaitUntilAsync(TimeProvider time, long deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (time.GetTimestamp() >= deadline)
        {
            return Task.CompletedTask;
        }

        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled(cancellationToken)
            : Threads.GetValue(time, static t => new DeadlineThread(t)).WaitAsync(deadline, cancellationToken);
    }

    /// <summary>How many times the deadline thread of <paramref name="time"/> went round its loop (tests: it must sleep, not spin).</summary>
    internal static long LoopPasses(TimeProvider time) => Threads.TryGetValue(time, out var thread) ? thread.Passes : 0;

    /// <summary>
    /// The pending waits of one clock, completed in deadline order by one background thread, which ends after a
    /// second without waits. Completions run their continuations on the thread pool, never on this thread.
    /// </summary>
    private sealed class DeadlineThread
    {
        private static readonly TimeSpan Linger = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan CoarseWaitUnit = TimeSpan.FromMilliseconds(1);

        private readonly TimeProvider _time;
        private readonly bool _exactSleep;
        private readonly object _gate = new(); // Monitor.Wait/Pulse, so not a System.Threading.Lock
        private readonly PriorityQueue<Waiter, long> _waiters = new();
        private readonly ITimer? _fakeClockTimer;
        private bool _running;
        private bool _wakeRequested;
        private long _passes;

        public DeadlineThread(TimeProvider time)
        {
            _time = time;
            bool systemClock = ReferenceEquals(time, TimeProvider.System);
            _exactSleep = systemClock && MonotonicSleep.IsAvailable;

            // The coarse wait is a monitor wait with a timeout on the system clock; another clock (a test's fake)
            // wakes it through a timer of its own.
            _fakeClockTimer = systemClock ? null : time.CreateTimer(static state => ((DeadlineThread)state!).Wake(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public long Passes => Interlocked.Read(ref _passes);

        public Task WaitAsync(long deadline, CancellationToken cancellationToken)
        {
            var waiter = new Waiter(this);
            lock (_gate)
            {
                _waiters.Enqueue(waiter, deadline);
                if (!_running)
                {
                    _running = true;
                    new Thread(Run) { IsBackground = true, Name = "Simulated latency" }.UnsafeStart();
                }
                else if (_waiters.TryPeek(out var first, out _) && ReferenceEquals(first, waiter))
                {
                    WakeUnderGate(); // a new earliest deadline
                }
            }

            if (cancellationToken.CanBeCanceled)
            {
                waiter.Registration = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), waiter);
            }

            return waiter.Task;
        }

        private void Wake()
        {
            lock (_gate)
            {
                WakeUnderGate();
            }
        }

        private void WakeUnderGate()
        {
            _wakeRequested = true;
            Monitor.PulseAll(_gate);
        }

        // The clock is read, and its timer set, outside the gate: a fake clock calls the timer back under a lock of its own.
        private void Run()
        {
            var spinner = default(SpinWait);
            while (true)
            {
                Interlocked.Increment(ref _passes);
                long next;
                lock (_gate)
                {
                    _wakeRequested = false;
                    if (!TryPeekPending(out next))
                    {
                        if (!Monitor.Wait(_gate, Linger) && !TryPeekPending(out _))
                        {
                            _running = false;
                            return;
                        }

                        continue;
                    }
                }

                long now = _time.GetTimestamp();
                if (now >= next)
                {
                    spinner.Reset();
                    lock (_gate)
                    {
                        while (_waiters.TryPeek(out _, out long deadline) && deadline <= now)
                        {
                            _waiters.Dequeue().Complete();
                        }
                    }

                    continue;
                }

                // A monitor wait counts whole milliseconds: a shorter coarse wait would return at once and spin this
                // loop, so the final stretch starts up to a millisecond early instead.
                var remaining = _time.GetElapsedTime(now, next);
                if (_fakeClockTimer is null ? remaining >= FinalStretch + CoarseWaitUnit : remaining > FinalStretch)
                {
                    // A fake clock's timer counts from the clock's time when set: if the clock moved since it was read,
                    // the timer is late by that much, so look again before waiting for it.
                    if (_fakeClockTimer is not null
                        && (!_fakeClockTimer.Change(remaining - FinalStretch, Timeout.InfiniteTimeSpan) || _time.GetTimestamp() != now))
                    {
                        continue;
                    }

                    lock (_gate)
                    {
                        if (!_wakeRequested)
                        {
                            Monitor.Wait(_gate, _fakeClockTimer is null ? (int)(remaining - FinalStretch).TotalMilliseconds : Timeout.Infinite);
                        }
                    }

                    spinner.Reset();
                }
                else if (_exactSleep)
                {
                    MonotonicSleep.UntilExactly(next);
                }
                else
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
            }
        }

        /// <summary>The earliest deadline still waited for; cancelled waits at the head are dropped. Under the gate.</summary>
        private bool TryPeekPending(out long deadline)
        {
            while (_waiters.TryPeek(out var first, out deadline))
            {
                if (!first.Task.IsCompleted)
                {
                    return true;
                }

                _waiters.Dequeue();
            }

            return false;
        }

        private sealed class Waiter(DeadlineThread owner) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
        {
            public CancellationTokenRegistration Registration { get; set; }

            // Unregister, not Dispose: Dispose waits for a running Cancel, which waits for the gate this runs under.
            public void Complete()
            {
                TrySetResult();
                Registration.Unregister();
            }

            public void Cancel(CancellationToken token)
            {
                if (TrySetCanceled(token))
                {
                    owner.Wake();
                }
            }
        }
    }
}
