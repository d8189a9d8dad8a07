// PostgreSQL tests are reported as skipped, with one reason, when no server is configured (never on CI).
[assembly: TestFramework("Ordinavo.Webhooks.TestSupport.PostgresTestFramework", "Ordinavo.Webhooks.TestSupport")]
