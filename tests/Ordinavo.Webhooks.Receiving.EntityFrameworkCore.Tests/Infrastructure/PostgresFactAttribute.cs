namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// A test that needs the PostgreSQL server named by <c>ORDINAVO_TEST_POSTGRES</c>: skipped with one reason without it,
/// except on CI (<c>CI=true</c>), where it runs and fails: never silently skipped there.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "ORDINAVO_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (ConnectionString is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"needs PostgreSQL: set {Variable} (source .ci/postgres.sh && start_postgres)";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
}
