using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Tests.Storage;

/// <summary>The store contract against the embedded SQLite store (one temporary file per test), plus its file handling.</summary>
public sealed class SqliteBotStoreTests : BotStoreContractTests, IClassFixture<TempDirectoryFixture>
{
    private readonly TempDirectoryFixture _folder;

    public SqliteBotStoreTests(TempDirectoryFixture folder) => _folder = folder;

    protected override IBotStore CreateStore(string scope, TimeProvider time) => Open(Path.Combine(_folder.Path, scope + ".db"), time);

    [Fact]
    public async Task First_start_creates_the_folder_the_file_WAL_mode_and_the_schema()
    {
        string path = Path.Combine(_folder.Path, "nested-" + Guid.NewGuid().ToString("N"), "deeper", "bot.db");
        using var store = Open(path, Clock);

        await store.InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(path));
        Assert.Equal(path, store.DatabasePath);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(1L, Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal("items", Scalar(connection, "SELECT name FROM sqlite_master WHERE type = 'table';"));
    }

    [Fact]
    public async Task Data_survives_reopening_the_file()
    {
        string path = Path.Combine(_folder.Path, "reopen-" + Guid.NewGuid().ToString("N") + ".db");
        string etag;
        using (var first = Open(path, Clock))
        {
            etag = (await first.InsertAsync(StoreTables.Meetings, "conv", "m", new TestRecord("kept", 7), StorageTestJsonContext.Default.TestRecord, null, CancellationToken.None)).ETag;
        }

        using var second = Open(path, Clock);
        await second.InitializeAsync(CancellationToken.None);
        var read = await second.GetAsync(StoreTables.Meetings, "conv", "m", StorageTestJsonContext.Default.TestRecord, CancellationToken.None);

        Assert.Equal(new TestRecord("kept", 7), read!.Value);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task A_database_from_a_newer_build_is_refused_with_a_clear_message()
    {
        string path = Path.Combine(_folder.Path, "newer-" + Guid.NewGuid().ToString("N") + ".db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Scalar(connection, "PRAGMA user_version = 99;");
        }

        using var store = Open(path, Clock);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_path_is_resolved_against_the_current_directory()
    {
        var options = new SqliteStoreOptions { Path = Path.Combine("data", "bot.db") };

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "data", "bot.db"), options.FullPath);
    }

    [Fact]
    public async Task Values_are_stored_as_UTF8_JSON_text_whichever_write_stored_them()
    {
        // Relaxed escaping keeps the non-ASCII characters as multi-byte UTF-8 in the serialized bytes.
        var type = new StorageTestJsonContext(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).TestRecord;
        string path = Path.Combine(_folder.Path, "text-" + Guid.NewGuid().ToString("N") + ".db");
        using var store = Open(path, Clock);
        var inserted = await store.InsertAsync(StoreTables.Meetings, "conv", "m", new TestRecord("Zürich 会议 😀", 1), type, null, CancellationToken.None);
        AssertStoredAsText(new TestRecord("Zürich 会议 😀", 1));

        await store.ReplaceAsync(StoreTables.Meetings, "conv", "m", new TestRecord("Café \"quoted\" ✓", 2), inserted.ETag, type, null, CancellationToken.None);
        AssertStoredAsText(new TestRecord("Café \"quoted\" ✓", 2));

        await store.UpsertAsync(StoreTables.Meetings, "conv", "m", new TestRecord("naïve\ttab", 3, "ß"), type, null, CancellationToken.None);
        AssertStoredAsText(new TestRecord("naïve\ttab", 3, "ß"));
        Assert.Equal(new TestRecord("naïve\ttab", 3, "ß"), (await store.GetAsync(StoreTables.Meetings, "conv", "m", type, CancellationToken.None))!.Value);
        Assert.Equal(new TestRecord("naïve\ttab", 3, "ß"), Assert.Single(await ToListAsync(store.QueryPartitionAsync(StoreTables.Meetings, "conv", type, CancellationToken.None))).Value);

        void AssertStoredAsText(TestRecord expected)
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            Assert.Equal("text", Scalar(connection, "SELECT typeof(data) FROM items WHERE rk = 'm';"));
            Assert.Equal(JsonSerializer.Serialize(expected, type), Scalar(connection, "SELECT data FROM items WHERE rk = 'm';"));
            Assert.Equal(expected.Name, Scalar(connection, "SELECT json_extract(data, '$.Name') FROM items WHERE rk = 'm';"));
        }
    }

    private static SqliteBotStore Open(string path, TimeProvider time) =>
        new(Options.Create(new SqliteStoreOptions { Path = path }), time, NullLogger<SqliteBotStore>.Instance);

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
