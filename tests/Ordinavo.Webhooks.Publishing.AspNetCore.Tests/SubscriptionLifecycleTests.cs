using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests;

/// <summary>The whole life of a subscription over HTTP: create, read, list, update, disable, enable, rotate, expire, delete.</summary>
public sealed class SubscriptionLifecycleTests
{
    [Theory]
    [MemberData(nameof(SubscriptionStores.All), MemberType = typeof(SubscriptionStores))]
    public async Task Create_read_list_update_disable_enable_rotate_expire_delete(string store)
    {
        await using var host = await AdminTestHost.StartAsync(new AdminHostOptions { SubscriptionStore = store });
        var client = host.Client("tenant-a");

        // Create: 201, Location, the secret once.
        using var created = await client.PostAsync("subscriptions", AdminApi.Json(AdminApi.Subscription(new Uri("https://erp.example.com/hooks"), "visit_report.*")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var issued = await created.ReadObjectAsync();
        var secret = (string)issued["secret"]!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var subscription = issued["subscription"]!.AsObject();
        var id = (string)subscription["id"]!;
        Assert.Equal($"{AdminTestHost.Prefix}/subscriptions/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(1, (long)subscription["version"]!);
        Assert.True((bool)subscription["isEnabled"]!);
        Assert.False((bool)subscription["payloadOptions"]!["includeContactDetails"]!);
        Assert.True((bool)subscription["payloadOptions"]!["includeCustomerContext"]!);
        Assert.Single(subscription["secrets"]!.AsArray());

        // Read through the Location: everything but the secret's value.
        using var read = await client.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var readText = await read.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, readText, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], readText, StringComparison.Ordinal);
        Assert.Equal("https://erp.example.com/hooks", (string)JsonNode.Parse(readText)!["endpointUrl"]!);

        // A second subscription, then list one per page.
        var second = await client.CreateAsync(AdminApi.Subscription(new Uri("https://billing.example.com/hooks"), "billing.*"));
        var secondId = (string)second["subscription"]!["id"]!;
        var first = await (await client.GetAsync("subscriptions?pageSize=1")).ReadObjectAsync();
        Assert.Single(first["items"]!.AsArray());
        var after = (string)first["nextAfter"]!;
        var next = await (await client.GetAsync($"subscriptions?pageSize=1&after={Uri.EscapeDataString(after)}")).ReadObjectAsync();
        Assert.Single(next["items"]!.AsArray());
        Assert.Null(next["nextAfter"]);
        Assert.Equal(
            new[] { id, secondId }.Order(StringComparer.Ordinal),
            new[] { (string)first["items"]![0]!["id"]!, (string)next["items"]![0]!["id"]! });

        // Update with the current version.
        var update = AdminApi.Subscription(new Uri("https://erp.example.com/hooks/v2"), "visit_report.approved", "billing.*");
        update["version"] = 1;
        update["standardWebhooksHeaders"] = true;
        using var updated = await client.PutAsync($"subscriptions/{id}", AdminApi.Json(update));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var afterUpdate = await updated.ReadObjectAsync();
        Assert.Equal(2, (long)afterUpdate["version"]!);
        Assert.Equal("https://erp.example.com/hooks/v2", (string)afterUpdate["endpointUrl"]!);
        Assert.True((bool)afterUpdate["standardWebhooksHeaders"]!);
        Assert.Equal(["visit_report.approved", "billing.*"], afterUpdate["eventTypes"]!.AsArray().Select(t => (string)t!));

        // Disable and enable.
        var disabled = await (await client.PostAsync($"subscriptions/{id}/disable", null)).ReadObjectAsync();
        Assert.False((bool)disabled["isEnabled"]!);
        Assert.Equal("Manual", (string)disabled["disabledReason"]!);
        var enabled = await (await client.PostAsync($"subscriptions/{id}/enable", AdminApi.Json("{\"version\":" + (long)disabled["version"]! + "}"))).ReadObjectAsync();
        Assert.True((bool)enabled["isEnabled"]!);
        Assert.Null(enabled["disabledReason"]);

        // Rotate: a new secret once, the old one still active until the grace period ends.
        using var rotated = await client.PostAsync($"subscriptions/{id}/rotate-secret", AdminApi.Json("{\"gracePeriodSeconds\":3600}"));
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var rotation = await rotated.ReadObjectAsync();
        var newSecret = (string)rotation["secret"]!;
        Assert.StartsWith("whsec_", newSecret, StringComparison.Ordinal);
        Assert.NotEqual(secret, newSecret);
        var secrets = rotation["subscription"]!["secrets"]!.AsArray();
        Assert.Equal(2, secrets.Count);
        Assert.Single(secrets, s => s!["expiresAt"] is not null);

        // Expire the old secret now.
        var expired = await (await client.PostAsync($"subscriptions/{id}/expire-old-secrets", null)).ReadObjectAsync();
        Assert.Single(expired["secrets"]!.AsArray());
        Assert.Null(expired["secrets"]![0]!["expiresAt"]);

        // Delete: 204, then 404 and gone from the list.
        using var deleted = await client.DeleteAsync($"subscriptions/{id}?version={(long)expired["version"]!}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.GetAsync($"subscriptions/{id}");
        await gone.ReadProblemAsync(HttpStatusCode.NotFound, WebhookAdminProblemTypes.NotFound);
        var remaining = await (await client.GetAsync("subscriptions")).ReadObjectAsync();
        Assert.Equal([secondId], remaining["items"]!.AsArray().Select(s => (string)s!["id"]!));

        // Every change is logged at Information with the tenant and the id; no secret and no description ever.
        var admin = host.Logs.Entries.Where(e => e.Category.StartsWith("Ordinavo.Webhooks.Publishing.AspNetCore", StringComparison.Ordinal)).ToList();
        foreach (var action in new[] { "create", "update", "disable", "enable", "rotate secret", "expire old secrets", "delete" })
        {
            Assert.Contains(admin, e => e.Level == LogLevel.Information && e.Message.Contains($": {action} by tenant tenant-a on subscription {id}", StringComparison.Ordinal));
        }

        foreach (var entry in host.Logs.Entries)
        {
            Assert.DoesNotContain(secret["whsec_".Length..], entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(newSecret["whsec_".Length..], entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("ERP integration", entry.Message, StringComparison.Ordinal);
        }
    }
}
