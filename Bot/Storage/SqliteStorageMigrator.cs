using Microsoft.Data.Sqlite;

namespace TeamsMeetBot.Storage;

/// <summary>
/// Brings the SQLite schema to the version this build expects, tracked in <c>PRAGMA user_version</c>.
/// Each migration runs in an IMMEDIATE transaction, so two processes starting on one file migrate once.
/// Append migrations; never edit one that has shipped.
/// </summary>
internal static class SqliteStorageMigrator
{
    private static readonly string[] Migrations =
    [
        // 1: one table for every logical table; expired rows read as absent and are purged by expires_at.
        """
        CREATE TABLE items (
            tbl        TEXT    NOT NULL,
            pk         TEXT    NOT NULL,
            rk         TEXT    NOT NULL,
            data       TEXT    NOT NULL,
            etag       TEXT    NOT NULL,
            expires_at INTEGER NULL,
            PRIMARY KEY (tbl, pk, rk)
        );
        CREATE INDEX items_expires_at ON items (expires_at) WHERE expires_at IS NOT NULL;
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>Applies the missing migrations; returns the version found before migrating.</summary>
    public static int Migrate(SqliteConnection connection)
    {
        int found = ReadVersion(connection);
        if (found > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The SQLite database {connection.DataSource} has schema version {found}, newer than this build knows ({LatestVersion}). " +
                "Run a newer TeamsMeetBot or point Storage:Sqlite:Path at another file.");
        }

        while (true)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            int current = ReadVersion(connection, transaction);
            if (current >= LatestVersion)
            {
                transaction.Commit();
                return found;
            }

            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Migrations[current] + $"\nPRAGMA user_version = {(current + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)};";
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
