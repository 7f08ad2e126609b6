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
/// A failed checkpoint is logged and tried again at the next trigger: the WAL only grows meanwhile; no write
/// is lost or delayed. When the store closes, SQLite's last connection checkpoints and removes the WAL itself.
/// </para>
/// </summary>
internal sealed class SqliteWalCheckpointer : IDisposable
{
    /// <summary>How many committed writes start a checkpoint at the latest.</summary>
    public const int DefaultWritesPerCheckpoint = 1_000;

    private const string CheckpointSql = "PRAGMA wal_checkpoint(PASSIVE);";

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
    private long _failed;
    private int _disposed;
    private volatile bool _waitingForInterval;

    /// <param name="connectionString">A connection string without pooling: the checkpointer keeps its connection open.</param>
    public SqliteWalCheckpointer(string connectionString, string path, TimeProvider time, ILogger logger, TimeSpan? interval = null, int writesPerCheckpoint = DefaultWritesPerCheckpoint)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writesPerCheckpoint, 1);
        _connectionString = connectionString;
        _path = path;
        _time = time;
        _logger = logger;
        Interval = interval ?? TimeSpan.FromSeconds(1);
        WritesPerCheckpoint = writesPerCheckpoint;
    }

    /// <summary>How long after the first write since the last checkpoint the next one runs, at the latest.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How many committed writes start a checkpoint without waiting for <see cref="Interval"/>.</summary>
    public int WritesPerCheckpoint { get; }

    /// <summary>Checkpoints that ran to the end (for tests and the bench).</summary>
    public long CompletedCheckpoints => Interlocked.Read(ref _completed);

    /// <summary>Checkpoints that failed (for tests).</summary>
    public long FailedCheckpoints => Interlocked.Read(ref _failed);

    /// <summary>True while the loop waits for <see cref="Interval"/> (its timer exists); for tests on a fake clock.</summary>
    internal bool WaitingForInterval => _waitingForInterval;

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
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }

                _connection = connection;
            }

            // The result row (busy, frames in the WAL, frames copied) is not needed: "busy" means another process's
            // checkpoint on the same file was running, and that one does the work.
            using var command = _connection.CreateCommand();
            command.CommandText = CheckpointSql;
            command.ExecuteNonQuery();
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

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
