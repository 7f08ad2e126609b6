using System.Runtime.CompilerServices;

namespace TeamsMeetBot.Tests.Support;

/// <summary>
/// The suite runs many in-process Kestrel servers (bots, fake connectors, key servers, Azurite clients)
/// on a 2-core machine; WebApplicationFactory starts hosts synchronously. A larger minimum thread pool
/// keeps loopback round trips from queueing behind blocked threads while the pool slowly grows.
/// </summary>
internal static class TestAssemblySetup
{
#pragma warning disable CA2255 // A module initializer is the one place that runs before any test in this assembly.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RaiseThreadPoolMinimum()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
