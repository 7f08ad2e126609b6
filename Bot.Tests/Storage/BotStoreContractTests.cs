using System.Text;
using Microsoft.Extensions.Time.Testing;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IBotStore"/> must have. Each concrete class supplies a store; every
/// test gets its own empty scope (its own SQLite file or its own Azure table prefix), and stores
/// created with the same scope share their data, like two bot instances on one store.
/// </summary>
public abstract class BotStoreContractTests : IDisposable
{
    private const string Table = StoreTables.Meetings;
    private const string OtherTable = StoreTables.Calls;
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly List<IBotStore> _stores = [];
    private readonly string _scope = "t" + Guid.NewGuid().ToString("N")[..12];

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero));

    protected static Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory Logs => Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<TestRecord> Type => StorageTestJsonContext.Default.TestRecord;

    /// <summary>A store over the data of <paramref name="scope"/>; the same scope always means the same data.</summary>
    protected abstract IBotStore CreateStore(string scope, TimeProvider time);

    protected IBotStore NewStore()
    {
        var store = CreateStore(_scope, Clock);
        _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            (store as IDisposable)?.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Get_of_a_missing_item_returns_null()
    {
        var store = NewStore();
        Assert.Null(await store.GetAsync(Table, "conv-1", "missing", Type, None));
    }

    [Fact]
    public async Task Insert_then_get_returns_the_value_etag_and_expiry()
    {
        var store = NewStore();
        var expires = Clock.GetUtcNow().AddHours(1);
        var inserted = await store.InsertAsync(Table, "conv-1", "meeting-1", new TestRecord("standup", 1), Type, expires, None);

        var read = await store.GetAsync(Table, "conv-1", "meeting-1", Type, None);

        Assert.NotNull(read);
        Assert.Equal(new TestRecord("standup", 1), read.Value);
        Assert.Equal("conv-1", read.PartitionKey);
        Assert.Equal("meeting-1", read.RowKey);
        Assert.False(string.IsNullOrEmpty(inserted.ETag));
        Assert.Equal(inserted.ETag, read.ETag);
        Assert.Equal(expires, read.ExpiresAt);
        Assert.Equal(expires, inserted.ExpiresAt);
    }

    [Fact]
    public async Task Item_without_expiry_reads_back_without_expiry()
    {
        var store = NewStore();
        await store.InsertAsync(Table, "conv-1", "forever", new TestRecord("kept", 0), Type, null, None);
        Clock.Advance(TimeSpan.FromDays(3650));

        var read = await store.GetAsync(Table, "conv-1", "forever", Type, None);

        Assert.NotNull(read);
        Assert.Null(read.ExpiresAt);
    }

    [Fact]
    public async Task Inserting_an_existing_key_conflicts_and_keeps_the_first_value()
    {
        var store = NewStore();
        await store.InsertAsync(Table, "conv-1", "meeting-1", new TestRecord("first", 1), Type, null, None);

        await Assert.ThrowsAsync<StoreConflictException>(() => store.InsertAsync(Table, "conv-1", "meeting-1", new TestRecord("second", 2), Type, null, None));

        Assert.Equal("first", (await store.GetAsync(Table, "conv-1", "meeting-1", Type, None))!.Value.Name);
    }

    [Fact]
    public async Task Replace_with_the_current_etag_writes_and_returns_a_new_etag()
    {
        var store = NewStore();
        var first = await store.InsertAsync(Table, "conv-1", "meeting-1", new TestRecord("v1", 1), Type, null, None);

        var second = await store.ReplaceAsync(Table, "conv-1", "meeting-1", new TestRecord("v2", 2), first.ETag, Type, null, None);
        var third = await store.ReplaceAsync(Table, "conv-1", "meeting-1", new TestRecord("v3", 3), second.ETag, Type, null, None);

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.NotEqual(second.ETag, third.ETag);
        var read = await store.GetAsync(Table, "conv-1", "meeting-1", Type, None);
        Assert.Equal(new TestRecord("v3", 3), read!.Value);
        Assert.Equal(third.ETag, read.ETag);
    }

    [Fact]
    public async Task Replace_can_set_and_clear_the_expiry()
    {
        var store = NewStore();
        var first = await store.InsertAsync(Table, "conv-1", "meeting-1", new TestRecord("v1", 1), Type, null, None);
        var expires = Clock.GetUtcNow().AddMinutes(5);

        var withExpiry = await store.ReplaceAsync(Table, "conv-1", "meeting-1", new TestRecord("v2", 2), first.ETag, Type, expires, None);
        Assert.Equal(expires, (await store.GetAsync(Table, "conv-1", "meeting-1", Type, None))!.ExpiresAt);

        await store.ReplaceAsync(Table, "conv-1", "meeting-1", new TestRecord("v3", 3), withExpiry.ETag, Type, null, None);
        Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(new TestRecord("v3", 3), (await store.GetAsync(Table, "conv-1", "meeting-1", Type, None))!.Value);
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_conflicts_and_keeps_the_newer_value()
    {
        var store = NewStore();
        var first = await store.InsertAsync(Table, "conv-1", "meeting-1", new TestRecord("v1", 1), Type, null, None);
        await store.ReplaceAsync(Table, "conv-1", "meeting-1", new TestRecord("v2", 2), first.ETag, Type, null, None);

        await Assert.ThrowsAsync<StoreConflictException>(() => store.ReplaceAsync(Table, "conv-1", "meeting-1", new TestRecord("stale", 9), first.ETag, Type, null, None));

        Assert.Equal("v2", (await store.GetAsync(Table, "conv-1", "meeting-1", Type, None))!.Value.Name);
    }

    [Fact]
    public async Task Replace_of_a_missing_item_conflicts_and_creates_nothing()
    {
        var store = NewStore();
        var other = await store.InsertAsync(Table, "conv-1", "other", new TestRecord("other", 1), Type, null, None);

        await Assert.ThrowsAsync<StoreConflictException>(() => store.ReplaceAsync(Table, "conv-1", "missing", new TestRecord("x", 1), other.ETag, Type, null, None));

        Assert.Null(await store.GetAsync(Table, "conv-1", "missing", Type, None));
    }

    [Fact]
    public async Task Concurrent_read_modify_write_with_retry_on_conflict_keeps_every_increment()
    {
        // Two store objects over the same data stand for two bot instances.
        var stores = new[] { NewStore(), NewStore() };
        await stores[0].InsertAsync(Table, "counters", "c", new TestRecord("counter", 0), Type, null, None);
        int conflicts = 0;

        async Task IncrementAsync(IBotStore store)
        {
            await Task.Yield();
            for (int attempt = 0; attempt < 500; attempt++)
            {
                var current = (await store.GetAsync(Table, "counters", "c", Type, None))!;
                try
                {
                    await store.ReplaceAsync(Table, "counters", "c", current.Value with { Count = current.Value.Count + 1 }, current.ETag, Type, null, None);
                    return;
                }
                catch (StoreConflictException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }

            Assert.Fail("An increment never got through.");
        }

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => IncrementAsync(stores[i % 2]))));

        Assert.Equal(20, (await stores[1].GetAsync(Table, "counters", "c", Type, None))!.Value.Count);
    }

    [Fact]
    public async Task Concurrent_replaces_with_the_same_etag_have_exactly_one_winner_per_round()
    {
        var stores = new[] { NewStore(), NewStore() };
        await stores[0].InsertAsync(Table, "counters", "race", new TestRecord("race", 0), Type, null, None);

        for (int round = 1; round <= 5; round++)
        {
            var current = (await stores[0].GetAsync(Table, "counters", "race", Type, None))!;
            var attempts = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
            {
                try
                {
                    await stores[i % 2].ReplaceAsync(Table, "counters", "race", new TestRecord($"writer-{i}", round), current.ETag, Type, null, None);
                    return true;
                }
                catch (StoreConflictException)
                {
                    return false;
                }
            }));

            bool[] outcomes = await Task.WhenAll(attempts);

            Assert.Equal(1, outcomes.Count(won => won));
            var after = (await stores[1].GetAsync(Table, "counters", "race", Type, None))!;
            Assert.Equal(round, after.Value.Count);
            Assert.Equal($"writer-{Array.IndexOf(outcomes, true)}", after.Value.Name);
        }
    }

    [Fact]
    public async Task Concurrent_inserts_of_one_key_have_exactly_one_winner()
    {
        var stores = new[] { NewStore(), NewStore() };
        var attempts = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            try
            {
                await stores[i % 2].InsertAsync(StoreTables.Idempotency, "activity", "a-1", new TestRecord($"writer-{i}", i), Type, Clock.GetUtcNow().AddHours(1), None);
                return true;
            }
            catch (StoreConflictException)
            {
                return false;
            }
        }));

        bool[] outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(won => won));
        var stored = await stores[0].GetAsync(StoreTables.Idempotency, "activity", "a-1", Type, None);
        Assert.Equal($"writer-{Array.IndexOf(outcomes, true)}", stored!.Value.Name);
    }

    [Fact]
    public async Task Upsert_creates_then_overwrites_whatever_the_current_etag()
    {
        var store = NewStore();
        var created = await store.UpsertAsync(StoreTables.Conversations, "tenant", "conv-1", new TestRecord("ref-1", 1), Type, null, None);
        var overwritten = await store.UpsertAsync(StoreTables.Conversations, "tenant", "conv-1", new TestRecord("ref-2", 2), Type, null, None);

        Assert.NotEqual(created.ETag, overwritten.ETag);
        var read = await store.GetAsync(StoreTables.Conversations, "tenant", "conv-1", Type, None);
        Assert.Equal(new TestRecord("ref-2", 2), read!.Value);
        Assert.Equal(overwritten.ETag, read.ETag);
        await Assert.ThrowsAsync<StoreConflictException>(() => store.ReplaceAsync(StoreTables.Conversations, "tenant", "conv-1", new TestRecord("stale", 3), created.ETag, Type, null, None));
    }

    [Fact]
    public async Task Delete_without_etag_removes_the_item_and_reports_whether_it_existed()
    {
        var store = NewStore();
        await store.InsertAsync(Table, "conv-1", "meeting-1", new TestRecord("x", 1), Type, null, None);

        Assert.True(await store.DeleteAsync(Table, "conv-1", "meeting-1", null, None));
        Assert.Null(await store.GetAsync(Table, "conv-1", "meeting-1", Type, None));
        Assert.False(await store.DeleteAsync(Table, "conv-1", "meeting-1", null, None));
    }

    [Fact]
    public async Task Delete_with_the_current_etag_removes_the_item()
    {
        var store = NewStore();
        var v1 = await store.InsertAsync(Table, "conv-1", "meeting-1", new TestRecord("x", 1), Type, null, None);
        var v2 = await store.ReplaceAsync(Table, "conv-1", "meeting-1", new TestRecord("x", 2), v1.ETag, Type, null, None);

        Assert.True(await store.DeleteAsync(Table, "conv-1", "meeting-1", v2.ETag, None));
        Assert.Null(await store.GetAsync(Table, "conv-1", "meeting-1", Type, None));
        Assert.False(await store.DeleteAsync(Table, "conv-1", "meeting-1", v2.ETag, None));
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_conflicts_and_keeps_the_item()
    {
        var store = NewStore();
        var v1 = await store.InsertAsync(Table, "conv-1", "meeting-1", new TestRecord("x", 1), Type, null, None);
        await store.ReplaceAsync(Table, "conv-1", "meeting-1", new TestRecord("x", 2), v1.ETag, Type, null, None);

        await Assert.ThrowsAsync<StoreConflictException>(() => store.DeleteAsync(Table, "conv-1", "meeting-1", v1.ETag, None));

        Assert.Equal(2, (await store.GetAsync(Table, "conv-1", "meeting-1", Type, None))!.Value.Count);
    }

    [Fact]
    public async Task Delete_of_an_expired_item_reports_that_it_did_not_exist()
    {
        var store = NewStore();
        var item = await store.InsertAsync(Table, "conv-1", "old", new TestRecord("old", 1), Type, Clock.GetUtcNow().AddMinutes(1), None);
        await store.InsertAsync(Table, "conv-1", "old-2", new TestRecord("old", 2), Type, Clock.GetUtcNow().AddMinutes(1), None);
        Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.False(await store.DeleteAsync(Table, "conv-1", "old", item.ETag, None));
        Assert.False(await store.DeleteAsync(Table, "conv-1", "old-2", null, None));
        Assert.Equal(0, await store.PurgeExpiredAsync(None));
    }

    [Fact]
    public async Task Partition_query_returns_live_items_in_row_key_order()
    {
        var store = NewStore();
        string[] rowKeys = ["m-10", "a", "m-2", "B", "zz", "m-1", "é", "10"];
        foreach (string rowKey in rowKeys)
        {
            await store.InsertAsync(Table, "conv-1", rowKey, new TestRecord(rowKey, 0), Type, null, None);
        }

        await store.InsertAsync(Table, "conv-1", "expiring", new TestRecord("expiring", 0), Type, Clock.GetUtcNow().AddSeconds(30), None);
        await store.InsertAsync(Table, "conv-2", "other-partition", new TestRecord("other", 0), Type, null, None);
        await store.InsertAsync(OtherTable, "conv-1", "other-table", new TestRecord("other", 0), Type, null, None);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var items = await ToListAsync(store.QueryPartitionAsync(Table, "conv-1", Type, None));

        Assert.Equal(rowKeys.Order(StringComparer.Ordinal), items.Select(i => i.RowKey));
        Assert.All(items, i => Assert.Equal(i.RowKey, i.Value.Name));
        Assert.All(items, i => Assert.Equal("conv-1", i.PartitionKey));
        var single = await store.GetAsync(Table, "conv-1", "m-2", Type, None);
        Assert.Equal(single!.ETag, items.Single(i => i.RowKey == "m-2").ETag);
    }

    [Fact]
    public async Task Partition_query_of_an_empty_partition_or_unused_table_is_empty()
    {
        var store = NewStore();
        Assert.Empty(await ToListAsync(store.QueryPartitionAsync(Table, "nothing-here", Type, None)));
        Assert.Empty(await ToListAsync(store.QueryPartitionAsync("neverused", "nothing-here", Type, None)));
    }

    [Fact]
    public async Task Expired_item_is_visible_until_it_expires_then_invisible_and_purged()
    {
        var store = NewStore();
        var expires = Clock.GetUtcNow().AddMinutes(10);
        await store.InsertAsync(StoreTables.Idempotency, "activity", "a-1", new TestRecord("a-1", 1), Type, expires, None);
        await store.InsertAsync(StoreTables.Reminders, "when", "r-1", new TestRecord("r-1", 1), Type, expires.AddMinutes(-5), None);
        await store.InsertAsync(StoreTables.Idempotency, "activity", "a-2", new TestRecord("a-2", 2), Type, expires.AddHours(1), None);
        await store.InsertAsync(StoreTables.Idempotency, "activity", "forever", new TestRecord("forever", 3), Type, null, None);

        Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await store.GetAsync(StoreTables.Idempotency, "activity", "a-1", Type, None));
        Assert.Null(await store.GetAsync(StoreTables.Reminders, "when", "r-1", Type, None));

        Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await store.GetAsync(StoreTables.Idempotency, "activity", "a-1", Type, None));

        Assert.Equal(2, await store.PurgeExpiredAsync(None));
        Assert.Equal(0, await store.PurgeExpiredAsync(None));
        var left = await ToListAsync(store.QueryPartitionAsync(StoreTables.Idempotency, "activity", Type, None));
        Assert.Equal(["a-2", "forever"], left.Select(i => i.RowKey));
    }

    [Fact]
    public async Task Expired_item_can_be_inserted_again_and_the_old_etag_no_longer_works()
    {
        var store = NewStore();
        var old = await store.InsertAsync(StoreTables.Leases, "reminders", "lease", new TestRecord("instance-a", 1), Type, Clock.GetUtcNow().AddSeconds(30), None);
        await Assert.ThrowsAsync<StoreConflictException>(() => store.InsertAsync(StoreTables.Leases, "reminders", "lease", new TestRecord("instance-b", 1), Type, Clock.GetUtcNow().AddSeconds(30), None));

        Clock.Advance(TimeSpan.FromSeconds(31));
        var renewed = await store.InsertAsync(StoreTables.Leases, "reminders", "lease", new TestRecord("instance-b", 2), Type, Clock.GetUtcNow().AddSeconds(30), None);

        Assert.NotEqual(old.ETag, renewed.ETag);
        Assert.Equal("instance-b", (await store.GetAsync(StoreTables.Leases, "reminders", "lease", Type, None))!.Value.Name);
        await Assert.ThrowsAsync<StoreConflictException>(() => store.ReplaceAsync(StoreTables.Leases, "reminders", "lease", new TestRecord("instance-a", 3), old.ETag, Type, null, None));
        await Assert.ThrowsAsync<StoreConflictException>(() => store.DeleteAsync(StoreTables.Leases, "reminders", "lease", old.ETag, None));
    }

    [Fact]
    public async Task Replace_with_the_etag_of_an_item_that_expired_unclaimed_renews_it()
    {
        var store = NewStore();
        var lease = await store.InsertAsync(StoreTables.Leases, "reminders", "lease", new TestRecord("instance-a", 1), Type, Clock.GetUtcNow().AddSeconds(30), None);
        Clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Null(await store.GetAsync(StoreTables.Leases, "reminders", "lease", Type, None));

        var renewed = await store.ReplaceAsync(StoreTables.Leases, "reminders", "lease", new TestRecord("instance-a", 2), lease.ETag, Type, Clock.GetUtcNow().AddSeconds(30), None);

        var read = await store.GetAsync(StoreTables.Leases, "reminders", "lease", Type, None);
        Assert.Equal(renewed.ETag, read!.ETag);
        Assert.Equal(2, read.Value.Count);
    }

    [Fact]
    public async Task Large_record_round_trips_through_insert_replace_and_query()
    {
        var store = NewStore();
        string payload = LargePayload(300 * 1024);
        var inserted = await store.InsertAsync(Table, "conv-1", "big", new TestRecord("big", 1, payload), Type, null, None);

        var read = await store.GetAsync(Table, "conv-1", "big", Type, None);
        Assert.Equal(payload, read!.Value.Payload);

        string smaller = LargePayload(70 * 1024);
        await store.ReplaceAsync(Table, "conv-1", "big", new TestRecord("big", 2, smaller), inserted.ETag, Type, null, None);
        var queried = Assert.Single(await ToListAsync(store.QueryPartitionAsync(Table, "conv-1", Type, None)));
        Assert.Equal(smaller, queried.Value.Payload);

        await store.UpsertAsync(Table, "conv-1", "big", new TestRecord("small", 3, "tiny"), Type, null, None);
        Assert.Equal("tiny", (await store.GetAsync(Table, "conv-1", "big", Type, None))!.Value.Payload);
    }

    [Fact]
    public async Task Value_larger_than_every_store_accepts_is_rejected_without_writing()
    {
        var store = NewStore();
        string payload = new('x', StoreLimits.MaxValueChars);

        await Assert.ThrowsAsync<ArgumentException>(() => store.InsertAsync(Table, "conv-1", "huge", new TestRecord("huge", 1, payload), Type, null, None));

        Assert.Null(await store.GetAsync(Table, "conv-1", "huge", Type, None));
    }

    public static TheoryData<string, string> AwkwardKeys => new()
    {
        { "19:abc@thread.tacv2;messageid=1767", "19:abc@thread.tacv2" },
        { "a/b#c?d", "back\\slash" },
        { "100%", "%2F-looks-encoded" },
        { "tab\tand\nnewline", "bell\u0007" },
        { "Zürich 会议 ✓", "emoji 😀 row" },
        { "a:1ZQ3ZnJ-0wKLwCL9pPz8hcKpv1v-jkHsrkxT5Jcd_ZSk", "'quoted' \"double\" & <angle>" },
    };

    [Theory]
    [MemberData(nameof(AwkwardKeys))]
    public async Task Keys_with_awkward_characters_round_trip(string partitionKey, string rowKey)
    {
        var store = NewStore();
        var inserted = await store.InsertAsync(Table, partitionKey, rowKey, new TestRecord(rowKey, 1), Type, null, None);
        await store.InsertAsync(Table, partitionKey + "-other", rowKey, new TestRecord("other", 1), Type, null, None);

        var read = await store.GetAsync(Table, partitionKey, rowKey, Type, None);
        Assert.NotNull(read);
        Assert.Equal(partitionKey, read.PartitionKey);
        Assert.Equal(rowKey, read.RowKey);

        var listed = Assert.Single(await ToListAsync(store.QueryPartitionAsync(Table, partitionKey, Type, None)));
        Assert.Equal(rowKey, listed.RowKey);
        Assert.Equal(partitionKey, listed.PartitionKey);

        var replaced = await store.ReplaceAsync(Table, partitionKey, rowKey, new TestRecord(rowKey, 2), inserted.ETag, Type, null, None);
        Assert.True(await store.DeleteAsync(Table, partitionKey, rowKey, replaced.ETag, None));
        Assert.Null(await store.GetAsync(Table, partitionKey, rowKey, Type, None));
    }

    [Fact]
    public async Task Tables_are_isolated_from_each_other()
    {
        var store = NewStore();
        await store.InsertAsync(StoreTables.Meetings, "conv-1", "id-1", new TestRecord("meeting", 1), Type, null, None);
        await store.InsertAsync(StoreTables.Calls, "conv-1", "id-1", new TestRecord("call", 1), Type, null, None);

        Assert.Equal("meeting", (await store.GetAsync(StoreTables.Meetings, "conv-1", "id-1", Type, None))!.Value.Name);
        Assert.Equal("call", (await store.GetAsync(StoreTables.Calls, "conv-1", "id-1", Type, None))!.Value.Name);
        Assert.Null(await store.GetAsync(StoreTables.Reminders, "conv-1", "id-1", Type, None));

        Assert.True(await store.DeleteAsync(StoreTables.Calls, "conv-1", "id-1", null, None));
        Assert.NotNull(await store.GetAsync(StoreTables.Meetings, "conv-1", "id-1", Type, None));
    }

    [Fact]
    public async Task Partitions_are_isolated_from_each_other()
    {
        var store = NewStore();
        await store.InsertAsync(Table, "conv-1", "id-1", new TestRecord("first", 1), Type, null, None);
        await store.InsertAsync(Table, "conv-2", "id-1", new TestRecord("second", 1), Type, null, None);
        await store.InsertAsync(Table, "conv-10", "id-2", new TestRecord("prefix-sibling", 1), Type, null, None);

        Assert.Equal("first", (await store.GetAsync(Table, "conv-1", "id-1", Type, None))!.Value.Name);
        Assert.Equal("second", (await store.GetAsync(Table, "conv-2", "id-1", Type, None))!.Value.Name);
        Assert.Equal(["id-1"], (await ToListAsync(store.QueryPartitionAsync(Table, "conv-1", Type, None))).Select(i => i.RowKey));
    }

    [Fact]
    public async Task A_second_store_object_sees_the_first_ones_writes()
    {
        var writer = NewStore();
        var reader = NewStore();
        var written = await writer.InsertAsync(Table, "conv-1", "shared", new TestRecord("shared", 1), Type, null, None);

        var read = await reader.GetAsync(Table, "conv-1", "shared", Type, None);

        Assert.Equal(written.ETag, read!.ETag);
        await reader.ReplaceAsync(Table, "conv-1", "shared", new TestRecord("shared", 2), read.ETag, Type, null, None);
        await Assert.ThrowsAsync<StoreConflictException>(() => writer.ReplaceAsync(Table, "conv-1", "shared", new TestRecord("late", 3), written.ETag, Type, null, None));
    }

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>A payload of about <paramref name="length"/> characters that does not compress to a pattern.</summary>
    protected static string LargePayload(int length)
    {
        var builder = new StringBuilder(length);
        var random = new Random(length);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-_ü会\"\\";
        while (builder.Length < length)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }
}
