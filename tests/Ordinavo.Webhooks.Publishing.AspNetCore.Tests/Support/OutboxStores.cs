using Npgsql;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests.Support;

/// <summary>The outbox stores the admin API tests run against, by name.</summary>
public static class OutboxStores
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    /// <summary>Chooses the outbox <paramref name="name"/>; the result drops what the store created (a PostgreSQL schema).</summary>
    public static IAsyncDisposable Apply(string name, IWebhookPublisherBuilder publisher, string folder)
    {
        switch (name)
        {
            case Sqlite:
                publisher.UseSqliteStore(Path.Combine(folder, "outbox.db"));
                return new Nothing();
            case PostgreSql:
                var schema = "admin_" + Guid.NewGuid().ToString("N")[..12];
                var connectionString = PostgresEnvironment.RequireConnectionString();
                publisher.UsePostgreSqlStore(connectionString, o => o.SchemaName = schema);
                return new DropSchema(connectionString, schema);
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown outbox store.");
        }
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class DropSchema(string connectionString, string schema) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
