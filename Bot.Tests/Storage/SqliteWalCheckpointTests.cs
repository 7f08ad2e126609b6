using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Tests.Storage;

/// <summary>
/// WAL checkpoints in the SQLite store run in the background (<see cref="SqliteWalCheckpointer"/>), never inside a
/// commit of the writer loop: after enough writes, or an interval after the first one, and not at all when idle.
/// </summary>
public sealed class SqliteWalCheckpointTests : IClassFixture<TempDirectoryFixture>, IDisposable
{
    private const string Table = StoreTables.Meetings;
    private const int PageSize = 4096;
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string Payload = new('x', 3_000); // about one page per row

    private readonly List<SqliteBotStore> _stores = [];
    private readonly string _path;

    public SqliteWalCheckpointTests(TempDirectoryFixture folder) =>
        _path = Path.Combine(folder.Path, "wal-" + Guid.NewGuid().ToString("N") + ".db");

    private FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero));

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<TestRecord> Type => StorageTestJsonContext.Default.TestRecord;

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }

    [Fact]
    public async Task The_writer_does_not_checkpoint_a_WAL_past_a_thousand_pages_and_the_interval_then_checkpoints_it_all()
    {
        // No write-count trigger and a frozen clock: only the writer itself could checkpoint.
        var store = Open(writesPerCheckpoint: int.MaxValue);
        await WriteAsync(store, count: 1_500);

        // SQLite's default would have checkpointed at 1,000 pages and reused the WAL from its start.
        Assert.True(new FileInfo(_path + "-wal").Length > 1_400L * PageSize, $"WAL is {new FileInfo(_path + "-wal").Length} bytes");
        Assert.Equal(0, store.Checkpointer.CompletedCheckpoints);

        await WaitForAsync(() => store.Checkpointer.WaitingForInterval);
        Clock.Advance(store.Checkpointer.Interval);
        await WaitForAsync(() => store.Checkpointer.CompletedCheckpoints == 1);

        Assert.Equal(0, store.Checkpointer.FailedCheckpoints);

        // The WAL restarts from its first frame at the next write only when a checkpoint copied all of it.
        await WriteAsync(store, count: 1, first: 1_500);
        var (log, copied) = WalFrames();
        Assert.InRange(log, 1, 20);
        Assert.Equal(log, copied);
        await AssertAllReadBackAsync(store, 1_501);
    }

    [Fact]
    public async Task Enough_writes_start_a_checkpoint_without_waiting_for_the_interval()
    {
        var store = Open(writesPerCheckpoint: 200);
        await WriteAsync(store, count: 450);

        await WaitForAsync(() => store.Checkpointer.CompletedCheckpoints >= 1);
        Assert.Equal(0, store.Checkpointer.FailedCheckpoints);
        await AssertAllReadBackAsync(store, 450);
    }

    [Fact]
    public async Task Few_writes_are_checkpointed_once_after_the_interval_and_an_idle_store_never_is()
    {
        var store = Open(writesPerCheckpoint: 1_000);
        await store.InitializeAsync(None);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(100);
        Assert.Equal(0, store.Checkpointer.CompletedCheckpoints); // nothing written, nothing to do

        await WriteAsync(store, count: 10);
        await WaitForAsync(() => store.Checkpointer.WaitingForInterval); // under the threshold: waits for the interval
        Assert.Equal(0, store.Checkpointer.CompletedCheckpoints);

        Clock.Advance(store.Checkpointer.Interval - TimeSpan.FromMilliseconds(1));
        await Task.Delay(100);
        Assert.Equal(0, store.Checkpointer.CompletedCheckpoints);

        Clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForAsync(() => store.Checkpointer.CompletedCheckpoints == 1);

        Clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(100);
        Assert.Equal(1, store.Checkpointer.CompletedCheckpoints); // idle again
    }

    [Fact]
    public async Task A_write_in_progress_during_the_checkpoint_no_longer_keeps_the_WAL_from_restarting()
    {
        // Under a steady stream of writes there is always a write in progress while a checkpoint runs: its frames land
        // after the ones the checkpoint copied, so a passive checkpoint alone never leaves a WAL that can restart, and
        // the WAL grows without end. Here that write is held open on a connection of our own.
        const int RestartFrames = 300;
        var store = Open(writesPerCheckpoint: int.MaxValue, walRestartFrames: RestartFrames, walRestartBusyTimeout: TimeSpan.FromSeconds(10));
        await WriteAsync(store, count: 600);
        Assert.True(WalBytes() > 550L * PageSize, $"WAL is {WalBytes()} bytes");

        using var other = OpenOwnConnection();
        using var transaction = other.BeginTransaction(deferred: false);
        Execute(transaction, "CREATE TABLE elsewhere (value TEXT); INSERT INTO elsewhere VALUES ('written while the checkpoint ran');");

        await WaitForAsync(() => store.Checkpointer.WaitingForInterval);
        Clock.Advance(store.Checkpointer.Interval);

        // The passive checkpoint has copied the 600 writes; the restart now waits for the open write.
        await WaitForAsync(() => store.Checkpointer.RestartWaiting);
        await Task.Delay(50);
        transaction.Commit();
        await WaitForAsync(() => store.Checkpointer.Restarts == 1);
        Assert.Equal(0, store.Checkpointer.FailedCheckpoints);

        // The next write starts the WAL from its first frame, and the writer cuts the file back to the restart size.
        await WriteAsync(store, count: 1, first: 600);
        var (log, copied) = WalFrames();
        Assert.InRange(log, 1, 20);
        Assert.Equal(log, copied);
        Assert.InRange(WalBytes(), 1, (long)RestartFrames * (PageSize + 24) + 32);
        await AssertAllReadBackAsync(store, 601);
    }

    [Fact]
    public async Task A_restart_that_a_reader_holds_up_gives_up_and_writes_go_on()
    {
        // A reader with a snapshot open keeps the restart from completing; meanwhile it holds new writes back, so it
        // must give up after its busy timeout instead of waiting for as long as the reader reads.
        const int RestartFrames = 300;
        var store = Open(writesPerCheckpoint: int.MaxValue, walRestartFrames: RestartFrames, walRestartBusyTimeout: TimeSpan.FromMilliseconds(200));
        await WriteAsync(store, count: 400);

        using var reader = OpenOwnConnection();
        using var snapshot = reader.BeginTransaction(deferred: true);
        Execute(snapshot, "SELECT count(*) FROM sqlite_master;");

        await WriteAsync(store, count: 100, first: 400); // frames after the reader's snapshot
        await WaitForAsync(() => store.Checkpointer.WaitingForInterval);
        Clock.Advance(store.Checkpointer.Interval);
        await WaitForAsync(() => store.Checkpointer.RestartWaiting);

        var write = Stopwatch.StartNew();
        await WriteAsync(store, count: 1, first: 500);
        write.Stop();
        await WaitForAsync(() => store.Checkpointer.CompletedCheckpoints == 1);

        Assert.Equal(0, store.Checkpointer.Restarts);
        Assert.Equal(0, store.Checkpointer.FailedCheckpoints);
        Assert.True(write.Elapsed < TimeSpan.FromSeconds(5), $"a write waited {write.Elapsed} behind the restart");
        snapshot.Commit();
        await AssertAllReadBackAsync(store, 501);
    }

    [Fact]
    public async Task A_WAL_under_the_restart_size_is_only_checkpointed_passively()
    {
        var store = Open(writesPerCheckpoint: 100, walRestartFrames: 100_000);
        await WriteAsync(store, count: 450);

        await WaitForAsync(() => store.Checkpointer.CompletedCheckpoints >= 1);
        Assert.Equal(0, store.Checkpointer.Restarts);
        await AssertAllReadBackAsync(store, 450);
    }

    [Fact]
    public async Task Disposing_the_store_while_the_checkpointer_waits_returns_promptly_and_keeps_every_write()
    {
        var store = Open(writesPerCheckpoint: 1_000);
        await WriteAsync(store, count: 20);
        var dispose = Task.Run(store.Dispose);
        Assert.Same(dispose, await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(10))));

        var reopened = Open(writesPerCheckpoint: 1_000);
        await AssertAllReadBackAsync(reopened, 20);
    }

    private SqliteBotStore Open(int writesPerCheckpoint, int walRestartFrames = SqliteWalCheckpointer.DefaultRestartFrames, TimeSpan? walRestartBusyTimeout = null)
    {
        var store = new SqliteBotStore(
            Options.Create(new SqliteStoreOptions { Path = _path }), Clock, NullLogger<SqliteBotStore>.Instance, writesPerCheckpoint, walRestartFrames, walRestartBusyTimeout);
        _stores.Add(store);
        return store;
    }

    private static async Task WriteAsync(SqliteBotStore store, int count, int first = 0)
    {
        // In waves of 50 concurrent writes, so batches of several writes commit together as under load.
        for (int start = first; start < first + count; start += 50)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(50, first + count - start)).Select(i =>
                store.InsertAsync(Table, "p" + (i % 5), "k" + i, new TestRecord("r" + i, i, Payload), Type, null, None)));
        }
    }

    private static async Task AssertAllReadBackAsync(SqliteBotStore store, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var item = await store.GetAsync(Table, "p" + (i % 5), "k" + i, Type, None);
            Assert.Equal(new TestRecord("r" + i, i, Payload), item?.Value);
        }
    }

    /// <summary>A connection of the test's own to the store's file, outside the store's pool.</summary>
    private SqliteConnection OpenOwnConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteTransaction transaction, string sql)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long WalBytes()
    {
        var wal = new FileInfo(_path + "-wal");
        return wal.Exists ? wal.Length : 0;
    }

    /// <summary>Frames in the WAL and frames already copied into the database, from a passive checkpoint of our own.</summary>
    private (long Log, long Copied) WalFrames()
    {
        using var connection = OpenOwnConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the checkpointer");
            await Task.Delay(10);
        }
    }
}
