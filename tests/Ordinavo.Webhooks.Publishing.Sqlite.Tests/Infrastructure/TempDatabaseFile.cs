using Microsoft.Data.Sqlite;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;

/// <summary>A database file in a new temp folder, deleted (with its WAL files) on dispose.</summary>
public sealed class TempDatabaseFile : IDisposable
{
    public TempDatabaseFile(string name = "webhooks.db")
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ordinavo-sqlite-tests", Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Folder, name);
    }

    /// <summary>The folder (created by the store when it opens the file).</summary>
    public string Folder { get; }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Store options for this file.</summary>
    public SqliteWebhookOutboxStoreOptions Options() => new() { DatabasePath = Path };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
