using Microsoft.Data.Sqlite;

namespace TeamsMeetBot.Tests.Storage;

/// <summary>A temporary folder for one test class's SQLite files, deleted afterwards.</summary>
public sealed class TempDirectoryFixture : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("teamsmeetbot-storage-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection of a test that failed; the OS cleans temp.
        }
    }
}
