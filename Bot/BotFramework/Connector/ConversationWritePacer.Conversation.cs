namespace TeamsMeetBot.BotFramework.Connector;

public sealed partial class ConversationWritePacer
{
    /// <summary>
    /// One conversation's pacing state. Fields change only under <see cref="gate"/>; the clock is read
    /// and timers are created or disposed only outside it, because a <see cref="TimeProvider"/> may
    /// run due timer callbacks on the calling thread (FakeTimeProvider does), which would re-enter
    /// this lock or take another conversation's lock while holding this one.
    /// </summary>
    private sealed class Conversation : IDisposable
    {
        private readonly Lock gate = new();
        private readonly ConversationWritePacer pacer;
        private readonly PacingWindow.Segment[] segments;
        private int inFlight;
        private Waiter? head;
        private Waiter? tail;
        private int waiting;
        private long latestNow;
        private bool evicted;

        /// <summary>The wake-up timer, once installed.</summary>
        private ITimer? timer;

        /// <summary>When the requested wake-up fires; <see cref="long.MaxValue"/> when none is pending.</summary>
        private long wakeAt = long.MaxValue;

        /// <summary>Bumped whenever a wake-up is requested, consumed or cancelled; stale timers see a different value.</summary>
        private int wakeVersion;

        public Conversation(ConversationWritePacer pacer)
        {
            this.pacer = pacer;
            segments = new PacingWindow.Segment[pacer.segmentCount];
        }

        /// <summary>False only when the conversation was evicted meanwhile (the caller looks it up again).</summary>
        public bool TryAcquire(CancellationToken cancellationToken, out ValueTask<IDisposable> lease)
        {
            long now = pacer.Now();
            Waiter? waiter = null;
            WakeUp? wakeUp = null;
            lock (gate)
            {
                if (evicted)
                {
                    lease = default;
                    return false;
                }

                ObjectDisposedException.ThrowIf(pacer.IsDisposed, pacer);
                now = Observe(now);
                if (head is not null)
                {
                    // Room may have come before the wake-up timer ran: serve the waiting writes first.
                    wakeUp = Pump(now);
                }

                if (head is null && inFlight < pacer.maxConcurrent && AvailableAt(now) <= now)
                {
                    Start(now);
                    lease = new ValueTask<IDisposable>(new Lease(this));
                }
                else if (waiting >= pacer.queueLimit)
                {
                    lease = ValueTask.FromException<IDisposable>(pacer.QueueFull());
                }
                else
                {
                    waiter = new Waiter(this);
                    Enqueue(waiter);
                    wakeUp = Pump(now) ?? wakeUp;
                    lease = new ValueTask<IDisposable>(waiter.Task);
                }
            }

            Arm(wakeUp);
            if (waiter is not null && cancellationToken.CanBeCanceled)
            {
                Register(waiter, cancellationToken);
            }

            return true;
        }

        /// <summary>Cancelling the token takes the waiter out of the queue (at once if it is already cancelled).</summary>
        private void Register(Waiter waiter, CancellationToken cancellationToken)
        {
            var registration = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), waiter);
            lock (gate)
            {
                if (waiter.Queued)
                {
                    waiter.Registration = registration;
                    return;
                }
            }

