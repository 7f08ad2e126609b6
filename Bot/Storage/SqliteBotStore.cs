using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace TeamsMeetBot.Storage;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode, one <c>items</c> table for every logical
/// table. Reads use pooled connections and run in parallel; writes go through one long-lived writer
/// connection behind an async gate (SQLite has a single writer anyway, and queuing in-process is far
/// cheaper than SQLite's busy-sleeps). Another process on the same file is waited for with
/// <c>busy_timeout</c>, and a write that still finds the file busy is retried a few times.
/// </summary>
public sealed class SqliteBotStore : IBotStore, IBotStoreInitializer, IDisposable
{
    private const string KeyMatch = "tbl = $tbl AND pk = $pk AND rk = $rk";
    private const string IsLive = "(expires_at IS NULL OR expires_at > $now)";
    private const int MaxBusyAttempts = 3;
    private const int PurgeBatchSize = 500;

    private const string SelectOneSql = $"SELECT data, etag, expires_at FROM items WHERE {KeyMatch} AND {IsLive};";
    private const string SelectPartitionSql = $"SELECT rk, data, etag, expires_at FROM items WHERE tbl = $tbl AND pk = $pk AND {IsLive} ORDER BY rk;";
    private const string SelectExpiryByKeySql = $"SELECT expires_at FROM items WHERE {KeyMatch};";

    // An existing row blocks the insert unless it has expired; an expired one is overwritten in place.
    private const string InsertSql =
        "INSERT INTO items (tbl, pk, rk, data, etag, expires_at) VALUES ($tbl, $pk, $rk, $data, $etag, $expires) " +
        "ON CONFLICT (tbl, pk, rk) DO UPDATE SET data = excluded.data, etag = excluded.etag, expires_at = excluded.expires_at " +
        "WHERE items.expires_at IS NOT NULL AND items.expires_at <= $now;";

    private const string UpsertSql =
        "INSERT INTO items (tbl, pk, rk, data, etag, expires_at) VALUES ($tbl, $pk, $rk, $data, $etag, $expires) " +
        "ON CONFLICT (tbl, pk, rk) DO UPDATE SET data = excluded.data, etag = excluded.etag, expires_at = excluded.expires_at;";

    private const string ReplaceSql = $"UPDATE items SET data = $data, etag = $etag, expires_at = $expires WHERE {KeyMatch} AND etag = $expected;";
    private const string DeleteAnySql = $"DELETE FROM items WHERE {KeyMatch} RETURNING expires_at;";
    private const string DeleteIfMatchSql = $"DELETE FROM items WHERE {KeyMatch} AND etag = $expected RETURNING expires_at;";
    private const string DeleteExpiredByKeySql = $"DELETE FROM items WHERE {KeyMatch} AND expires_at IS NOT NULL AND expires_at <= $now;";

    private const string PurgeBatchSql =
        "DELETE FROM items WHERE rowid IN (SELECT rowid FROM items WHERE expires_at IS NOT NULL AND expires_at <= $now LIMIT $limit);";

    private readonly string _path;
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteBotStore> _logger;
    private readonly SemaphoreSlim _initializeGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private WriterSession? _writer;
    private volatile bool _initialized;
    private bool _disposed;

