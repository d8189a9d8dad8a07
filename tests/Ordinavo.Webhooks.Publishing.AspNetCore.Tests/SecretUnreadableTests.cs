using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests;

/// <summary>A host whose Data Protection key ring cannot decrypt a subscription's secrets answers a typed 500, and signs nothing.</summary>
public sealed class SecretUnreadableTests
{
    [Fact]
    public async Task Another_key_ring_gives_a_secret_unreadable_problem_and_sends_nothing()
    {
        await using var receiver = await CaptureReceiver.StartAsync();
        var records = new InMemoryWebhookSubscriptionRecordStore();
        string id;
        await using (var first = await AdminTestHost.StartAsync(new AdminHostOptions { RecordStore = records }))
        {
            var created = await first.Client("tenant-a").CreateAsync(AdminApi.Subscription(receiver.Endpoint));
            id = (string)created["subscription"]!["id"]!;
        }

        // Same records, another (ephemeral) key ring.
        await using var second = await AdminTestHost.StartAsync(new AdminHostOptions { RecordStore = records });
        var client = second.Client("tenant-a");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"subscriptions/{id}")).StatusCode);

        using var response = await client.PostAsync($"subscriptions/{id}/test", null);

        var problem = await response.ReadProblemAsync(HttpStatusCode.InternalServerError, WebhookAdminProblemTypes.SecretUnreadable);
        Assert.Contains("key ring", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
        Assert.Contains(second.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains($"secrets of subscription {id} cannot be decrypted", StringComparison.Ordinal));
    }
}
