namespace Ordinavo.Webhooks.TestSupport;

/// <summary>
/// Where the PostgreSQL tests find their server: the connection string in <c>ORDINAVO_TEST_POSTGRES</c>. Without it the
/// tests are skipped with a reason, except on CI (<c>CI=true</c>), where they run and fail: never silently skipped there.
/// </summary>
public static class PostgresEnvironment
{
    /// <summary>The environment variable with the connection string.</summary>
    public const string Variable = "ORDINAVO_TEST_POSTGRES";

    /// <summary>The connection string, or <see langword="null"/> when the variable is not set.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Whether this is a CI run (<c>CI=true</c>).</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL tests are skipped, or <see langword="null"/> when they run.</summary>
    public static string? SkipReason => ConnectionString is null && !IsCi
        ? $"PostgreSQL tests not run: they need a server; set {Variable} to a connection string (for example: source .ci/postgres.sh && start_postgres)."
        : null;

    /// <summary>The connection string; throws (so that the test fails) when it is missing on CI.</summary>
    public static string RequireConnectionString() => ConnectionString ?? throw new InvalidOperationException(
        $"{Variable} is not set but CI=true: the PostgreSQL tests must run on CI (.ci/run starts a server and sets it).");
}
