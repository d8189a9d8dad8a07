// PostgreSQL tests are not run when no server is configured, and the assembly reports them as one skipped entry
// with the reason (never on CI, where they run and fail without a server).
[assembly: TestFramework("Ordinavo.Webhooks.TestSupport.PostgresTestFramework", "Ordinavo.Webhooks.TestSupport")]