    public SqliteBotStore(IOptions<SqliteStoreOptions> options, TimeProvider time, ILogger<SqliteBotStore> logger)
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
        _time = time;
        _logger = logger;
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
        command.Parameters.AddWithValue("$now", NowMs());
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new StoredItem<T>(partitionKey, rowKey, Deserialize(reader.GetString(0), type), reader.GetString(1), ReadExpiry(reader, 2));
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
        return WriteAsync(session =>
        {
            long now = NowMs();
            var delete = session.Command(etag is null ? DeleteAnySql : DeleteIfMatchSql);
            AddKey(delete, table, partitionKey, rowKey);
            if (etag is not null)
            {
                delete.Parameters.AddWithValue("$expected", etag);
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
            dropExpired.Parameters.AddWithValue("$now", now);
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
        command.Parameters.AddWithValue("$tbl", table);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$now", NowMs());
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
                yield return new StoredItem<T>(partitionKey, reader.GetString(0), Deserialize(reader.GetString(1), type), reader.GetString(2), ReadExpiry(reader, 3));
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
            int removed = await WriteAsync(session =>
            {
                var purge = session.Command(PurgeBatchSql);
                purge.Parameters.AddWithValue("$now", now);
                purge.Parameters.AddWithValue("$limit", PurgeBatchSize);
                return purge.ExecuteNonQuery();
            }, cancellationToken);
            total += removed;
            if (removed < PurgeBatchSize)
            {
                return total;
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writer?.Dispose();
        _writer = null;
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeGate.Dispose();
        _initializeGate.Dispose();
    }

    private async Task<StoredItem<T>> WriteValueAsync<T>(
        string sql, string table, string partitionKey, string rowKey, T value, JsonTypeInfo<T> type, DateTimeOffset? expiresAt,
        string? expectedETag, Func<Exception> whenNothingWritten, CancellationToken cancellationToken)
    {
        ValidateKeys(table, partitionKey, rowKey);
        ArgumentNullException.ThrowIfNull(type);
        string json = JsonSerializer.Serialize(value, type);
        StoreLimits.EnsureValueFits(table, partitionKey, rowKey, json);
        long? expiresMs = expiresAt?.ToUnixTimeMilliseconds();
        string etag = NewETag();

        int written = await WriteAsync(session =>
        {
            var command = session.Command(sql);
            AddKey(command, table, partitionKey, rowKey);
            command.Parameters.AddWithValue("$data", json);
            command.Parameters.AddWithValue("$etag", etag);
            command.Parameters.AddWithValue("$expires", expiresMs is { } ms ? ms : DBNull.Value);
            if (sql == InsertSql)
            {
                command.Parameters.AddWithValue("$now", NowMs());
            }

            if (expectedETag is not null)
            {
                command.Parameters.AddWithValue("$expected", expectedETag);
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

    private async Task<TResult> WriteAsync<TResult>(Func<WriterSession, TResult> write, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    _writer ??= WriterSession.Open(_connectionString, _busyTimeoutMs);
                    return write(_writer);
                }
                catch (SqliteException ex) when (IsBusy(ex) && attempt < MaxBusyAttempts)
                {
                    // Another process holds the write lock past busy_timeout: try again, briefly.
                    StorageLog.SqliteBusyRetry(_logger, attempt);
                }
                catch (SqliteException ex) when (IsUnavailable(ex))
                {
                    _writer?.Dispose();
                    _writer = null;
                    throw Unavailable(ex);
                }
            }
        }
        finally
        {
            _writeGate.Release();
        }
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

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private static bool IsBusy(SqliteException ex) => ex.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    // Busy, read-only file, I/O error, corrupt, disk full, cannot open: the file is the problem, not the call.
    private static bool IsUnavailable(SqliteException ex) => ex.SqliteErrorCode is 5 or 6 or 8 or 10 or 11 or 13 or 14 or 26;

    private static T Deserialize<T>(string json, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(json, type) ?? throw new InvalidOperationException($"A stored value read as null for {type.Type.Name}.");

    private static DateTimeOffset? ReadExpiry(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static void AddKey(SqliteCommand command, string table, string partitionKey, string rowKey)
    {
        command.Parameters.AddWithValue("$tbl", table);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$rk", rowKey);
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

    /// <summary>The writer connection and its prepared commands, one per statement; used only under the write gate.</summary>
    private sealed class WriterSession : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        private WriterSession(SqliteConnection connection) => _connection = connection;

        public static WriterSession Open(string connectionString, int busyTimeoutMs)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                Execute(connection, $"PRAGMA busy_timeout = {busyTimeoutMs.ToString(CultureInfo.InvariantCulture)}; PRAGMA synchronous = NORMAL;");
                return new WriterSession(connection);
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
#pragma warning disable CA2100 // The SQL comes from this class's constants; values are always parameters.
                command.CommandText = sql;
#pragma warning restore CA2100
                _commands[sql] = command;
            }

            command.Parameters.Clear();
            return command;
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
}
