using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Publishing.Testing;

namespace Ordinavo.Webhooks.Publishing.Tests.Outbox.StoreAuthors;

// The examples of src/Ordinavo.Webhooks.Publishing.Testing/README.md, compiled and run here: each region appears in the
// README verbatim (PackageReadmeTests). The "database" is an in-memory store behind a store author's own classes.

#region derive-from-the-suite
public sealed class MyDatabaseOutboxStoreTests : WebhookOutboxStoreConformanceTests
{
    // A new, empty store for every test: a fresh database, schema or table prefix.
    protected override async Task<IWebhookOutboxStore> CreateStoreAsync()
    {
        var store = new MyDatabaseOutboxStore(await MyTestDatabase.CreateEmptyAsync());
        await store.EnsureSchemaAsync(CancellationToken.None);
        return store;
    }

    // Optional: drop the test database. The default disposes the store when it is (async) disposable.
    protected override async Task DisposeStoreAsync(IWebhookOutboxStore store)
    {
        await base.DisposeStoreAsync(store);
        await MyTestDatabase.DropAsync(((MyDatabaseOutboxStore)store).Database);
    }
}
#endregion

#region separate-seams
public sealed class MyWorkerStoreTests : WebhookOutboxStoreConformanceTests
{
    protected override async Task<IWebhookOutboxStore> CreateStoreAsync() =>
        new MyWorkerStore(await MyTestDatabase.CreateEmptyAsync());

    // The query and operations seam over the same tables as the worker seam.
    protected override IWebhookDeliveryMonitor GetMonitor(IWebhookOutboxStore store) =>
        new MyDeliveryMonitor(((MyWorkerStore)store).Database);
}
#endregion

public static class MyRegistrations
{
    public static void AddPublisher(IServiceCollection services, string connectionString)
    {
        #region register-the-store
        services.AddOrdinavoWebhookPublisher()
            .UseStore(sp => new MyDatabaseOutboxStore(MyDatabase.Connect(connectionString)))
            .UseInMemorySubscriptions();
        #endregion
    }

    public static void AddPublisherWithSeparateSeams(IServiceCollection services, string connectionString)
    {
        #region register-separate-seams
        services.AddOrdinavoWebhookPublisher()
            .UseStore(
                store: sp => new MyWorkerStore(MyDatabase.Connect(connectionString)),
                monitor: sp => new MyDeliveryMonitor(MyDatabase.Connect(connectionString)))
            .UseInMemorySubscriptions();
        #endregion
    }
}

/// <summary>A stand-in for a database: its "tables" are an in-memory outbox store; every connection to one name shares them.</summary>
public sealed class MyDatabase
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MyDatabase> Databases = new(StringComparer.Ordinal);

    public InMemoryWebhookOutboxStore Tables { get; } = new();

    public static MyDatabase Connect(string connectionString) => Databases.GetOrAdd(connectionString, _ => new MyDatabase());
}

/// <summary>Creates and drops test databases.</summary>
public static class MyTestDatabase
{
    public static Task<MyDatabase> CreateEmptyAsync() => Task.FromResult(MyDatabase.Connect(Guid.NewGuid().ToString("N")));

    public static Task DropAsync(MyDatabase database) => Task.CompletedTask;
}

