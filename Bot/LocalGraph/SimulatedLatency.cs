namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// Waits out a simulated latency to its deadline, precisely. <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>
/// alone wakes up late at the tail (the timer thread, then a pool thread): on the 2-core bench machine, idle, a
/// 20 ms delay took 20.2 ms at p50 but 24.4 ms at p99. This sleeps until <see cref="SpinMargin"/> before the
/// deadline and yields the processor in a loop for the rest (p99 21.3 ms), so a benchmark measures the code under
/// test rather than the timer. Used by the simulated Graph and the bench's fake Connector (linked source).
/// </summary>
internal static class SimulatedLatency
{
    /// <summary>How long before the deadline the sleep ends and yielding starts.</summary>
    public static readonly TimeSpan SpinMargin = TimeSpan.FromMilliseconds(2);

    /// <summary>Completes <paramref name="latency"/> after <paramref name="arrived"/> (a timestamp of <paramref name="time"/>).</summary>
    public static Task WaitOutAsync(TimeProvider time, long arrived, TimeSpan latency, CancellationToken cancellationToken) =>
        latency > TimeSpan.Zero
            ? WaitUntilAsync(time, arrived + (long)(latency.TotalSeconds * time.TimestampFrequency), cancellationToken)
            : Task.CompletedTask;

    /// <summary>Completes once <paramref name="time"/>'s timestamp reaches <paramref name="deadline"/>.</summary>
    public static async Task WaitUntilAsync(TimeProvider time, long deadline, CancellationToken cancellationToken)
    {
        var remaining = time.GetElapsedTime(time.GetTimestamp(), deadline);
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        if (remaining > SpinMargin)
        {
            await Task.Delay(remaining - SpinMargin, time, cancellationToken);
        }

        // Never yield-loop on the caller's thread (or inside a timer callback that completed the delay).
        await Task.Yield();
        var spinner = default(SpinWait);
        while (time.GetTimestamp() < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
