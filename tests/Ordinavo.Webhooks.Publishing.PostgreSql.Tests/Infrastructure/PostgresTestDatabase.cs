using Npgsql;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests.Infrastructure;

/// <summary>
/// A fresh, randomly named schema on the test server (<see cref="PostgresEnvironment"/>), dropped again on dispose, so
/// that test classes (and conformance tests) never see each other's rows.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private static readonly Lazy<NpgsqlDataSource> SharedDataSource = new(() =>
        NpgsqlDataSource.Create(PostgresEnvironment.RequireConnectionString()));

    private PostgresTestDatabase(string schemaName) => SchemaName = schemaName;

    /// <summary>The connection string of the test server.</summary>
    public static string ConnectionString => PostgresEnvironment.RequireConnectionString();

    /// <summary>A data source on the test server shared by the tests (the stores under test make their own).</summary>
    public static NpgsqlDataSource DataSource => SharedDataSource.Value;

    /// <summary>The random schema name (<c>ordinavo_test_</c> + 16 hex digits).</summary>
    public string SchemaName { get; }

    /// <summary>Store options for this schema, with the test server's connection string.</summary>
    public PostgreSqlWebhookOutboxStoreOptions Options() => new() { ConnectionString = ConnectionString, SchemaName = SchemaName };

    /// <summary>Reserves a new schema name (the store creates the schema itself).</summary>
    public static PostgresTestDatabase Create()
    {
        PostgresEnvironment.RequireConnectionString();
        return new PostgresTestDatabase("ordinavo_test_" + Guid.NewGuid().ToString("N")[..16]);
    }

    /// <summary>Runs one SQL statement on the test server and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("__schema__", $"\"{SchemaName}\"", StringComparison.Ordinal));
        return await command.ExecuteScalarAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await using var command = DataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{SchemaName}\" CASCADE;");
        await command.ExecuteNonQueryAsync();
    }
}
