using System.Runtime;

namespace TeamsMeetBot.LoadDriver;

/// <summary>
/// Keeps the load driver from pausing for garbage collection while it measures: a full collection first, then a
/// no-GC region large enough for everything the driver allocates in a meeting load (a few tens of MB). A pause in
/// the driver stops its clocks and the fake Connector at once and lands on whichever commands are in flight; it is
/// the bench's error, not the bot's.
/// </summary>
internal static class DriverNoGcRegion
{
    private const long Budget = 256L * 1024 * 1024;

    /// <summary>False when the runtime refuses the region (the load then runs with ordinary collections).</summary>
    public static bool TryStart()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        try
        {
            return GC.TryStartNoGCRegion(Budget);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>Ends the region if it is still in force (allocating past its budget ends it with a collection).</summary>
    public static void End(bool started)
    {
        if (started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }
    }
}
