using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests;

/// <summary>
/// Managed subscriptions in a real SQLite file: the shared scenarios (<see cref="ManagedSubscriptionScenarios"/>) and
/// what only this store shows (the raw table and file hold no secret). The nodes poll every 50 ms and cache
/// subscriptions for one second.
/// </summary>
public sealed class SqliteManagedSubscriptionTests : ManagedSubscriptionScenarios
{
    private readonly TempDatabaseFile _file = new();

    /// <inheritdoc />
    protected override TimeSpan Soon => TimeSpan.FromSeconds(15);

    /// <inheritdoc />
    protected override string OutboxFix => "UseSqliteStore(path)";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _file.Dispose();
    }

    [Fact]
    public async Task The_table_holds_no_secret_and_the_node_reads_it_back_with_its_key_ring()
    {
        await using var node = await StartNodeAsync(Keys);
        var issued = await node.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(Receiver.Endpoint), Ct);
        var rotated = await node.Manager.RotateSecretAsync(Tenant, issued.Subscription.Id, TimeSpan.FromHours(1), null, Ct);

        var rows = await ReadRowsAsync();
        var row = Assert.Single(rows);
        Assert.Contains(issued.Subscription.Id, row, StringComparison.Ordinal);
        var fileBytes = ReadDatabaseFiles();
        foreach (var secret in new[] { issued.Secret.ExposeSecret(), rotated.Secret.ExposeSecret() })
        {
            var keyPart = secret["whsec_".Length..];
            Assert.DoesNotContain(secret, row, StringComparison.Ordinal);
            Assert.DoesNotContain(keyPart, row, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(keyPart)), row, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(-1, fileBytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(keyPart)));
        }

        // The secrets are stored (encrypted): the node's key ring reads both back for signing.
        var subscription = await node.Subscriptions.GetAsync(issued.Subscription.Id, Ct);
        Assert.Equal(
            new[] { issued.Secret.ExposeSecret(), rotated.Secret.ExposeSecret() }.Order(StringComparer.Ordinal),
            subscription!.Secrets.Select(s => s.ExposeSecret()).Order(StringComparer.Ordinal));
    }

    /// <inheritdoc />
    protected override Task<ManagedPublisherNode> StartNodeAsync(string keyFolder) =>
        ManagedPublisherNode.StartAsync(keyFolder, builder => builder
            .UseSqliteStoreAndSubscriptions(_file.Path, options => options.CacheDuration = TimeSpan.FromSeconds(1)));

    /// <inheritdoc />
    protected override void UseSubscriptionsWithoutTheOutbox(IWebhookPublisherBuilder builder) => builder.UseSqliteSubscriptions();

    /// <summary>Every column of every row of the subscriptions table, read with plain SQL, as one text per row.</summary>
    private async Task<IReadOnlyList<string>> ReadRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_file.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, tenant_id, version, created_at, updated_at, document FROM ordinavo_webhook_subscriptions;";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    /// <summary>The bytes of the database file and its WAL, as they are on disk.</summary>
    private byte[] ReadDatabaseFiles()
    {
        var bytes = new List<byte>();
        foreach (var path in new[] { _file.Path, _file.Path + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bytes.AddRange(copy.ToArray());
        }

        return [.. bytes];
    }
}