/// <summary>A store author's worker seam.</summary>
public class MyWorkerStore(MyDatabase database) : IWebhookOutboxStore
{
    public MyDatabase Database => database;

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, CancellationToken cancellationToken) => database.Tables.EnqueueAsync(preparedEvent, cancellationToken);

    public Task<IReadOnlyList<WebhookDeliveryRecord>> LeaseDueAsync(string owner, DateTimeOffset now, int batchSize, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        database.Tables.LeaseDueAsync(owner, now, batchSize, leaseDuration, cancellationToken);

    public Task<IReadOnlyList<bool>> FinishAttemptsAsync(IReadOnlyList<WebhookAttemptOutcome> outcomes, CancellationToken cancellationToken) =>
        database.Tables.FinishAttemptsAsync(outcomes, cancellationToken);

    public Task<WebhookSubscriptionHealth> RecordSubscriptionOutcomeAsync(string subscriptionId, bool succeeded, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.Tables.RecordSubscriptionOutcomeAsync(subscriptionId, succeeded, at, cancellationToken);
}

/// <summary>A store author's query and operations seam.</summary>
public sealed class MyDeliveryMonitor(MyDatabase database) : IWebhookDeliveryMonitor
{
    public Task<WebhookDeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken) => database.Tables.GetDeliveryAsync(deliveryId, cancellationToken);

    public Task<WebhookDeliveryPage> QueryDeliveriesAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken) => database.Tables.QueryDeliveriesAsync(query, cancellationToken);

    public Task<IReadOnlyList<WebhookDeliveryAttempt>> GetAttemptsAsync(string deliveryId, CancellationToken cancellationToken) => database.Tables.GetAttemptsAsync(deliveryId, cancellationToken);

    public Task<WebhookQueueDepth> GetQueueDepthAsync(DateTimeOffset now, CancellationToken cancellationToken) => database.Tables.GetQueueDepthAsync(now, cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset completedBefore, bool includeDeadLetters, CancellationToken cancellationToken) =>
        database.Tables.PurgeAsync(completedBefore, includeDeadLetters, cancellationToken);

    public Task<bool> RequeueAsync(string deliveryId, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) => database.Tables.RequeueAsync(deliveryId, nextAttemptAt, cancellationToken);

    public Task<int> RequeueDeadLettersAsync(string subscriptionId, DateTimeOffset createdFrom, DateTimeOffset createdBefore, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        database.Tables.RequeueDeadLettersAsync(subscriptionId, createdFrom, createdBefore, nextAttemptAt, cancellationToken);

    public Task<WebhookDeliveryStatistics> GetStatisticsAsync(WebhookDeliveryStatisticsQuery query, CancellationToken cancellationToken) => database.Tables.GetStatisticsAsync(query, cancellationToken);
}

/// <summary>A store author's store: both seams on one class.</summary>
public sealed class MyDatabaseOutboxStore(MyDatabase database) : MyWorkerStore(database), IWebhookDeliveryMonitor
{
    private readonly MyDeliveryMonitor _monitor = new(database);

    public Task<WebhookDeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken) => _monitor.GetDeliveryAsync(deliveryId, cancellationToken);

    public Task<WebhookDeliveryPage> QueryDeliveriesAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken) => _monitor.QueryDeliveriesAsync(query, cancellationToken);

    public Task<IReadOnlyList<WebhookDeliveryAttempt>> GetAttemptsAsync(string deliveryId, CancellationToken cancellationToken) => _monitor.GetAttemptsAsync(deliveryId, cancellationToken);

    public Task<WebhookQueueDepth> GetQueueDepthAsync(DateTimeOffset now, CancellationToken cancellationToken) => _monitor.GetQueueDepthAsync(now, cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset completedBefore, bool includeDeadLetters, CancellationToken cancellationToken) =>
        _monitor.PurgeAsync(completedBefore, includeDeadLetters, cancellationToken);

    public Task<bool> RequeueAsync(string deliveryId, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) => _monitor.RequeueAsync(deliveryId, nextAttemptAt, cancellationToken);

    public Task<int> RequeueDeadLettersAsync(string subscriptionId, DateTimeOffset createdFrom, DateTimeOffset createdBefore, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        _monitor.RequeueDeadLettersAsync(subscriptionId, createdFrom, createdBefore, nextAttemptAt, cancellationToken);

    public Task<WebhookDeliveryStatistics> GetStatisticsAsync(WebhookDeliveryStatisticsQuery query, CancellationToken cancellationToken) => _monitor.GetStatisticsAsync(query, cancellationToken);
}
