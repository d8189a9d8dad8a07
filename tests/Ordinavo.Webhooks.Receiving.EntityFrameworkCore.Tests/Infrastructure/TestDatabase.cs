using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>A real database for one test: a SQLite file in a temporary folder, or a fresh database on the PostgreSQL test server.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _postgresName;

    private TestDatabase(string provider, string connectionString, string? folder, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        _postgresName = postgresName;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        TestDatabase database;
        if (provider == "sqlite")
        {
            var folder = Path.Combine(Path.GetTempPath(), "ordinavo-ef-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(folder);
            database = new TestDatabase(provider, $"Data Source={Path.Combine(folder, "receiver.db")};Default Timeout=60", folder, null);
        }
        else
        {
            var server = PostgresEnvironment.RequireConnectionString();
            var name = "ordinavo_ef_" + Guid.NewGuid().ToString("N")[..12];
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }

            database = new TestDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 60 }.ConnectionString, null, name);
        }

        await using var context = database.NewContext();
        await context.Database.EnsureCreatedAsync();
        if (provider == "sqlite")
        {
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        return database;
    }

    /// <summary>A database another process created (the crash test's child); not dropped by this process.</summary>
    public static TestDatabase Open(string provider, string connectionString) => new(provider, connectionString, null, null);

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == "sqlite")
        {
            options.UseSqlite(ConnectionString);
        }
        else
        {
            options.UseNpgsql(ConnectionString);
        }
    }

    public InboxTestContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<InboxTestContext>();
        Configure(builder);
        return new InboxTestContext(builder.Options);
    }

    public async Task<int> CountEffectsAsync(string eventId)
    {
        await using var context = NewContext();
        return await context.Effects.CountAsync(e => e.EventId == eventId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresEnvironment.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
