using Npgsql;

namespace Ordinavo.Webhooks.Benchmarks.Stores;

/// <summary>The PostgreSQL server of the store benchmarks: the connection string in ORDINAVO_TEST_POSTGRES.</summary>
public static class BenchmarkPostgres
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ORDINAVO_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("The PostgreSQL store benchmarks need ORDINAVO_TEST_POSTGRES (e.g. source .ci/postgres.sh && start_postgres).");

    public static async Task ExecuteAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    public static Task DropSchemaAsync(string schema) => ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;");
}
