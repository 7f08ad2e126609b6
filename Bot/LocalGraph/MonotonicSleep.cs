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
    private const int SetTimerSlack = 29; // PR_SET_TIMERSLACK
    private const int GetTimerSlack = 30; // PR_GET_TIMERSLACK
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

    /// <summary>
    /// <see cref="Until"/> with the calling thread's timer slack at 1 ns for the sleep only. By default the kernel may
    /// wake a thread up to 50 µs after its deadline, to batch wakeups; on a 2-core VM a 2 ms sleep's median lateness
    /// was 0.08 ms with the default slack and 0.024 ms with 1 ns. The slack is put back before returning, because
    /// threads inherit it from the thread that starts them (the thread pool starts workers from threads that queue work).
    /// </summary>
    public static void UntilExactly(long deadline)
    {
        long slack = TimerSlackOfThisThread();
        bool tightened = slack > 1 && NativeMethods.prctl(SetTimerSlack, 1, 0, 0, 0) == 0;
        try
        {
            Until(deadline);
        }
        finally
        {
            if (tightened)
            {
                _ = NativeMethods.prctl(SetTimerSlack, (nuint)slack, 0, 0, 0);
            }
        }
    }

    /// <summary>The calling thread's timer slack in nanoseconds, or -1 where <see cref="IsAvailable"/> is false.</summary>
    internal static long TimerSlackOfThisThread() =>
        IsAvailable ? NativeMethods.prctl(GetTimerSlack, 0, 0, 0, 0) : -1;

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

        [DllImport("libc", EntryPoint = "prctl")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);
    }
}
