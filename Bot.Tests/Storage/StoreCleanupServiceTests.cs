using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsMeetBot.Storage;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Storage;

public sealed class StoreCleanupServiceTests
{
    [Fact]
    public async Task Purges_once_per_interval_of_the_injected_clock()
    {
        var clock = new FakeTimeProvider();
        var store = new PurgeCountingStore();
        using var service = new StoreCleanupService(store, clock, Options.Create(new StorageOptions { CleanupInterval = TimeSpan.FromMinutes(10) }), NullLogger<StoreCleanupService>.Instance);
        await service.StartAsync(CancellationToken.None);

        await AdvanceUntilAsync(clock, TimeSpan.FromMinutes(10), () => store.Purges >= 1);
        Assert.Equal(1, store.Purges);
        clock.Advance(TimeSpan.FromMinutes(9));
        await Task.Delay(50);
        Assert.Equal(1, store.Purges);
        await AdvanceUntilAsync(clock, TimeSpan.FromMinutes(1), () => store.Purges >= 2);

        await service.StopAsync(CancellationToken.None);
        Assert.Equal(2, store.Purges);
    }

    [Fact]
    public async Task A_failed_purge_is_logged_and_does_not_stop_the_service()
    {
        var store = new PurgeCountingStore { Failure = new StoreUnavailableException("store down") };
        using var service = new StoreCleanupService(store, new FakeTimeProvider(), Options.Create(new StorageOptions()), NullLogger<StoreCleanupService>.Instance);

        Assert.Equal(0, await service.PurgeOnceAsync(CancellationToken.None));
        store.Failure = null;
        Assert.Equal(3, await service.PurgeOnceAsync(CancellationToken.None));
    }

    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, TimeSpan step, Func<bool> done)
    {
        // The service creates its timer on its own task; advancing before that would be missed, so
        // advance once and then give the service a little real time, a bounded number of times.
        clock.Advance(step);
        for (int i = 0; i < 200 && !done(); i++)
        {
            await Task.Delay(10);
            if (i == 50 && !done())
            {
                clock.Advance(step);
            }
        }

        Assert.True(done(), "The cleanup did not run after the interval elapsed.");
    }

    private sealed class PurgeCountingStore : UnsupportedBotStore
    {
        private int _purges;

        public int Purges => Volatile.Read(ref _purges);

        public Exception? Failure { get; set; }

        public override Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _purges);
            return Failure is null ? Task.FromResult(3) : Task.FromException<int>(Failure);
        }
    }
}
