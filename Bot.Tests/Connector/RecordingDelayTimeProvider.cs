namespace TeamsMeetBot.Tests.Connector;

/// <summary>
/// A manual clock for retry tests. One-shot timers up to <see cref="InstantUpTo"/> (retry waits) are
/// recorded, move the clock forward by their due time and fire at once; longer timers (the per-attempt
/// timeout, configured far above it in tests) never fire. So tests assert the waits the handler asked
/// for without waiting for them.
/// </summary>
public sealed class RecordingDelayTimeProvider : TimeProvider
{
    private readonly object gate = new();
    private readonly List<TimeSpan> delays = [];
    private DateTimeOffset now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private long elapsedTicks;

    public TimeSpan InstantUpTo { get; init; } = TimeSpan.FromMinutes(1);

    public IReadOnlyList<TimeSpan> Delays
    {
        get { lock (gate) { return delays.ToArray(); } }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (gate)
        {
            return elapsedTicks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime <= InstantUpTo && period == Timeout.InfiniteTimeSpan)
        {
            lock (gate)
            {
                delays.Add(dueTime);
                now += dueTime;
                elapsedTicks += dueTime.Ticks;
            }

            return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return System.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
