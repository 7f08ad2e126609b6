using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// Sleeps to a <see cref="Stopwatch"/> timestamp with <c>clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)</c>:
/// on Linux the kernel wakes the thread within tens of microseconds of the deadline, without the millisecond
/// rounding of managed timers and waits, and without spinning. Available only where it was checked to apply:
/// a 64-bit Linux process whose stopwatch counts CLOCK_MONOTONIC nanoseconds.
/// </summary>
internal static class MonotonicSleep
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>True when <see cref="Until"/> sleeps to stopwatch timestamps (checked once against the clock itself).</summary>
    public static bool IsAvailable { get; } = StopwatchIsMonotonicClock();

    /// <summary>Sleeps until the stopwatch reaches <paramref name="deadline"/>; may return early on a signal, so callers re-check the clock.</summary>
    public static void Until(long deadline)
    {
        var request = new Timespec { Seconds = deadline / NanosecondsPerSecond, Nanoseconds = deadline % NanosecondsPerSecond };
        _ = NativeMethods.clock_nanosleep(ClockMonotonic, TimerAbsoluteTime, ref request, IntPtr.Zero);
    }

    private static bool StopwatchIsMonotonicClock()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess || Stopwatch.Frequency != NanosecondsPerSecond)
        {
            return false;
        }

        try
        {
            long before = Stopwatch.GetTimestamp();
            if (NativeMethods.clock_gettime(ClockMonotonic, out var now) != 0)
            {
                return false;
            }

            long after = Stopwatch.GetTimestamp();
            long monotonic = now.Seconds * NanosecondsPerSecond + now.Nanoseconds;
            return monotonic >= before && monotonic <= after;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "clock_nanosleep")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int clock_nanosleep(int clockId, int flags, ref Timespec request, IntPtr remaining);

        [DllImport("libc", EntryPoint = "clock_gettime")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int clock_gettime(int clockId, out Timespec time);
    }
}
