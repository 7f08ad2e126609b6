using System.Globalization;
using Microsoft.Data.Sqlite;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.Storage;

/// <summary>
/// Checkpoints the SQLite write-ahead log in the background, on a connection of its own, so that the writer
/// loop never does.
/// <para>
/// By default SQLite checkpoints inside the <c>COMMIT</c> that takes the WAL past 1,000 pages, and a
/// checkpoint calls <c>fsync</c> twice. Every write queued behind that commit (and the turn awaiting it)
/// then waits several milliseconds: under load that was most of the bot's p99. The writer connection
/// therefore runs with <c>wal_autocheckpoint = 0</c> and reports its commits here; this loop runs a
/// <c>PASSIVE</c> checkpoint once <see cref="WritesPerCheckpoint"/> writes have committed, or
/// <see cref="Interval"/> after the first write since the last checkpoint, whichever comes first. A passive
/// checkpoint neither waits for nor blocks the writer or the readers; the WAL restarts from its beginning at
/// the first write after a checkpoint that copied everything. Nothing runs while nobody writes.
/// </para>
/// <para>
/// Under a steady stream of writes a passive checkpoint never copies everything: the writer commits new frames
/// while it runs, so the WAL never restarts and grows without end (a 100 s protocol bench left a 1.7 GB WAL and a
/// 3 MB wal-index in memory). So once a passive checkpoint reports at least <see cref="RestartFrames"/> frames in
/// the WAL, a <c>RESTART</c> checkpoint follows: it waits for the writer's current transaction, copies the few
/// frames the passive one missed, waits for readers still on the WAL, and holds new writes back meanwhile. That
/// costs a pause once per <see cref="RestartFrames"/> frames: at about 7,000 writes/s in the protocol bench, once
/// every few seconds, and the slowest reply went from about 12 to about 65 ms (the writer's busy handler backs off
/// in steps) while the p99 stayed under 4 ms. At ordinary rates a passive checkpoint copies everything, the WAL
/// restarts by itself and no restart runs. The next write then starts the WAL from its
/// beginning, and the writer's <c>journal_size_limit</c> truncates the file to <see cref="RestartFrames"/> pages.
/// While a restart waits for readers, new writes wait too, so it gives up after <see cref="RestartBusyTimeout"/>
/// (100 ms by default) and the next checkpoint tries again: a reader that keeps a snapshot open (a slow partition
/// query) delays writes by at most that long, not for as long as it reads.
/// </para>
/// <para>
/// A failed checkpoint is logged and tried again at the next trigger: the WAL only grows meanwhile; no write
/// is lost or delayed. When the store closes, SQLite's last connection checkpoints and removes the WAL itself.
/// </para>
/// </summary>
internal sealed class SqliteWalCheckpointer : IDisposable
{
    /// <summary>How many committed writes start a checkpoint at the latest.</summary>
    public const int DefaultWritesPerCheckpoint = 1_000;

    /// <summary>Frames in the WAL (pages written, 4 KB each by default) from which a checkpoint restarts it: 64 MB.</summary>
    public const int DefaultRestartFrames = 16_384;

    /// <summary>Default of <see cref="RestartBusyTimeout"/>.</summary>
    public static readonly TimeSpan DefaultRestartBusyTimeout = TimeSpan.FromMilliseconds(100);

    private const string PassiveSql = "PRAGMA wal_checkpoint(PASSIVE);";
    private const string RestartSql = "PRAGMA wal_checkpoint(RESTART);";

    private readonly string _connectionString;
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _dirty = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _thresholdReached = NewSignal();
    private SqliteConnection? _connection; // used only by the loop, and by Dispose after the loop ended
    private Task? _loop;
    private long _pendingWrites;
    private long _completed;
    private long _restarts;
    private long _failed;
    private int _disposed;
    private volatile bool _waitingForInterval;
    private volatile bool _restartWaiting;

    /// <param name="connectionString">A connection string without pooling: the checkpointer keeps its connection open.</param>
    public SqliteWalCheckpointer(
        string connectionString, string path, TimeProvider time, ILogger logger, TimeSpan? interval = null, int writesPerCheckpoint = DefaultWritesPerCheckpoint,
        int restartFrames = DefaultRestartFrames, TimeSpan? restartBusyTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writesPerCheckpoint, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(restartFrames, 1);
        _connectionString = connectionString;
        _path = path;
        _time = time;
        _logger = logger;
        Interval = interval ?? TimeSpan.FromSeconds(1);
        WritesPerCheckpoint = writesPerCheckpoint;
        RestartFrames = restartFrames;
        RestartBusyTimeout = restartBusyTimeout ?? DefaultRestartBusyTimeout;
    }

