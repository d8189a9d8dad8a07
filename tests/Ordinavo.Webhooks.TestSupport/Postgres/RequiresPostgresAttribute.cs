namespace Ordinavo.Webhooks.TestSupport;

/// <summary>
/// Marks a test class (inherited by derived classes) whose every test needs the PostgreSQL server. The assembly's
/// <see cref="PostgresTestFramework"/> reports those tests as skipped with <see cref="PostgresEnvironment.SkipReason"/>
/// when there is no server outside CI; this also covers tests inherited from the store conformance suite.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresPostgresAttribute : Attribute;
