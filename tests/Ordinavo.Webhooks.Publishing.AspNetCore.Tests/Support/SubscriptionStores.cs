namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests.Support;

/// <summary>
/// The managed subscription stores the admin API tests run against, by name. Each Kestrel test takes the store as a
/// theory parameter, so a new store is one more case here (and one more name in <see cref="Names"/>).
/// </summary>
public static class SubscriptionStores
{
    public const string InMemory = "in-memory";

    /// <summary>Every store the tests run against.</summary>
    public static IReadOnlyList<string> Names { get; } = [InMemory];

    /// <summary><see cref="Names"/> as theory data.</summary>
    public static TheoryData<string> All => new(Names);

    /// <summary>Chooses the store <paramref name="name"/> on the publisher; <paramref name="folder"/> is the test's own temporary folder.</summary>
    public static void Apply(string name, IWebhookPublisherBuilder publisher, string folder)
    {
        _ = folder;
        switch (name)
        {
            case InMemory:
                publisher.UseInMemorySubscriptionRecords();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown subscription store.");
        }
    }
}
