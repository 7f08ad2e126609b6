namespace TeamsMeetBot.Hosting;

/// <summary>
/// Starts long-lived work (timers, background loops) without the ambient context of the request that happens to
/// start it: no trace activity, log scopes or async-locals of that turn ride along for the lifetime of the work.
/// </summary>
internal static class WithoutAmbientContext
{
    public static T Start<T>(Func<T> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (ExecutionContext.IsFlowSuppressed())
        {
            return start();
        }

        using (ExecutionContext.SuppressFlow())
        {
            return start();
        }
    }
}
