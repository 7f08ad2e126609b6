using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.Storage;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode, one <c>items</c> table for every logical
/// table. Reads use pooled connections and run in parallel.
/// <para>
/// Writes use group commit. A write becomes a request on an in-process queue and its caller awaits
/// the request's task. One writer loop (on a thread of its own, started by <see cref="InitializeAsync"/>;
/// the long-lived writer connection is used only under one gate) takes everything queued, at most
/// <see cref="MaxBatchSize"/> requests, and runs them in order inside one <c>BEGIN IMMEDIATE</c> …
/// <c>COMMIT</c>, so a burst of writes pays for one WAL commit instead of one each. An exception from
/// one request (a conflict found by a multi-statement delete, a constraint error, a bug in its own
/// code) becomes only that caller's outcome and leaves none of that request's changes: a request runs
/// inside its own savepoint, except the single-statement writes, which SQLite undoes by itself (see
/// <see cref="WriteSingleStatementAsync"/>). Callers learn their outcome only after the <c>COMMIT</c>
/// succeeded; completions run asynchronously, never on the writer loop.
/// </para>
/// <para>
/// A write that finds the store quiet (nothing queued, no batch running, none committed for
/// <see cref="QuietBeforeWritingAtOnce"/>) skips the queue: it runs at once on its caller's thread as a batch
/// of its own, under the same gate as the loop's batches, and its task is complete when the call returns. That
/// saves two thread switches per write when the bot is lightly loaded (the claim and the meeting insert of a
/// "meet now" are on the path the person waits on). It never waits for a file locked by another process on the
/// caller's thread: it hands such a write to the loop instead.
/// </para>
/// <para>
/// An SQLite error that makes the transaction unusable (busy, I/O error, disk full, corrupt, read-only,
/// or any error after which SQLite rolled the transaction back itself, and a failed <c>COMMIT</c>)
/// rolls the batch back and fails every request of it with the same <see cref="StoreUnavailableException"/>;
/// the writer connection is then reopened for the next batch. A batch that found the file busy past
/// <c>busy_timeout</c> (another process writing) is retried whole a few times first.
/// </para>
/// <para>
/// A caller whose token is cancelled while its request is still queued gets an
/// <see cref="OperationCanceledException"/> and the request is skipped; once the writer loop has
/// started a request, its outcome stands. <see cref="Dispose"/> lets the batch in progress finish and
/// commit, fails every request still queued with <see cref="ObjectDisposedException"/>, and waits for
/// the loop to end (at most one batch, bounded by <c>busy_timeout</c>).
/// </para>
/// <para>
/// The writer never checkpoints the WAL (that would put two <c>fsync</c> calls inside some commits and
/// stall every write queued behind them); <see cref="SqliteWalCheckpointer"/> does it in the background.
/// </para>
/// </summary>
public sealed class SqliteBotStore : IBotStore, IBotStoreInitializer, IDisposable
{
    private const string KeyMatch = "tbl = $tbl AND pk = $pk AND rk = $rk";
    private const string IsLive = "(expires_at IS NULL OR expires_at > $now)";
    private const int MaxBusyAttempts = 3;
    private const int PurgeBatchSize = 500;

    /// <summary>The most write requests one transaction commits together.</summary>
    internal const int MaxBatchSize = 128;

    /// <summary>
    /// A write runs at once on its caller's thread only when no batch has ended for this long: closer together,
    /// writes are likely to overlap, and committing them one by one would cost more than the queue's thread switches
    /// (several WAL pages per commit instead of one share of a batch; measured under the help load, where writing
    /// every lone write at once raised the bot's CPU per request by 30 to 45 %).
    /// </summary>
    internal static readonly TimeSpan QuietBeforeWritingAtOnce = TimeSpan.FromMilliseconds(2);

    private const string BeginSql = "BEGIN IMMEDIATE;";
    private const string CommitSql = "COMMIT;";
    private const string RollbackSql = "ROLLBACK;";
    private const string SavepointSql = "SAVEPOINT request;";
    private const string ReleaseSql = "RELEASE request;";
    private const string RollbackRequestSql = "ROLLBACK TO request; RELEASE request;";

    private const string SelectOneSql = $"SELECT data, etag, expires_at FROM items WHERE {KeyMatch} AND {IsLive};";
    private const string SelectPartitionSql = $"SELECT rk, data, etag, expires_at FROM items WHERE tbl = $tbl AND pk = $pk AND {IsLive} ORDER BY rk;";
    private const string SelectExpiryByKeySql = $"SELECT expires_at FROM items WHERE {KeyMatch};";