            registration.Unregister(); // already started, cancelled or failed
        }

        public void Release()
        {
            long now = pacer.Now();
            WakeUp? wakeUp = null;
            lock (gate)
            {
                inFlight--;
                if (head is not null)
                {
                    wakeUp = Pump(Observe(now));
                }
            }

            Arm(wakeUp);
        }

        public void Cancel(Waiter waiter, CancellationToken cancellationToken)
        {
            ITimer? obsolete = null;
            lock (gate)
            {
                if (!waiter.Queued)
                {
                    return;
                }

                Remove(waiter);
                if (head is null)
                {
                    obsolete = DropWakeUp();
                }
            }

            obsolete?.Dispose();
            waiter.TrySetCanceled(cancellationToken);
        }

        /// <summary>Forgets the conversation if nothing is in flight, nothing waits and no window counts a write at <paramref name="now"/>.</summary>
        public void EvictIfIdle(string conversationId, long now)
        {
            ITimer? obsolete;
            lock (gate)
            {
                // A "now" read before another thread's later one only makes the check stricter.
                if (evicted || inFlight > 0 || head is not null || HasCounts(now))
                {
                    return;
                }

                evicted = true;
                obsolete = DropWakeUp();
                // Under the lock, so an acquire that finds this state evicted no longer finds it in the dictionary.
                pacer.conversations.TryRemove(KeyValuePair.Create(conversationId, this));
            }

            obsolete?.Dispose();
        }

        /// <summary>Fails every waiting write (the pacer is being disposed) and stops the timer.</summary>
        public void Dispose()
        {
            ITimer? obsolete;
            lock (gate)
            {
                obsolete = DropWakeUp();
                while (head is { } waiter)
                {
                    Remove(waiter);
                    waiter.Registration.Unregister();
                    waiter.TrySetException(new ObjectDisposedException(nameof(ConversationWritePacer)));
                }
            }

            obsolete?.Dispose();
        }

        private void OnWakeUp(int version)
        {
            long now = pacer.Now();
            ITimer? obsolete = null;
            WakeUp? wakeUp = null;
            lock (gate)
            {
                if (version == wakeVersion)
                {
                    obsolete = DropWakeUp();
                }

                // A stale timer (superseded by an earlier wake-up) pumps too; that is harmless.
                if (head is not null)
                {
                    wakeUp = Pump(Observe(now));
                }
            }

            obsolete?.Dispose();
            Arm(wakeUp);
        }

        /// <summary>
        /// Starts waiting writes, oldest first, while there is room. When the head waits for a window,
        /// returns the wake-up to arm (after leaving the lock) unless an early enough one is pending;
        /// when it waits for a lease, the next disposal pumps again.
        /// </summary>
        private WakeUp? Pump(long now)
        {
            while (head is { } next && inFlight < pacer.maxConcurrent)
            {
                long availableAt = AvailableAt(now);
                if (availableAt > now)
                {
                    return RequestWakeUp(availableAt, now);
                }

                Remove(next);
                Start(now);
                next.Registration.Unregister();
                next.TrySetResult(new Lease(this));
            }

            return null;
        }

        private WakeUp? RequestWakeUp(long availableAt, long now)
        {
            // Whole milliseconds, rounded up: system timers truncate to milliseconds and would fire early.
            long delay = (availableAt - now + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;
            long due = now + delay;
            if (wakeAt <= due || pacer.IsDisposed)
            {
                return null;
            }

            wakeAt = due;
            return new WakeUp(this, ++wakeVersion, TimeSpan.FromTicks(delay));
        }

        /// <summary>Creates the requested timer (outside the lock) and installs it unless it was superseded meanwhile.</summary>
        private void Arm(WakeUp? wakeUp)
        {
            if (wakeUp is null)
            {
                return;
            }

            var created = pacer.CreateTimer(static state => ((WakeUp)state!).Fire(), wakeUp, wakeUp.Delay, Timeout.InfiniteTimeSpan);
            ITimer? obsolete = created;
            lock (gate)
            {
                if (wakeUp.Version == wakeVersion && !evicted && !pacer.IsDisposed)
                {
                    obsolete = timer;
                    timer = created;
                }
            }

            obsolete?.Dispose();
        }

        /// <summary>Forgets the pending wake-up; returns its timer for the caller to dispose outside the lock.</summary>
        private ITimer? DropWakeUp()
        {
            var obsolete = timer;
            timer = null;
            wakeAt = long.MaxValue;
            wakeVersion++;
            return obsolete;
        }

        /// <summary>The conversation's clock never goes back, even when threads read the time in a different order than they take the lock.</summary>
        private long Observe(long now)
        {
            if (now > latestNow)
            {
                latestNow = now;
            }

            return latestNow;
        }

        private void Start(long now)
        {
            inFlight++;
            foreach (var window in pacer.windows)
            {
                window.Record(segments.AsSpan(window.Offset, window.Slots), now);
            }
        }

        private long AvailableAt(long now)
        {
            long availableAt = now;
            foreach (var window in pacer.windows)
            {
                availableAt = Math.Max(availableAt, window.AvailableAt(segments.AsSpan(window.Offset, window.Slots), now));
            }

            return availableAt;
        }

        private bool HasCounts(long now)
        {
            foreach (var window in pacer.windows)
            {
                if (window.HasCounts(segments.AsSpan(window.Offset, window.Slots), now))
                {
                    return true;
                }
            }

            return false;
        }

        private void Enqueue(Waiter waiter)
        {
            waiter.Queued = true;
            waiter.Previous = tail;
            if (tail is null)
            {
                head = waiter;
            }
            else
            {
                tail.Next = waiter;
            }

            tail = waiter;
            waiting++;
        }

        private void Remove(Waiter waiter)
        {
            if (waiter.Previous is null)
            {
                head = waiter.Next;
            }
            else
            {
                waiter.Previous.Next = waiter.Next;
            }

            if (waiter.Next is null)
            {
                tail = waiter.Previous;
            }
            else
            {
                waiter.Next.Previous = waiter.Previous;
            }

            waiter.Previous = null;
            waiter.Next = null;
            waiter.Queued = false;
            waiting--;
        }

        /// <summary>The state of one wake-up timer: which request it answers.</summary>
        private sealed class WakeUp(Conversation conversation, int version, TimeSpan delay)
        {
            public int Version => version;

            public TimeSpan Delay => delay;

            public void Fire() => conversation.OnWakeUp(version);
        }
    }

    /// <summary>A waiting write: its task completes with the lease, or is cancelled or failed. Its fields belong to the conversation's lock.</summary>
    private sealed class Waiter(Conversation conversation)
        : TaskCompletionSource<IDisposable>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public Waiter? Previous { get; set; }

        public Waiter? Next { get; set; }

        public bool Queued { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public void Cancel(CancellationToken cancellationToken) => conversation.Cancel(this, cancellationToken);
    }
}
