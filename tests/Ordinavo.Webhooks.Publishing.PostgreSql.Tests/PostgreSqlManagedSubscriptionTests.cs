using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Publishing.PostgreSql.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests;

/// <summary>
/// Managed subscriptions on a real PostgreSQL server: the shared scenarios (<see cref="ManagedSubscriptionScenarios"/>)
/// and what only this store shows (the raw table holds no secret). The nodes cache subscriptions for a minute: a change
/// seen by another node within seconds can only have come through the notification channel.
/// </summary>
[RequiresPostgres]
public sealed class PostgreSqlManagedSubscriptionTests(ITestOutputHelper output) : ManagedSubscriptionScenarios
{
    private static readonly TimeSpan LongCache = TimeSpan.FromMinutes(1);

    private PostgresTestDatabase _database = null!;

    /// <summary>Well below <see cref="LongCache"/>, with room for a loaded machine.</summary>
    protected override TimeSpan Soon => TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    protected override string OutboxFix => "UsePostgreSqlStore(connectionString)";

    public override async Task InitializeAsync()
    {
        _database = PostgresTestDatabase.Create();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_table_holds_no_secret_and_the_node_reads_it_back_with_its_key_ring()
    {
        await using var node = await StartNodeAsync(Keys);
        var issued = await node.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(Receiver.Endpoint), Ct);
        var rotated = await node.Manager.RotateSecretAsync(Tenant, issued.Subscription.Id, TimeSpan.FromHours(1), null, Ct);

        // Every column of the table as text, read with plain SQL.
        var table = (string?)await _database.ScalarAsync(
            "SELECT string_agg(concat_ws('|', id, tenant_id, version, created_at, updated_at, document), E'\\n') FROM __schema__.subscriptions;");
        Assert.NotNull(table);
        Assert.Contains(issued.Subscription.Id, table, StringComparison.Ordinal);
        foreach (var secret in new[] { issued.Secret.ExposeSecret(), rotated.Secret.ExposeSecret() })
        {
            var keyPart = secret["whsec_".Length..];
            Assert.DoesNotContain(secret, table, StringComparison.Ordinal);
            Assert.DoesNotContain(keyPart, table, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(keyPart)), table, StringComparison.OrdinalIgnoreCase);
        }

        var subscription = await node.Subscriptions.GetAsync(issued.Subscription.Id, Ct);
        Assert.Equal(
            new[] { issued.Secret.ExposeSecret(), rotated.Secret.ExposeSecret() }.Order(StringComparer.Ordinal),
            subscription!.Secrets.Select(s => s.ExposeSecret()).Order(StringComparer.Ordinal));
    }

    /// <inheritdoc />
    protected override Task<ManagedPublisherNode> StartNodeAsync(string keyFolder) =>
        ManagedPublisherNode.StartAsync(keyFolder, builder => builder.UsePostgreSqlStoreAndSubscriptions(
            PostgresTestDatabase.ConnectionString, o => o.SchemaName = _database.SchemaName, options => options.CacheDuration = LongCache));

    /// <inheritdoc />
    protected override void UseSubscriptionsWithoutTheOutbox(IWebhookPublisherBuilder builder) => builder.UsePostgreSqlSubscriptions();

    /// <inheritdoc />
    protected override void OnDisableSeen(TimeSpan elapsed) =>
        output.WriteLine($"disabled on node A to seen by node B: {elapsed.TotalMilliseconds:0} ms (cache duration {LongCache.TotalSeconds} s)");
}