    // Values are bound as their UTF-8 JSON bytes and stored as TEXT: CAST reads a blob's bytes as text in the database's
    // encoding (UTF-8), so the JSON never takes the detour through a UTF-16 string and back to UTF-8 for SQLite.
    private const string DataAsText = "CAST($data AS TEXT)";

    // An existing row blocks the insert unless it has expired; an expired one is overwritten in place.
    private const string InsertSql =
        $"INSERT INTO items (tbl, pk, rk, data, etag, expires_at) VALUES ($tbl, $pk, $rk, {DataAsText}, $etag, $expires) " +
        "ON CONFLICT (tbl, pk, rk) DO UPDATE SET data = excluded.data, etag = excluded.etag, expires_at = excluded.expires_at " +
        "WHERE items.expires_at IS NOT NULL AND items.expires_at <= $now;";

    private const string UpsertSql =
        $"INSERT INTO items (tbl, pk, rk, data, etag, expires_at) VALUES ($tbl, $pk, $rk, {DataAsText}, $etag, $expires) " +
        "ON CONFLICT (tbl, pk, rk) DO UPDATE SET data = excluded.data, etag = excluded.etag, expires_at = excluded.expires_at;";

    private const string ReplaceSql = $"UPDATE items SET data = {DataAsText}, etag = $etag, expires_at = $expires WHERE {KeyMatch} AND etag = $expected;";
    private const string DeleteAnySql = $"DELETE FROM items WHERE {KeyMatch} RETURNING expires_at;";
    private const string DeleteIfMatchSql = $"DELETE FROM items WHERE {KeyMatch} AND etag = $expected RETURNING expires_at;";
    private const string DeleteExpiredByKeySql = $"DELETE FROM items WHERE {KeyMatch} AND expires_at IS NOT NULL AND expires_at <= $now;";

    private const string PurgeBatchSql =
        "DELETE FROM items WHERE rowid IN (SELECT rowid FROM items WHERE expires_at IS NOT NULL AND expires_at <= $now LIMIT $limit);";

