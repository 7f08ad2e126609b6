using Microsoft.Extensions.Time.Testing;

namespace TeamsMeetBot.Tests.Connector;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also counts the timers created through it and not yet
/// disposed, so tests can assert how many timers a component keeps, and can hold back timer
/// callbacks that are due (<see cref="HoldTimers"/>), to act out a timer that is late, or run
/// something just before the clock is next read (<see cref="BeforeNextTimestamp"/>), to act out a race.
/// </summary>
public sealed class CountingTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<(TimerCallback Callback, object? State)> held = [];
    private bool holding;
    private Action? beforeNextTimestamp;
    private int created;
    private int active;

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Timers created and not disposed.</summary>
    public int ActiveTimers => Volatile.Read(ref active);

    /// <summary>Timers created so far.</summary>
    public int CreatedTimers => Volatile.Read(ref created);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp()
    {
        Interlocked.Exchange(ref beforeNextTimestamp, null)?.Invoke();
        return Fake.GetTimestamp();
    }

    /// <summary>Runs <paramref name="action"/> once, on the thread that next reads the timestamp, before it reads it.</summary>
    public void BeforeNextTimestamp(Action action) => Volatile.Write(ref beforeNextTimestamp, action);

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public void Advance(TimeSpan delta) => Fake.Advance(delta);

    /// <summary>From now on, callbacks of timers that come due wait for <see cref="ReleaseHeldTimers"/>.</summary>
    public void HoldTimers()
    {
        lock (gate)
        {
            holding = true;
        }
    }

    /// <summary>Runs the held callbacks (in the order they came due) and stops holding.</summary>
    public void ReleaseHeldTimers()
    {
        (TimerCallback Callback, object? State)[] due;
        lock (gate)
        {
            holding = false;
            due = [.. held];
            held.Clear();
        }

        foreach (var (callback, state) in due)
        {
            callback(state);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref created);
        Interlocked.Increment(ref active);
        return new CountedTimer(this, Fake.CreateTimer(s => Deliver(callback, s), state, dueTime, period));
    }

    private void Deliver(TimerCallback callback, object? state)
    {
        lock (gate)
        {
            if (holding)
            {
                held.Add((callback, state));
                return;
            }
        }

        callback(state);
    }

    private sealed class CountedTimer(CountingTimeProvider owner, ITimer inner) : ITimer
    {
        private int disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner.active);
            }

            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
