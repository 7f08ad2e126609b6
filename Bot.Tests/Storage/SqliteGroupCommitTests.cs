using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Tests.Storage;

/// <summary>
/// Group commit in the SQLite store: concurrent writes share transactions, yet every caller gets its own
/// outcome, only after the commit. Tests that need several writes in one batch first hold the writer loop
/// with a write that blocks until released, queue their writes behind it, then release it. The fake clock
/// stands still unless a test moves it, so writes queue for the writer loop; tests of a write on a quiet store
/// (run at once on its caller's thread) move the clock past the quiet time first.
/// </summary>
public sealed class SqliteGroupCommitTests : IClassFixture<TempDirectoryFixture>, IDisposable
{
    private const string Table = StoreTables.Meetings;
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly TempDirectoryFixture _folder;
    private readonly List<SqliteBotStore> _stores = [];
    private readonly List<ManualResetEventSlim> _gates = [];
    private readonly string _path;

    public SqliteGroupCommitTests(TempDirectoryFixture folder)
    {
        _folder = folder;
        _path = Path.Combine(_folder.Path, "group-" + Guid.NewGuid().ToString("N") + ".db");
    }

    private FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero));

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<TestRecord> Type => StorageTestJsonContext.Default.TestRecord;

    public void Dispose()
    {
        foreach (var gate in _gates)
        {
            gate.Set(); // never leave a writer loop blocked by a failed test
        }

        foreach (var store in _stores)
        {
            store.Dispose();
        }

        foreach (var gate in _gates)
        {
            gate.Dispose();
        }
    }

    [Fact]
    public async Task Writes_close_together_run_on_the_stores_own_thread_not_on_the_thread_pool()
    {
        var store = Open();
        await store.InitializeAsync(None); // the clock stands still: every write is within the quiet time of the last commit

        var threads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => store.WriteAsync(
            _ => (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name, Environment.CurrentManagedThreadId), None)));

        Assert.All(threads, t => Assert.False(t.IsThreadPoolThread));
        Assert.All(threads, t => Assert.Equal("SQLite writer", t.Name));
        Assert.Single(threads.Select(t => t.CurrentManagedThreadId).Distinct());
        Assert.Equal(0, store.BatchesRunAtOnce);
    }

    [Fact]
    public async Task A_write_on_a_quiet_store_commits_on_its_callers_thread_before_the_call_returns()
    {
        var store = Open();
        await store.InitializeAsync(None);
        Clock.Advance(SqliteBotStore.QuietBeforeWritingAtOnce);

        var (task, callerThread) = await Task.Run(() =>
        {
            var write = store.WriteAsync(session => (RawInsert(session, "at-once"), Environment.CurrentManagedThreadId), None);
            return (write, Environment.CurrentManagedThreadId);
        });

        Assert.True(task.IsCompletedSuccessfully, "The write was not finished when WriteAsync returned.");
        Assert.Equal((1, callerThread), await task);
        Assert.Equal(1, store.BatchesRunAtOnce);
        Assert.Equal(1, store.CommittedBatches);
        using (var other = OpenRaw())
        {
            Assert.Contains(("conv", "at-once"), ReadAll(other).Keys); // committed, visible to another connection
        }

        // Right after that commit the store is no longer quiet: the next write queues for the writer thread.
        string? next = await store.WriteAsync(_ => Thread.CurrentThread.Name, None);
        Assert.Equal("SQLite writer", next);
        Assert.Equal(1, store.BatchesRunAtOnce);

        // Quiet again: at once, on the caller's thread. (The writer thread completes its callers before it lets go of the
        // writer gate, so the test waits for that; a write made before then queues, as it should.)
        Assert.True(SpinWait.SpinUntil(() => !store.WriterThreadInBatch, TimeSpan.FromSeconds(30)));
        Clock.Advance(SqliteBotStore.QuietBeforeWritingAtOnce);
        var inserted = store.InsertAsync(Table, "conv", "quiet-again", new TestRecord("quiet", 2), Type, null, None);
        Assert.True(inserted.IsCompletedSuccessfully);
        Assert.Equal(2, store.BatchesRunAtOnce);
        Assert.Equal(new TestRecord("quiet", 2), (await store.GetAsync(Table, "conv", "quiet-again", Type, None))!.Value);
    }

    [Fact]
    public async Task A_write_run_at_once_that_throws_fails_alone_and_leaves_no_change()
    {
        var store = Open();
        await store.InitializeAsync(None);
        Clock.Advance(SqliteBotStore.QuietBeforeWritingAtOnce);

        var failed = store.WriteAsync<int>(session =>
        {
            RawInsert(session, "half-done");
            throw new InvalidOperationException("the request's own code failed after its insert");
        }, None);

        Assert.Equal(1, store.BatchesRunAtOnce);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.Null(await store.GetAsync(Table, "conv", "half-done", Type, None));
        Clock.Advance(SqliteBotStore.QuietBeforeWritingAtOnce);
        await store.InsertAsync(Table, "conv", "next", new TestRecord("next", 1), Type, null, None);
        Assert.Equal(2, store.BatchesRunAtOnce);
        Assert.Equal(["next"], (await ToListAsync(store.QueryPartitionAsync(Table, "conv", Type, None))).Select(i => i.RowKey));
    }

    [Fact]
    public async Task A_quiet_write_that_finds_the_file_locked_waits_on_the_writer_thread_not_on_its_caller()
    {
        var store = Open(TimeSpan.FromMinutes(10));
        await store.InitializeAsync(None);
        Clock.Advance(SqliteBotStore.QuietBeforeWritingAtOnce);

        using var other = OpenRaw();
        Execute(other, "BEGIN IMMEDIATE;"); // another process holds the write lock
        var (write, _) = await Task.Run(() => (store.WriteAsync(session => (RawInsert(session, "after-the-lock"), Thread.CurrentThread.Name), None), 0))
            .WaitAsync(TimeSpan.FromMinutes(1)); // a caller waiting out the ten-minute busy timeout fails here

        // WriteAsync returned while the file was still locked; the writer thread waits instead.
        Assert.False(write.IsCompleted);
        Execute(other, "ROLLBACK;");
        Assert.Equal((1, "SQLite writer"), await write.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(1, store.CommittedBatches);
        Assert.Equal(0, store.BatchesRunAtOnce);
        Assert.NotNull(await store.GetAsync(Table, "conv", "after-the-lock", Type, None));
    }

    [Fact]
    public async Task Dispose_waits_for_a_write_running_at_once_and_later_writes_fail()
    {
        var store = Open();
        await store.InitializeAsync(None);
        Clock.Advance(SqliteBotStore.QuietBeforeWritingAtOnce);
        var (held, release) = await HoldWriterAsync(store);

        await DisposeWhileHeldAsync(store, release, "a write");

        Assert.Equal(1, await held);
        Assert.Equal(1, store.BatchesRunAtOnce); // it was held on a caller's thread, not on the writer thread
        Clock.Advance(SqliteBotStore.QuietBeforeWritingAtOnce);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.InsertAsync(Table, "conv", "late", new TestRecord("late", 1), Type, null, None));
        using var reopened = Open();
        Assert.NotNull(await reopened.GetAsync(Table, "hold", "hold", Type, None));
    }

    [Fact]
    public async Task Hundreds_of_concurrent_writes_with_conflicts_each_get_their_own_outcome_and_the_file_matches()
    {
        var store = Open();
        await store.InitializeAsync(None);
        const int Keys = 250;

        // Round 1: two callers insert every key at the same time; exactly one of them must win.
        var inserts = Enumerable.Range(0, Keys * 2).Select(i => Task.Run(async () =>
        {
            var value = new TestRecord($"insert-{i}", i);
            try
            {
                var stored = await store.InsertAsync(Table, "p" + (i / 2 % 7), "k" + (i / 2), value, Type, null, None);
                Assert.Equal(value, stored.Value);
                return (Index: i, Won: true, stored.ETag);
            }
            catch (StoreConflictException)
            {
                return (Index: i, Won: false, ETag: (string?)null);
            }
        })).ToArray();
        var inserted = await Task.WhenAll(inserts);

        var insertWinners = new Dictionary<int, (int Index, string ETag)>();
        foreach (var outcome in inserted.Where(o => o.Won))
        {
            insertWinners.Add(outcome.Index / 2, (outcome.Index, outcome.ETag!)); // Add throws on a second winner
        }

        Assert.Equal(Keys, insertWinners.Count);

        // Round 2: per key, two replaces with the current ETag (one wins) and one with a stale ETag (always loses).
        var replaces = Enumerable.Range(0, Keys * 3).Select(i => Task.Run(async () =>
        {
            int key = i / 3;
            bool stale = i % 3 == 2;
            string etag = stale ? Guid.NewGuid().ToString("N") : insertWinners[key].ETag;
            try
            {
                var stored = await store.ReplaceAsync(Table, "p" + (key % 7), "k" + key, new TestRecord($"replace-{i}", i), etag, Type, null, None);
                Assert.False(stale, "A replace with a stale ETag succeeded.");
                return (Index: i, Won: true, stored.ETag);
            }
            catch (StoreConflictException)
            {
                return (Index: i, Won: false, ETag: (string?)null);
            }
        })).ToArray();
        var replaced = await Task.WhenAll(replaces);

        var replaceWinners = new Dictionary<int, (int Index, string ETag)>();
        foreach (var outcome in replaced.Where(o => o.Won))
        {
            replaceWinners.Add(outcome.Index / 3, (outcome.Index, outcome.ETag!));
        }

        Assert.Equal(Keys, replaceWinners.Count);

        // Every winner's value and ETag are what the file holds; nothing else is there.
        using var connection = OpenRaw();
        var rows = ReadAll(connection);
        Assert.Equal(Keys, rows.Count);
        for (int key = 0; key < Keys; key++)
        {
            var (index, etag) = replaceWinners[key];
            var row = rows[("p" + (key % 7), "k" + key)];
            Assert.Equal(etag, row.ETag);
            Assert.Contains($"\"replace-{index}\"", row.Data, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Conflicts_in_a_batch_fail_only_their_own_callers()
    {
        var store = Open();
        var existing = await store.InsertAsync(Table, "conv", "existing", new TestRecord("existing", 1), Type, null, None);
        var current = await store.ReplaceAsync(Table, "conv", "existing", new TestRecord("existing", 2), existing.ETag, Type, null, None);
        long batchesBefore = store.CommittedBatches;

        var (held, release) = await HoldWriterAsync(store);
        var first = store.InsertAsync(Table, "conv", "new-1", new TestRecord("new-1", 1), Type, null, None);
        var duplicate = store.InsertAsync(Table, "conv", "existing", new TestRecord("duplicate", 9), Type, null, None);
        var staleReplace = store.ReplaceAsync(Table, "conv", "existing", new TestRecord("stale", 9), existing.ETag, Type, null, None);
        var staleDelete = store.DeleteAsync(Table, "conv", "existing", existing.ETag, None);
        var second = store.UpsertAsync(Table, "conv", "new-2", new TestRecord("new-2", 2), Type, null, None);
        var goodReplace = store.ReplaceAsync(Table, "conv", "existing", new TestRecord("existing", 3), current.ETag, Type, null, None);
        await WaitUntilQueuedAsync(store, 6);
        release.Set();
        await held;

        await first;
        await Assert.ThrowsAsync<StoreConflictException>(() => duplicate);
        await Assert.ThrowsAsync<StoreConflictException>(() => staleReplace);
        await Assert.ThrowsAsync<StoreConflictException>(() => staleDelete);
        await second;
        var replaced = await goodReplace;

        Assert.Equal(batchesBefore + 2, store.CommittedBatches); // the holding write's batch, then all six together
        Assert.Equal("new-1", (await store.GetAsync(Table, "conv", "new-1", Type, None))!.Value.Name);
        Assert.Equal("new-2", (await store.GetAsync(Table, "conv", "new-2", Type, None))!.Value.Name);
        var kept = await store.GetAsync(Table, "conv", "existing", Type, None);
        Assert.Equal(new TestRecord("existing", 3), kept!.Value);
        Assert.Equal(replaced.ETag, kept.ETag);
    }

    [Fact]
    public async Task A_write_whose_own_code_throws_fails_alone_and_leaves_no_change()
    {
        var store = Open();
        long batchesBefore = store.CommittedBatches;

        var (held, release) = await HoldWriterAsync(store);
        var before = store.InsertAsync(Table, "conv", "before", new TestRecord("before", 1), Type, null, None);
        var throwsAfterWriting = store.WriteAsync<int>(session =>
        {
            RawInsert(session, "half-done");
            throw new InvalidOperationException("the request's own code failed after its insert");
        }, None);
        var sqlError = store.WriteAsync(session =>
        {
            RawInsert(session, "also-undone");
            var invalid = session.Command("INSERT INTO items (tbl, pk, rk, data, etag) VALUES ('meetings', 'conv', 'null-data', NULL, 'e');");
            return invalid.ExecuteNonQuery(); // NOT NULL constraint: an error of this request, not of the file
        }, None);
        var singleStatementError = store.WriteSingleStatementAsync(session =>
        {
            // One statement, failing on its third row: SQLite undoes its first two rows without a savepoint.
            var insert = session.Command(
                "INSERT INTO items (tbl, pk, rk, data, etag) VALUES " +
                "('meetings', 'conv', 'row-1', '{}', 'e'), ('meetings', 'conv', 'row-2', '{}', 'e'), ('meetings', 'conv', 'row-3', NULL, 'e');");
            return insert.ExecuteNonQuery();
        }, None);
        var after = store.InsertAsync(Table, "conv", "after", new TestRecord("after", 2), Type, null, None);
        await WaitUntilQueuedAsync(store, 5);
        release.Set();
        await held;

        await before;
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => throwsAfterWriting);
        Assert.Contains("own code failed", thrown.Message, StringComparison.Ordinal);
        var constraint = await Assert.ThrowsAsync<SqliteException>(() => sqlError);
        Assert.Equal(19, constraint.SqliteErrorCode); // SQLITE_CONSTRAINT, as before group commit
        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => singleStatementError)).SqliteErrorCode);
        await after;

        Assert.Equal(batchesBefore + 2, store.CommittedBatches);
        Assert.NotNull(await store.GetAsync(Table, "conv", "before", Type, None));
        Assert.NotNull(await store.GetAsync(Table, "conv", "after", Type, None));
        Assert.Null(await store.GetAsync(Table, "conv", "half-done", Type, None));
        Assert.Null(await store.GetAsync(Table, "conv", "also-undone", Type, None));
        Assert.Equal(["after", "before"], (await ToListAsync(store.QueryPartitionAsync(Table, "conv", Type, None))).Select(i => i.RowKey));
    }

    [Fact]
    public async Task A_failure_of_the_file_fails_the_whole_batch_and_the_next_write_reopens_the_writer()
    {
        var store = Open();
        await store.InsertAsync(Table, "conv", "committed-earlier", new TestRecord("earlier", 1), Type, null, None);

        var (held, release) = await HoldWriterAsync(store);
        var before = store.InsertAsync(Table, "conv", "before", new TestRecord("before", 1), Type, null, None);
        var fillsTheDisk = store.WriteAsync(session =>
        {
            // Cap the file at its current size: the large insert then fails like a full disk (SQLITE_FULL).
            session.Command("PRAGMA max_page_count = 1;").ExecuteScalar();
            var insert = session.Command("INSERT INTO items (tbl, pk, rk, data, etag) VALUES ('meetings', 'conv', 'big', $data, 'e');");
            SqliteBotStore.Bind(insert, "$data", new string('x', 200_000));
            return insert.ExecuteNonQuery();
        }, None);
        var after = store.InsertAsync(Table, "conv", "after", new TestRecord("after", 2), Type, null, None);
        await WaitUntilQueuedAsync(store, 3);
        release.Set();
        await held;

        foreach (var write in new Task[] { before, fillsTheDisk, after })
        {
            var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => write);
            Assert.Contains("SQLite error 13", error.Message, StringComparison.Ordinal);
            Assert.Contains(_path, error.Message, StringComparison.Ordinal);
        }

        Assert.Null(await store.GetAsync(Table, "conv", "before", Type, None));
        Assert.Null(await store.GetAsync(Table, "conv", "after", Type, None));
        Assert.NotNull(await store.GetAsync(Table, "conv", "committed-earlier", Type, None));

        // A fresh writer connection (without the cap) serves the next write.
        await store.InsertAsync(Table, "conv", "later", new TestRecord("later", 3), Type, null, None);
        Assert.NotNull(await store.GetAsync(Table, "conv", "later", Type, None));
    }

    [Fact]
    public async Task A_write_cancelled_while_queued_is_skipped_but_one_already_running_stands()
    {
        var store = Open();
        using var runningCancellation = new CancellationTokenSource();
        using var queuedCancellation = new CancellationTokenSource();

        var (held, release) = await HoldWriterAsync(store, runningCancellation.Token);
        var cancelled = store.InsertAsync(Table, "conv", "cancelled", new TestRecord("cancelled", 1), Type, null, queuedCancellation.Token);
        var kept = store.InsertAsync(Table, "conv", "kept", new TestRecord("kept", 2), Type, null, None);
        await WaitUntilQueuedAsync(store, 2);

        await runningCancellation.CancelAsync();
        await queuedCancellation.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(queuedCancellation.Token, error.CancellationToken);
        release.Set();

        Assert.Equal(1, await held); // started before its token was cancelled: its write committed
        await kept;
        Assert.NotNull(await store.GetAsync(Table, "hold", "hold", Type, None));
        Assert.NotNull(await store.GetAsync(Table, "conv", "kept", Type, None));
        Assert.Null(await store.GetAsync(Table, "conv", "cancelled", Type, None));
    }

    [Fact]
    public async Task A_write_with_an_already_cancelled_token_is_not_queued()
    {
        var store = Open();
        await store.InitializeAsync(None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.InsertAsync(Table, "conv", "never", new TestRecord("never", 1), Type, null, new CancellationToken(canceled: true)));

        Assert.Equal(0, store.QueuedWrites);
        Assert.Null(await store.GetAsync(Table, "conv", "never", Type, None));
    }

    [Fact]
    public async Task Dispose_with_writes_queued_commits_the_running_batch_and_fails_the_queued_ones()
    {
        var store = Open();
        var (held, release) = await HoldWriterAsync(store);
        var queued = Enumerable.Range(0, 5)
            .Select(i => store.InsertAsync(Table, "conv", "queued-" + i, new TestRecord("queued", i), Type, null, None))
            .ToArray();
        await WaitUntilQueuedAsync(store, queued.Length);

        await DisposeWhileHeldAsync(store, release, "a batch");

        Assert.Equal(1, await held);
        foreach (var write in queued)
        {
            await Assert.ThrowsAsync<ObjectDisposedException>(() => write);
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.InsertAsync(Table, "conv", "late", new TestRecord("late", 1), Type, null, None));

        using var reopened = Open();
        Assert.NotNull(await reopened.GetAsync(Table, "hold", "hold", Type, None));
        Assert.Empty(await ToListAsync(reopened.QueryPartitionAsync(Table, "conv", Type, None)));
    }

    [Fact]
    public async Task Concurrent_writes_are_durable_after_reopening_the_file()
    {
        var written = new ConcurrentDictionary<string, string>();
        using (var store = Open())
        {
            await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
            {
                var item = await store.InsertAsync(Table, "conv-" + (i % 5), "row-" + i, new TestRecord("row-" + i, i), Type, null, None);
                if (i % 2 == 0)
                {
                    item = await store.ReplaceAsync(Table, "conv-" + (i % 5), "row-" + i, new TestRecord("row-" + i, -i), item.ETag, Type, null, None);
                }

                written[item.PartitionKey + "/" + item.RowKey] = item.ETag;
            })));
        }

        SqliteConnection.ClearAllPools();
        using var reopened = Open();
        for (int i = 0; i < 300; i++)
        {
            var read = await reopened.GetAsync(Table, "conv-" + (i % 5), "row-" + i, Type, None);
            Assert.NotNull(read);
            Assert.Equal(i % 2 == 0 ? -i : i, read.Value.Count);
            Assert.Equal(written[read.PartitionKey + "/" + read.RowKey], read.ETag);
        }
    }

    [Fact]
    public async Task Purge_in_several_batches_interleaves_with_other_writes()
    {
        var store = Open();
        var soon = Clock.GetUtcNow().AddMinutes(1);
        for (int chunk = 0; chunk < 12; chunk++)
        {
            await Task.WhenAll(Enumerable.Range(chunk * 100, 100).Select(i =>
                store.InsertAsync(StoreTables.Idempotency, "activity", "a-" + i, new TestRecord("a", i), Type, soon, None)));
        }

        Clock.Advance(TimeSpan.FromMinutes(2));
        var purge = store.PurgeExpiredAsync(None);
        var others = Enumerable.Range(0, 100)
            .Select(i => store.InsertAsync(StoreTables.Meetings, "conv", "m-" + i, new TestRecord("m", i), Type, null, None))
            .ToArray();

        Assert.Equal(1200, await purge);
        await Task.WhenAll(others);
        Assert.Empty(await ToListAsync(store.QueryPartitionAsync(StoreTables.Idempotency, "activity", Type, None)));
        Assert.Equal(100, (await ToListAsync(store.QueryPartitionAsync(StoreTables.Meetings, "conv", Type, None))).Count);
    }

    [Fact]
    public async Task A_batch_that_finds_the_file_locked_by_another_process_is_retried_whole()
    {
        var retried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = Open(TimeSpan.FromSeconds(2), new CallbackLogger(eventId => { if (eventId == 2003) { retried.TrySetResult(); } }));
        await store.InitializeAsync(None);

        // Another process (here: another connection) holds the write lock.
        using var other = OpenRaw();
        Execute(other, "BEGIN IMMEDIATE;");
        var first = store.InsertAsync(Table, "conv", "first", new TestRecord("first", 1), Type, null, None);
        var second = store.InsertAsync(Table, "conv", "second", new TestRecord("second", 2), Type, null, None);

        await retried.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Execute(other, "ROLLBACK;");

        await first;
        await second;
        Assert.NotNull(await store.GetAsync(Table, "conv", "first", Type, None));
        Assert.NotNull(await store.GetAsync(Table, "conv", "second", Type, None));
    }

    [Fact]
    public async Task A_batch_that_stays_locked_fails_every_write_in_it_as_unavailable()
    {
        var store = Open(TimeSpan.FromMilliseconds(50));
        await store.InitializeAsync(None);
        using (var other = OpenRaw())
        {
            Execute(other, "BEGIN IMMEDIATE;");
            var writes = Enumerable.Range(0, 3)
                .Select(i => store.InsertAsync(Table, "conv", "locked-" + i, new TestRecord("locked", i), Type, null, None))
                .ToArray();
            foreach (var write in writes)
            {
                var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => write);
                Assert.Contains("stayed locked by another writer", error.Message, StringComparison.Ordinal);
            }

            Execute(other, "ROLLBACK;");
        }

        await store.InsertAsync(Table, "conv", "unlocked", new TestRecord("unlocked", 1), Type, null, None);
        Assert.Single(await ToListAsync(store.QueryPartitionAsync(Table, "conv", Type, None)));
    }

    [Fact]
    public async Task A_cached_writer_command_keeps_its_parameter_objects_but_not_their_values()
    {
        var store = Open();
        await store.InitializeAsync(None);
        const string Sql = "INSERT INTO items (tbl, pk, rk, data, etag) VALUES ($tbl, $pk, $rk, $data, $etag);";
        var first = await store.WriteAsync(session =>
        {
            RawInsert(session, "first");
            return session.Command(Sql).Parameters.Cast<SqliteParameter>().ToArray();
        }, None);

        // The same SQL again, with $etag forgotten: the previous write's ETag must not be written silently.
        var forgot = store.WriteAsync(session =>
        {
            var insert = session.Command(Sql);
            SqliteBotStore.Bind(insert, "$tbl", Table);
            SqliteBotStore.Bind(insert, "$pk", "conv");
            SqliteBotStore.Bind(insert, "$rk", "forgot-one");
            SqliteBotStore.Bind(insert, "$data", "{}");
            return (insert.Parameters.Cast<SqliteParameter>().ToArray(), insert.ExecuteNonQuery());
        }, None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => forgot); // Microsoft.Data.Sqlite: "Value must be set."
        Assert.Null(await store.GetAsync(Table, "conv", "forgot-one", Type, None));

        var reused = await store.WriteAsync(session =>
        {
            RawInsert(session, "second");
            return session.Command(Sql).Parameters.Cast<SqliteParameter>().ToArray();
        }, None);
        Assert.Equal(5, first.Length);
        Assert.Equal(first, reused); // the same objects: nothing allocated per write
        Assert.NotNull(await store.GetAsync(Table, "conv", "second", Type, None));
    }

    [Fact]
    public async Task ETags_differ_across_writes_and_across_stores_on_one_file()
    {
        var store = Open();
        await store.InitializeAsync(None);
        var etags = new List<string>();
        for (int i = 0; i < 50; i++)
        {
            var item = await store.InsertAsync(Table, "conv", "row-" + i, new TestRecord("r", i), Type, null, None);
            etags.Add(item.ETag);
            etags.Add((await store.ReplaceAsync(Table, "conv", "row-" + i, new TestRecord("r", i + 1), item.ETag, Type, null, None)).ETag);
        }

        // Another store on the same file (another process, or this one after a restart) draws another prefix.
        var other = Open();
        await other.InitializeAsync(None);
        var fromOther = await other.InsertAsync(Table, "conv", "other", new TestRecord("o", 0), Type, null, None);
        etags.Add(fromOther.ETag);

        Assert.Equal(etags.Count, etags.Distinct(StringComparer.Ordinal).Count());
        Assert.All(etags, e => Assert.Matches("^[0-9a-f]{32}$", e));
        Assert.NotEqual(etags[0][..16], fromOther.ETag[..16]);
        Assert.Equal(etags[0][..16], etags[^2][..16]);
    }

    private SqliteBotStore Open(TimeSpan? busyTimeout = null, ILogger<SqliteBotStore>? logger = null)
    {
        var options = new SqliteStoreOptions { Path = _path };
        if (busyTimeout is { } timeout)
        {
            options.BusyTimeout = timeout;
        }

        var store = new SqliteBotStore(Options.Create(options), Clock, logger ?? NullLogger<SqliteBotStore>.Instance);
        _stores.Add(store);
        return store;
    }

    /// <summary>
    /// Starts a write (of item hold/hold) that holds the writer, inside its transaction, until the returned gate is
    /// set; returns once it is running, so writes queued afterwards wait for the next batch. It runs on the writer
    /// loop, or at once on a pool thread of its own when the test made the store quiet first.
    /// </summary>
    private async Task<(Task<int> Held, ManualResetEventSlim Release)> HoldWriterAsync(SqliteBotStore store, CancellationToken cancellationToken = default)
    {
        var release = new ManualResetEventSlim();
        _gates.Add(release);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = Task.Run(() => store.WriteAsync(session =>
        {
            int written = RawInsert(session, "hold", partitionKey: "hold");
            running.TrySetResult();
            if (!release.Wait(TimeSpan.FromMinutes(2)))
            {
                throw new TimeoutException("The test never released the writer.");
            }

            return written;
        }, cancellationToken), CancellationToken.None);
        await running.Task.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        return (held, release);
    }

    private static int RawInsert(SqliteBotStore.WriterSession session, string rowKey, string partitionKey = "conv")
    {
        var insert = session.Command("INSERT INTO items (tbl, pk, rk, data, etag) VALUES ($tbl, $pk, $rk, $data, $etag);");
        SqliteBotStore.Bind(insert, "$tbl", Table);
        SqliteBotStore.Bind(insert, "$pk", partitionKey);
        SqliteBotStore.Bind(insert, "$rk", rowKey);
        SqliteBotStore.Bind(insert, "$data", $$"""{"Name":"{{rowKey}}","Count":0}""");
        SqliteBotStore.Bind(insert, "$etag", Guid.NewGuid().ToString("N"));
        return insert.ExecuteNonQuery();
    }

    /// <summary>
    /// Disposes the store on another thread while <paramref name="held"/> holds the writer, checks that Dispose waits for
    /// it, then releases it and waits for Dispose to end.
    /// </summary>
    private static async Task DisposeWhileHeldAsync(SqliteBotStore store, ManualResetEventSlim release, string held)
    {
        var disposing = Task.Run(store.Dispose);
        await WaitUntilAsync(() => store.IsDisposed || disposing.IsCompleted);
        Assert.False(disposing.IsCompleted, $"Dispose returned while {held} was still running.");
        release.Set();
        await disposing.WaitAsync(TimeSpan.FromMinutes(1)); // a guard against a hang, not a timing assertion
    }

    private static Task WaitUntilQueuedAsync(SqliteBotStore store, int count) => WaitUntilAsync(() => store.QueuedWrites >= count);

    /// <summary>Polls until <paramref name="condition"/> holds; the deadline only turns a bug into a failure instead of a hang.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition never became true.");
            await Task.Delay(5);
        }
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static Dictionary<(string Pk, string Rk), (string Data, string ETag)> ReadAll(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT pk, rk, data, etag FROM items;";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<(string, string), (string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)), (reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>Calls back with the event id of every log entry.</summary>
    private sealed class CallbackLogger(Action<int> onEvent) : ILogger<SqliteBotStore>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            onEvent(eventId.Id);
    }
}