    /// <summary>How long after the first write since the last checkpoint the next one runs, at the latest.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How many committed writes start a checkpoint without waiting for <see cref="Interval"/>.</summary>
    public int WritesPerCheckpoint { get; }

    /// <summary>Frames in the WAL from which a checkpoint restarts it; the writer keeps the file to this many pages.</summary>
    public int RestartFrames { get; }

    /// <summary>How long a restarting checkpoint waits for the writer and the readers (holding new writes back) before it gives up.</summary>
    public TimeSpan RestartBusyTimeout { get; }

    /// <summary>Restarting checkpoints that got their locks and copied the whole WAL (for tests).</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Checkpoints that ran to the end (for tests and the bench).</summary>
    public long CompletedCheckpoints => Interlocked.Read(ref _completed);

    /// <summary>Checkpoints that failed (for tests).</summary>
    public long FailedCheckpoints => Interlocked.Read(ref _failed);

    /// <summary>True while the loop waits for <see cref="Interval"/> (its timer exists); for tests on a fake clock.</summary>
    internal bool WaitingForInterval => _waitingForInterval;

    /// <summary>True while a restarting checkpoint runs (it may be waiting for the writer or readers); for tests.</summary>
    internal bool RestartWaiting => _restartWaiting;

    /// <summary>Starts the loop; it waits for the first write.</summary>
    public void Start() =>
        _loop ??= WithoutAmbientContext.Start(() => Task.Run(RunAsync, CancellationToken.None));

    /// <summary>Called by the writer loop after each commit with the number of writes it committed.</summary>
    public void Committed(int writes)
    {
        if (writes <= 0)
        {
            return;
        }

        long after = Interlocked.Add(ref _pendingWrites, writes);
        long before = after - writes;
        if (before == 0)
        {
            _dirty.Release();
        }

        if (before < WritesPerCheckpoint && after >= WritesPerCheckpoint)
        {
            Volatile.Read(ref _thresholdReached).TrySetResult();
        }
    }

    /// <summary>Stops the loop, waiting for a checkpoint in progress, and closes the connection.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        try
        {
            _loop?.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // the loop ends by cancellation while it waits
        }

        _connection?.Dispose();
        _connection = null;
        _stopping.Dispose();
        _dirty.Dispose();
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            await _dirty.WaitAsync(stopping);

            // Let writes accumulate for at most Interval, less when they reach the threshold first.
            var thresholdReached = Volatile.Read(ref _thresholdReached).Task;
            if (Interlocked.Read(ref _pendingWrites) < WritesPerCheckpoint)
            {
                using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var delay = Task.Delay(Interval, _time, delayCancellation.Token);
                _waitingForInterval = true;
                await Task.WhenAny(thresholdReached, delay);
                _waitingForInterval = false;
                await delayCancellation.CancelAsync();
            }

            stopping.ThrowIfCancellationRequested();

            // A fresh signal before the count restarts: a write crossing the threshold in between completes the new
            // one, which at worst makes the next checkpoint come early.
            Volatile.Write(ref _thresholdReached, NewSignal());
            Interlocked.Exchange(ref _pendingWrites, 0);

            // A checkpoint blocks in fsync, possibly for long on a slow disk: on a thread of its own, never the pool's.
            await Task.Factory.StartNew(Checkpoint, CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        }
    }

    private void Checkpoint()
    {
        try
        {
            if (_connection is null)
            {
                var connection = new SqliteConnection(_connectionString);
                try
                {
                    connection.Open();
                    using var busyTimeout = connection.CreateCommand();
                    busyTimeout.CommandText = "PRAGMA busy_timeout = " + ((int)RestartBusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";";
                    busyTimeout.ExecuteNonQuery();
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }

                _connection = connection;
            }

            // "Busy" in the result row means another process's checkpoint on the same file was running; that one
            // does the work.
            var (_, walFrames) = Run(_connection, PassiveSql);
            if (walFrames >= RestartFrames)
            {
                _restartWaiting = true;
                bool busy;
                try
                {
                    (busy, _) = Run(_connection, RestartSql);
                }
                finally
                {
                    _restartWaiting = false;
                }

                if (!busy)
                {
                    Interlocked.Increment(ref _restarts);
                }
            }

            Interlocked.Increment(ref _completed);
        }
        catch (SqliteException ex)
        {
            Interlocked.Increment(ref _failed);
            StorageLog.SqliteCheckpointFailed(_logger, _path, ex.SqliteErrorCode, ex.Message);
            _connection?.Dispose();
            _connection = null;
        }
    }

    /// <summary>Runs a <c>wal_checkpoint</c> pragma: whether it was busy, and the frames in the WAL.</summary>
    private static (bool Busy, long WalFrames) Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0) != 0, reader.GetInt64(1)) : (false, 0);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
