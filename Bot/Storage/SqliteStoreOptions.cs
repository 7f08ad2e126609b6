namespace TeamsMeetBot.Storage;

/// <summary>Settings under <c>Storage:Sqlite</c>.</summary>
public sealed class SqliteStoreOptions
{
    public const string DefaultPath = "data/teamsmeetbot.db";

    /// <summary>The database file; a relative path is resolved against the current directory. Its folder is created on start.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>How long SQLite waits for another writer (another process on the same file) before a write is retried.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public string FullPath => System.IO.Path.GetFullPath(Path, Directory.GetCurrentDirectory());
}
