using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests.Support;

/// <summary>
/// The managed subscription stores the admin API tests run against, by name. Each Kestrel test takes the store as a
/// theory parameter, so a new store is one more case here (and one more name in <see cref="Names"/>). The SQLite and
/// PostgreSQL stores live in their outbox's database, so they bring their outbox along (<see cref="OutboxFor"/>).
/// </summary>
public static class SubscriptionStores
{
    public const string InMemory = "in-memory";
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    /// <summary>Every store the tests run against (PostgreSQL only when a server is configured).</summary>
    public static IReadOnlyList<string> Names { get; } = PostgresEnvironment.ConnectionString is null && !PostgresEnvironment.IsCi
        ? [InMemory, Sqlite]
        : [InMemory, Sqlite, PostgreSql];

    /// <summary><see cref="Names"/> as theory data.</summary>
    public static TheoryData<string> All => new(Names);

    /// <summary>The outbox a store needs (its own database), or <see langword="null"/> when any outbox does.</summary>
    public static string? OutboxFor(string name) => name switch
    {
        Sqlite => OutboxStores.Sqlite,
        PostgreSql => OutboxStores.PostgreSql,
        _ => null,
    };

    /// <summary>Chooses the store <paramref name="name"/> on the publisher (after the outbox).</summary>
    public static void Apply(string name, IWebhookPublisherBuilder publisher)
    {
        switch (name)
        {
            case InMemory:
                publisher.UseInMemorySubscriptionRecords();
                break;
            case Sqlite:
                publisher.UseSqliteSubscriptions();
                break;
            case PostgreSql:
                publisher.UsePostgreSqlSubscriptions();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown subscription store.");
        }
    }
}