    private readonly string _path;
    private readonly string _connectionString;
    private readonly string _writerConnectionString;
    private readonly int _busyTimeoutMs;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteBotStore> _logger;
    private readonly SemaphoreSlim _initializeGate = new(1, 1);
    // The writer loop is the only reader, but the single-reader channel cannot count its items (QueuedWrites).
    private readonly Channel<IWriteRequest> _writes = Channel.CreateUnbounded<IWriteRequest>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false, AllowSynchronousContinuations = false });

    private readonly SqliteWalCheckpointer _checkpointer;
    private WriterSession? _writer; // used only while holding _writerGate
    private readonly Lock _writerGate = new(); // held while a batch runs, on the writer loop or on a caller's thread
    // Wakes the writer thread when a write is queued. Released only when its count is zero, so it never grows
    // unbounded; the writer re-checks the queue after every wake-up, so no write is missed.
    private readonly SemaphoreSlim _writesQueued = new(0);
    private Thread? _writerThread;
    private readonly string _etagPrefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private long _etagCounter;
    private long _committedBatches;
    private long _batchesRunAtOnce;
    private long _lastBatchEnded; // TimeProvider timestamp of the last commit (of initialization before the first)
    private bool _writerThreadInBatch; // the writer thread is in a batch or still holds the gate after it (for tests)
    private volatile bool _initialized;
    private volatile bool _disposed;

    public SqliteBotStore(IOptions<SqliteStoreOptions> options, TimeProvider time, ILogger<SqliteBotStore> logger)
        : this(options, time, logger, SqliteWalCheckpointer.DefaultWritesPerCheckpoint)
    {
    }

    /// <param name="writesPerCheckpoint">How many committed writes start a WAL checkpoint (tests set other values).</param>
    /// <param name="walRestartFrames">From how many WAL frames a checkpoint restarts the WAL (tests set other values).</param>
    /// <param name="walRestartBusyTimeout">How long a restarting checkpoint may hold writes back (tests set other values).</param>
    internal SqliteBotStore(
        IOptions<SqliteStoreOptions> options, TimeProvider time, ILogger<SqliteBotStore> logger, int writesPerCheckpoint,
        int walRestartFrames = SqliteWalCheckpointer.DefaultRestartFrames, TimeSpan? walRestartBusyTimeout = null)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Path))
        {
            throw new ArgumentException("Storage:Sqlite:Path is empty: set it to the database file, e.g. data/teamsmeetbot.db.", nameof(options));
        }

        _path = settings.FullPath;
        _busyTimeoutMs = (int)Math.Clamp(settings.BusyTimeout.TotalMilliseconds, 0, int.MaxValue);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, _busyTimeoutMs / 1000),
        }.ToString();

        // The writer is long-lived, so a pool gains it nothing; without one, resetting it after a failure
        // really closes the handle instead of parking it (and its state) in the readers' pool.
        _writerConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        _time = time;
        _logger = logger;
        _checkpointer = new SqliteWalCheckpointer(_writerConnectionString, _path, time, logger, writesPerCheckpoint: writesPerCheckpoint, restartFrames: walRestartFrames,
            restartBusyTimeout: walRestartBusyTimeout);
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath => _path;

    /// <summary>Creates the folder and the file, switches to WAL and migrates the schema. Safe to call more than once.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initializeGate.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            string? directory = Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {_busyTimeoutMs.ToString(CultureInfo.InvariantCulture)};");
            string journalMode = Convert.ToString(Scalar(connection, "PRAGMA journal_mode = WAL;"), CultureInfo.InvariantCulture) ?? "";
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for {_path} (journal_mode is '{journalMode}'); use a local file system.");
            }

            int before = SqliteStorageMigrator.Migrate(connection);
            if (before != SqliteStorageMigrator.LatestVersion)
            {
                StorageLog.SqliteMigrated(_logger, _path, before, SqliteStorageMigrator.LatestVersion);
            }

            StorageLog.SqliteReady(_logger, _path, SqliteStorageMigrator.LatestVersion);
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writerThread = StartWriterThread();
            _checkpointer.Start();
            Volatile.Write(ref _lastBatchEnded, _time.GetTimestamp());
            _initialized = true;
        }
        catch (SqliteException ex)
        {
            throw new StoreUnavailableException($"The SQLite database {_path} could not be opened: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"The SQLite database folder for {_path} could not be created: {ex.Message}", ex);
        }
        finally
        {
            _initializeGate.Release();
        }
    }

    public async Task<StoredItem<T>?> GetAsync<T>(string table, string partitionKey, string rowKey, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        ValidateKeys(table, partitionKey, rowKey);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectOneSql;
        AddKey(command, table, partitionKey, rowKey);
        Bind(command, "$now", NowMs());
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new StoredItem<T>(partitionKey, rowKey, Deserialize(reader, 0, type), reader.GetString(1), ReadExpiry(reader, 2));
        }
        catch (SqliteException ex) when (IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
    }

    public Task<StoredItem<T>> InsertAsync<T>(string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        WriteValueAsync(InsertSql, table, partitionKey, rowKey, value, type, expiresAt, expectedETag: null,
            () => new StoreConflictException($"An item {table}/{partitionKey}/{rowKey} already exists."), cancellationToken);

    public Task<StoredItem<T>> ReplaceAsync<T>(string table, string partitionKey, string rowKey, T value, string etag, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return WriteValueAsync(ReplaceSql, table, partitionKey, rowKey, value, type, expiresAt, etag,
            () => new StoreConflictException($"The item {table}/{partitionKey}/{rowKey} changed or no longer exists (ETag {etag} does not match)."), cancellationToken);
    }

    public Task<StoredItem<T>> UpsertAsync<T>(string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        WriteValueAsync(UpsertSql, table, partitionKey, rowKey, value, type, expiresAt, expectedETag: null,
            () => new InvalidOperationException($"SQLite reported no change for the upsert of {table}/{partitionKey}/{rowKey}."), cancellationToken);

    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken)
    {
        ValidateKeys(table, partitionKey, rowKey);

        // Up to three statements, but only the first or the last one changes anything, and the conflict is
        // thrown only when the first one deleted nothing; the request's savepoint (see the class comment)
        // would undo a partial delete all the same.
        return WriteAsync(session =>
        {
            long now = NowMs();
            var delete = session.Command(etag is null ? DeleteAnySql : DeleteIfMatchSql);
            AddKey(delete, table, partitionKey, rowKey);
            if (etag is not null)
            {
                Bind(delete, "$expected", etag);
            }

            using (var reader = delete.ExecuteReader())
            {
                if (reader.Read())
                {
                    // Removed; an item that had already expired counts as one that did not exist.
                    return reader.IsDBNull(0) || reader.GetInt64(0) > now;
                }
            }

            if (etag is null)
            {
                return false;
            }

            var probe = session.Command(SelectExpiryByKeySql);
            AddKey(probe, table, partitionKey, rowKey);
            using (var reader = probe.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.IsDBNull(0) || reader.GetInt64(0) > now)
                {
                    throw new StoreConflictException($"The item {table}/{partitionKey}/{rowKey} changed (ETag {etag} does not match); it was not deleted.");
                }
            }

            var dropExpired = session.Command(DeleteExpiredByKeySql);
            AddKey(dropExpired, table, partitionKey, rowKey);
            Bind(dropExpired, "$now", now);
            dropExpired.ExecuteNonQuery();
            return false;
        }, cancellationToken);
    }

    public async IAsyncEnumerable<StoredItem<T>> QueryPartitionAsync<T>(string table, string partitionKey, JsonTypeInfo<T> type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ValidateKeys(table, partitionKey, rowKey: "");
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectPartitionSql;
        Bind(command, "$tbl", table);
        Bind(command, "$pk", partitionKey);
        Bind(command, "$now", NowMs());
        SqliteDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (SqliteException ex) when (IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }

        await using (reader)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return new StoredItem<T>(partitionKey, reader.GetString(0), Deserialize(reader, 1, type), reader.GetString(2), ReadExpiry(reader, 3));
            }
        }
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        long now = NowMs();
        int total = 0;
        while (true)
        {
            // Batches keep the write lock short so the bot's own writes interleave with a large purge.
            int removed = await WriteSingleStatementAsync(session =>
            {
                var purge = session.Command(PurgeBatchSql);
                Bind(purge, "$now", now);
                Bind(purge, "$limit", PurgeBatchSize);
                return purge.ExecuteNonQuery();
            }, cancellationToken);
            total += removed;
            if (removed < PurgeBatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Lets the write batch in progress commit, fails the writes still queued with
    /// <see cref="ObjectDisposedException"/>, waits for the writer loop to end and closes the file.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writes.Writer.TryComplete();
        _writesQueued.Release();

        // The loop never faults (it turns every failure into the callers' outcomes); waiting here bounds
        // the wait to the batch in progress.
        _writerThread?.Join();
        lock (_writerGate)
        {
            // A write running at once on a caller's thread finishes first; later ones see _disposed and queue (and fail).
            _writer?.Dispose();
            _writer = null;
        }

        _checkpointer.Dispose();
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initializeGate.Dispose();
    }

    /// <summary>How many write transactions have committed (for tests).</summary>
    internal long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>The background WAL checkpointer (for tests and the bench).</summary>
    internal SqliteWalCheckpointer Checkpointer => _checkpointer;

    /// <summary>How many write batches ran at once on their caller's thread (for tests).</summary>
    internal long BatchesRunAtOnce => Interlocked.Read(ref _batchesRunAtOnce);

    /// <summary>
    /// True from when the writer thread takes a batch until it has let go of the writer gate: its callers may already
    /// have their results meanwhile, and a write made then queues. For tests that need the store quiet.
    /// </summary>
    internal bool WriterThreadInBatch => Volatile.Read(ref _writerThreadInBatch);

    /// <summary>How many write requests wait in the queue (for tests).</summary>
    internal int QueuedWrites => _writes.Reader.Count;

    /// <summary>True once <see cref="Dispose"/> has started (for tests).</summary>
    internal bool IsDisposed => _disposed;

    private async Task<StoredItem<T>> WriteValueAsync<T>(
        string sql, string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt,
        string? expectedETag, Func<Exception> whenNothingWritten, CancellationToken cancellationToken)
    {
        ValidateKeys(table, partitionKey, rowKey);
        ArgumentNullException.ThrowIfNull(type);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(value, type);
        StoreLimits.EnsureValueFits(table, partitionKey, rowKey, json);
        long? expiresMs = expiresAt?.ToUnixTimeMilliseconds();
        string etag = NewETag();

        int written = await WriteSingleStatementAsync(session =>
        {
            var command = session.Command(sql);
            AddKey(command, table, partitionKey, rowKey);
            Bind(command, "$data", json);
            Bind(command, "$etag", etag);
            Bind(command, "$expires", expiresMs is { } ms ? ms : DBNull.Value);
            if (sql == InsertSql)
            {
                Bind(command, "$now", NowMs());
            }

            if (expectedETag is not null)
            {
                Bind(command, "$expected", expectedETag);
            }

            return command.ExecuteNonQuery();
        }, cancellationToken);

        if (written == 0)
        {
            throw whenNothingWritten();
        }

        var storedExpiry = expiresMs is { } stored ? DateTimeOffset.FromUnixTimeMilliseconds(stored) : (DateTimeOffset?)null;
        return new StoredItem<T>(partitionKey, rowKey, value, etag, storedExpiry);
    }

    /// <summary>
    /// Queues <paramref name="write"/> for the writer loop (or runs it at once when the store is quiet) and completes
    /// with its result once the batch it ran in has committed. <paramref name="write"/> runs on the writer loop or on
    /// the caller's thread, never on both at once, inside a transaction and its own
    /// savepoint, so an exception from it undoes whatever it changed; it may run more than once when the
    /// batch is retried because the file was busy.
    /// </summary>
    internal Task<TResult> WriteAsync<TResult>(Func<WriterSession, TResult> write, CancellationToken cancellationToken) =>
        EnqueueAsync(write, savepoint: true, cancellationToken);

    /// <summary>
    /// <see cref="WriteAsync"/> without the savepoint, for a write that runs exactly one data-changing statement
    /// and nothing after it that can throw. It cannot leave a partial change behind: an exception before the
    /// statement ran changed nothing, and SQLite undoes a failed statement by itself (a statement is atomic
    /// inside a transaction; an error that ends the whole transaction fails the batch). This saves two
    /// statements per write on the hot path (the insert and replace of every turn).
    /// </summary>
    internal Task<TResult> WriteSingleStatementAsync<TResult>(Func<WriterSession, TResult> write, CancellationToken cancellationToken) =>
        EnqueueAsync(write, savepoint: false, cancellationToken);

    private async Task<TResult> EnqueueAsync<TResult>(Func<WriterSession, TResult> write, bool savepoint, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        var request = new WriteRequest<TResult>(write, savepoint, cancellationToken);
        if (TryRunAtOnce(request))
        {
            return await request.Task;
        }

        if (!_writes.Writer.TryWrite(request))
        {
            // Dispose completed the queue after the check above.
            request.Fail(new ObjectDisposedException(GetType().FullName));
        }
        else if (_writesQueued.CurrentCount == 0)
        {
            _writesQueued.Release();
        }

        return await request.Task;
    }

    /// <summary>
    /// When no write is queued, no batch is running and none ended within <see cref="QuietBeforeWritingAtOnce"/>,
    /// runs <paramref name="request"/> at once on the caller's
    /// thread as a batch of its own, which saves waking the writer loop and then the caller again (two thread
    /// switches of 0.1 ms or more each on a small machine, on every write of a turn's critical path when the
    /// store is not busy). Writes that overlap still queue and commit together. False when the request must be
    /// queued: a batch is running, writes are queued, the store is disposed, or the file was busy (another
    /// process writing): the writer loop then waits for it with the busy timeout, so a caller's thread never does.
    /// </summary>
    private bool TryRunAtOnce(IWriteRequest request)
    {
        if (_writes.Reader.Count != 0
            || _time.GetElapsedTime(Volatile.Read(ref _lastBatchEnded)) < QuietBeforeWritingAtOnce
            || !_writerGate.TryEnter())
        {
            return false;
        }

        try
        {
            if (_disposed)
            {
                return false;
            }

            if (!RunBatch([request], waitWhenBusy: false))
            {
                return false;
            }

            Interlocked.Increment(ref _batchesRunAtOnce);
            return true;
        }
        finally
        {
            _writerGate.Exit();
        }
    }

    /// <summary>
    /// The writer loop, on a thread of its own: SQLite calls block (and under load the loop always has work), so on
    /// a pool thread it would leave a small machine's pool short of threads for everything else.
    /// </summary>
    private void RunWriterLoop()
    {
        var reader = _writes.Reader;
        var batch = new List<IWriteRequest>(MaxBatchSize);
        while (true)
        {
            while (batch.Count < MaxBatchSize && reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            if (batch.Count == 0)
            {
                if (reader.Completion.IsCompleted)
                {
                    return; // disposed and drained
                }

                _writesQueued.Wait();
                continue;
            }

            if (_disposed)
            {
                foreach (var request in batch)
                {
                    request.Fail(new ObjectDisposedException(GetType().FullName));
                }
            }
            else
            {
                Volatile.Write(ref _writerThreadInBatch, true);
                lock (_writerGate)
                {
                    RunBatch(batch, waitWhenBusy: true);
                }

                Volatile.Write(ref _writerThreadInBatch, false);
            }

            batch.Clear();
        }
    }

    // The thread lives as long as the store: it must not keep the first caller's context (activity, log scopes).
    private Thread StartWriterThread() => WithoutAmbientContext.Start(() =>
    {
        var thread = new Thread(RunWriterLoop) { IsBackground = true, Name = "SQLite writer" };
        thread.Start();
        return thread;
    });

    /// <summary>
    /// Runs one batch in one transaction and completes every request in it; never throws. Called with
    /// <see cref="_writerGate"/> held. Without <paramref name="waitWhenBusy"/>, a file locked by another writer is
    /// not waited for: the batch is rolled back, its requests are left for the writer loop, and the result is false.
    /// </summary>
    private bool RunBatch(IReadOnlyList<IWriteRequest> batch, bool waitWhenBusy)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                _writer ??= WriterSession.Open(_writerConnectionString, _busyTimeoutMs, _checkpointer.RestartFrames);
                if (!waitWhenBusy && !_writer.TryBeginWithoutWaiting())
                {
                    return false; // another process holds the write lock: nothing was started
                }

                RunInTransaction(_writer, batch, begun: !waitWhenBusy);
                Interlocked.Increment(ref _committedBatches);
                Volatile.Write(ref _lastBatchEnded, _time.GetTimestamp());
                _checkpointer.Committed(batch.Count);
                for (int i = 0; i < batch.Count; i++)
                {
                    batch[i].Publish();
                }

                return true;
            }
            catch (SqliteException ex) when (IsBusy(ex) && !waitWhenBusy)
            {
                RollBackAfterBusy();
                return false;
            }
            catch (SqliteException ex) when (IsBusy(ex) && attempt < MaxBusyAttempts)
            {
                // Another process holds the write lock past busy_timeout: roll back and run the whole batch again.
                RollBackAfterBusy();
                StorageLog.SqliteBusyRetry(_logger, attempt);
            }
            catch (Exception ex)
            {
                // The transaction is unusable: nothing of this batch was committed. A fresh connection
                // serves the next batch (closing this one rolls back whatever is left).
                _writer?.TryRollback();
                _writer?.Dispose();
                _writer = null;
                for (int i = 0; i < batch.Count; i++)
                {
                    // One exception object per caller: several callers rethrowing one instance would race on its stack trace.
                    batch[i].Fail(ex is SqliteException sqlite
                        ? Unavailable(sqlite)
                        : new StoreUnavailableException($"The SQLite database {_path} failed: {ex.Message}", ex));
                }

                return true;
            }
        }
    }

    /// <summary>Rolls back what a batch that found the file busy began; a writer that cannot roll back is closed.</summary>
    private void RollBackAfterBusy()
    {
        if (_writer?.TryRollback() == false)
        {
            _writer.Dispose();
            _writer = null;
        }
    }

    /// <summary>
    /// BEGIN IMMEDIATE (unless <paramref name="begun"/>), each request (in its savepoint when it asked for one), COMMIT. Throws (leaving the
    /// transaction to be rolled back by the caller) only when the transaction as a whole cannot go on.
    /// </summary>
    private static void RunInTransaction(WriterSession session, IReadOnlyList<IWriteRequest> batch, bool begun)
    {
        if (!begun)
        {
            session.RunSql(BeginSql);
        }

        for (int i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            if (!request.TryStart())
            {
                continue; // cancelled while queued: its caller already has its answer
            }

            bool savepoint = request.NeedsSavepoint;
            if (savepoint)
            {
                session.RunSql(SavepointSql);
            }

            try
            {
                request.Run(session);
                if (savepoint)
                {
                    session.RunSql(ReleaseSql);
                }
            }
            catch (SqliteException ex) when (IsUnavailable(ex) || !session.InTransaction)
            {
                throw; // the file is the problem, or SQLite already rolled the whole transaction back
            }
            catch (Exception ex)
            {
                // Only this request failed: undo what it may have changed (a single statement undid itself), keep the others.
                if (savepoint)
                {
                    session.RunSql(RollbackRequestSql);
                }

                request.SetError(ex);
            }
        }

        session.RunSql(CommitSql);
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync();
            throw Unavailable(ex);
        }
    }

    private StoreUnavailableException Unavailable(SqliteException ex) =>
        IsBusy(ex)
            ? new StoreUnavailableException($"The SQLite database {_path} stayed locked by another writer; try again. ({ex.Message})", ex)
            : new StoreUnavailableException($"The SQLite database {_path} failed (SQLite error {ex.SqliteErrorCode}): {ex.Message}", ex);

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// An ETag no other write to this file has had: this store's random prefix, then its write counter (32 hex digits,
    /// like the GUIDs it replaced). Another process on the file, or this one after a restart, draws another prefix.
    /// ETags only have to differ, they are never shown outside the bot, and a GUID cost a random-number system call per
    /// write (about 1 % of the bot's CPU under the help load).
    /// </summary>
    private string NewETag() =>
        string.Create(32, (Prefix: _etagPrefix, Count: Interlocked.Increment(ref _etagCounter)), static (chars, state) =>
        {
            state.Prefix.AsSpan().CopyTo(chars);
            state.Count.TryFormat(chars[16..], out _, "x16", CultureInfo.InvariantCulture);
        });

    private static bool IsBusy(SqliteException ex) => ex.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    // Busy, read-only file, I/O error, corrupt, disk full, cannot open: the file is the problem, not the call.
    private static bool IsUnavailable(SqliteException ex) => ex.SqliteErrorCode is 5 or 6 or 8 or 10 or 11 or 13 or 14 or 26;

    // The TEXT column's bytes as SQLite keeps them (UTF-8), parsed without making a string of them first.
    private static T Deserialize<T>(SqliteDataReader reader, int ordinal, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(ordinal), type) ?? throw new InvalidOperationException($"A stored value read as null for {type.Type.Name}.");

    private static DateTimeOffset? ReadExpiry(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static void AddKey(SqliteCommand command, string table, string partitionKey, string rowKey)
    {
        Bind(command, "$tbl", table);
        Bind(command, "$pk", partitionKey);
        Bind(command, "$rk", rowKey);
    }

    /// <summary>
    /// Gives the parameter <paramref name="name"/> its value: the command's own parameter object when it has one (the
    /// writer's cached commands keep theirs, see <see cref="WriterSession.Command"/>), a new one otherwise.
    /// </summary>
    internal static void Bind(SqliteCommand command, string name, object value)
    {
        var parameters = command.Parameters;
        int index = parameters.IndexOf(name);
        if (index >= 0)
        {
            parameters[index].Value = value;
        }
        else
        {
            parameters.AddWithValue(name, value);
        }
    }

    private static void ValidateKeys(string table, string partitionKey, string rowKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The writer connection and its prepared commands, one per statement; used only by whoever holds the writer gate.</summary>
    internal sealed class WriterSession : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
        private readonly int _busyTimeoutMs;

        private WriterSession(SqliteConnection connection, int busyTimeoutMs)
        {
            _connection = connection;
            _busyTimeoutMs = busyTimeoutMs;
        }

        /// <param name="walLimitPages">The WAL file is cut back to this many pages when a checkpoint restarts it.</param>
        public static WriterSession Open(string connectionString, int busyTimeoutMs, int walLimitPages)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                long pageSize = Convert.ToInt64(Scalar(connection, "PRAGMA page_size;"), CultureInfo.InvariantCulture);
                Execute(connection,
                    $"PRAGMA busy_timeout = {busyTimeoutMs.ToString(CultureInfo.InvariantCulture)}; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0; " +
                    $"PRAGMA journal_size_limit = {(walLimitPages * pageSize).ToString(CultureInfo.InvariantCulture)};");
                return new WriterSession(connection, busyTimeoutMs);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public SqliteCommand Command(string sql)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = _connection.CreateCommand();
#pragma warning disable CA2100 // The SQL comes from this class's constants (or a test's); values are always parameters.
                command.CommandText = sql;
#pragma warning restore CA2100
                _commands[sql] = command;
            }

            // The parameter objects stay for the next use of the same SQL (a write binds seven; allocating them anew was
            // about a twentieth of the help load's allocations). Their values do not: a value not bound again by this use
            // fails the statement ("Value must be set") instead of silently writing the previous request's.
            foreach (SqliteParameter parameter in command.Parameters)
            {
                parameter.Value = null;
            }

            return command;
        }

        /// <summary>
        /// BEGIN IMMEDIATE without waiting for another connection's write lock: false, with no transaction begun, when
        /// it is held. Straight to SQLite, with its busy timeout off for this one statement: a Microsoft.Data.Sqlite
        /// command would retry a busy statement until its own timeout.
        /// </summary>
        public bool TryBeginWithoutWaiting()
        {
            var db = _connection.Handle!;
            SQLitePCL.raw.sqlite3_busy_timeout(db, 0);
            try
            {
                int rc = SQLitePCL.raw.sqlite3_exec(db, BeginSql);
                if (rc is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED)
                {
                    return false;
                }

                SqliteException.ThrowExceptionForRC(rc, db);
                return true;
            }
            finally
            {
                SQLitePCL.raw.sqlite3_busy_timeout(db, _busyTimeoutMs);
            }
        }

        /// <summary>False once SQLite has ended the transaction by itself (it does so on some errors).</summary>
        public bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0;

        public void RunSql(string sql) => Command(sql).ExecuteNonQuery();

        /// <summary>Rolls back the open transaction, if any. False when that failed: the connection must then be closed.</summary>
        public bool TryRollback()
        {
            try
            {
                if (InTransaction)
                {
                    RunSql(RollbackSql);
                }

                return !InTransaction;
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
            _connection.Dispose();
        }
    }

    /// <summary>A queued write as the writer loop sees it.</summary>
    private interface IWriteRequest
    {
        /// <summary>False for a single-statement write, which cannot leave a partial change (see <see cref="WriteSingleStatementAsync"/>).</summary>
        bool NeedsSavepoint { get; }

        /// <summary>Claims the request for execution; false when its caller cancelled it while it was queued.</summary>
        bool TryStart();

        /// <summary>Runs the write, keeping its result for <see cref="Publish"/>; exceptions go to the batch.</summary>
        void Run(WriterSession session);

        /// <summary>Keeps the request's own failure for <see cref="Publish"/>.</summary>
        void SetError(Exception error);

        /// <summary>After the commit: completes the caller's task with the kept result or failure.</summary>
        void Publish();

        /// <summary>Completes the caller's task with <paramref name="error"/> (the batch failed, or the store was disposed).</summary>
        void Fail(Exception error);
    }

    /// <summary>
    /// One write and its caller's task. The completion source runs continuations asynchronously, so callers
    /// never continue on the writer loop.
    /// </summary>
    private sealed class WriteRequest<TResult> : TaskCompletionSource<TResult>, IWriteRequest
    {
        private const int Queued = 0;
        private const int Started = 1;
        private const int Cancelled = 2;

        private readonly Func<WriterSession, TResult> _write;
        private readonly CancellationToken _cancellationToken;
        private CancellationTokenRegistration _cancellation;
        private int _state;
        private TResult? _result;
        private Exception? _error;

        public WriteRequest(Func<WriterSession, TResult> write, bool needsSavepoint, CancellationToken cancellationToken)
            : base(TaskCreationOptions.RunContinuationsAsynchronously)
        {
            _write = write;
            NeedsSavepoint = needsSavepoint;
            _cancellationToken = cancellationToken;
            if (cancellationToken.CanBeCanceled)
            {
                _cancellation = cancellationToken.UnsafeRegister(static state => ((WriteRequest<TResult>)state!).CancelIfQueued(), this);
            }
        }

        public bool NeedsSavepoint { get; }

        public bool TryStart()
        {
            int state = Interlocked.CompareExchange(ref _state, Started, Queued);
            return state != Cancelled;
        }

        public void Run(WriterSession session)
        {
            _error = null;
            _result = _write(session);
        }

        public void SetError(Exception error) => _error = error;

        public void Publish()
        {
            if (Volatile.Read(ref _state) != Started)
            {
                return;
            }

            _cancellation.Unregister();
            if (_error is not null)
            {
                TrySetException(_error);
            }
            else
            {
                TrySetResult(_result!);
            }
        }

        public void Fail(Exception error)
        {
            if (Interlocked.CompareExchange(ref _state, Started, Queued) == Cancelled)
            {
                return;
            }

            _cancellation.Unregister();
            TrySetException(error);
        }

        private void CancelIfQueued()
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
            {
                TrySetCanceled(_cancellationToken);
            }
        }
    }
}
