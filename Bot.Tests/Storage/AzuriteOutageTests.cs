using System.Diagnostics;
using TeamsMeetBot.Storage;
using Xunit.Abstractions;

namespace TeamsMeetBot.Tests.Storage;

/// <summary>Losing the store for a moment: Azurite is stopped and restarted (with its in-memory data lost) under one store object.</summary>
public sealed class AzuriteOutageTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly ITestOutputHelper _output;

    public AzuriteOutageTests(AzuriteFixture azurite, ITestOutputHelper output)
    {
        _azurite = azurite;
        _output = output;
    }

    [Fact]
    public async Task Operations_fail_as_unavailable_while_Azurite_is_down_and_work_again_after_it_restarts()
    {
        var type = StorageTestJsonContext.Default.TestRecord;
        var none = CancellationToken.None;
        using var store = _azurite.CreateStore("outage" + Guid.NewGuid().ToString("N")[..8], TimeProvider.System);
        await store.InsertAsync(StoreTables.Meetings, "conv", "before", new TestRecord("before", 1), type, null, none);

        await _azurite.StopAsync();
        var outage = Stopwatch.StartNew();
        var readFailure = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetAsync(StoreTables.Meetings, "conv", "before", type, none));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.InsertAsync(StoreTables.Meetings, "conv", "during", new TestRecord("during", 1), type, null, none));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.UpsertAsync(StoreTables.Conversations, "t", "c", new TestRecord("during", 1), type, null, none));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.DeleteAsync(StoreTables.Meetings, "conv", "before", null, none));
        await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
        {
            await foreach (var unused in store.QueryPartitionAsync(StoreTables.Meetings, "conv", type, none))
            {
            }
        });
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PurgeExpiredAsync(none));
        _output.WriteLine($"Six failing operations took {outage.ElapsedMilliseconds} ms in all. Message: {readFailure.Message}");
        Assert.Contains($"127.0.0.1:{_azurite.Port}", readFailure.Message, StringComparison.Ordinal);
        Assert.Contains("unavailable", readFailure.Message, StringComparison.Ordinal);

        await _azurite.StartAsync();

        // In-memory Azurite lost everything: the item is gone and the tables are re-created on the next write.
        Assert.Null(await store.GetAsync(StoreTables.Meetings, "conv", "before", type, none));
        var after = await store.InsertAsync(StoreTables.Meetings, "conv", "after", new TestRecord("after", 2), type, null, none);
        await store.ReplaceAsync(StoreTables.Meetings, "conv", "after", new TestRecord("after", 3), after.ETag, type, null, none);
        await store.UpsertAsync(StoreTables.Conversations, "t", "c", new TestRecord("after", 1), type, null, none);
        Assert.Equal(3, (await store.GetAsync(StoreTables.Meetings, "conv", "after", type, none))!.Value.Count);
        Assert.Equal("after", (await store.GetAsync(StoreTables.Conversations, "t", "c", type, none))!.Value.Name);
        Assert.Equal(0, await store.PurgeExpiredAsync(none));
    }
}
