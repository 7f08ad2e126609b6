using System.Diagnostics;
using TeamsMeetBot.LocalGraph;

namespace TeamsMeetBot.LoadDriver;

/// <summary>
/// How late this machine wakes a sleeping thread: a dedicated thread, with the default timer slack as the bot's
/// threads have, sleeps to a deadline a millisecond ahead, again and again, and records how far past each deadline
/// it woke. On a mostly idle virtual machine a wakeup can wait for the hypervisor to run the virtual CPU again;
/// every hop between threads and processes on a command's path (socket to thread pool, simulator to its answer)
/// is such a wakeup, so these figures say how much of a latency tail belongs to the machine.
/// </summary>
internal static class WakeupProbe
{
    /// <summary>Null where the exact sleep is unavailable (not 64-bit Linux).</summary>
    public static Task<LatencySummary?> MeasureAsync(int sleeps, CancellationToken cancellationToken)
    {
        if (!MonotonicSleep.IsAvailable)
        {
            return Task.FromResult<LatencySummary?>(null);
        }

        return Task.Factory.StartNew<LatencySummary?>(
            () =>
            {
                var lateness = new List<long>(sleeps);
                long step = Stopwatch.Frequency / 1000;
                for (int i = 0; i < sleeps && !cancellationToken.IsCancellationRequested; i++)
                {
                    long deadline = Stopwatch.GetTimestamp() + step;
                    long now;
                    do
                    {
                        MonotonicSleep.Until(deadline); // may return early on a signal
                    }
                    while ((now = Stopwatch.GetTimestamp()) < deadline);

                    lateness.Add(now - deadline);
                }

                return LatencySummary.FromTimestampDeltas(lateness);
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }
}
