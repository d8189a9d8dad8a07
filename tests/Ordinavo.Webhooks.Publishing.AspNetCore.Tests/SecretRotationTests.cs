namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests;

/// <summary>
/// Rotation over HTTP with a real receiver: during the grace period a receiver holding only the new secret accepts,
/// and so does one holding only the old secret; afterwards only the new one does.
/// </summary>
public sealed class SecretRotationTests
{
    [Theory]
    [MemberData(nameof(SubscriptionStores.All), MemberType = typeof(SubscriptionStores))]
    public async Task During_the_grace_period_both_secrets_verify_after_expiring_the_old_one_only_the_new(string store)
    {
        await using var receiver = await CaptureReceiver.StartAsync();
        await using var host = await AdminTestHost.StartAsync(new AdminHostOptions { SubscriptionStore = store });
        var client = host.Client("tenant-a");
        var created = await client.CreateAsync(AdminApi.Subscription(receiver.Endpoint));
        var id = (string)created["subscription"]!["id"]!;
        var oldSecret = (string)created["secret"]!;

        var rotated = await (await client.PostAsync($"subscriptions/{id}/rotate-secret", AdminApi.Json("{\"gracePeriodSeconds\":3600}"))).ReadObjectAsync();
        var newSecret = (string)rotated["secret"]!;

        var during = await SendTestEventAsync(client, receiver, id);
        Assert.True(during.IsValidFor(newSecret), "A receiver holding only the new secret must accept during the grace period.");
        Assert.True(during.IsValidFor(oldSecret), "A receiver holding only the old secret must accept during the grace period.");

        using var expire = await client.PostAsync($"subscriptions/{id}/expire-old-secrets", null);
        Assert.Equal(HttpStatusCode.OK, expire.StatusCode);

        var afterwards = await SendTestEventAsync(client, receiver, id);
        Assert.True(afterwards.IsValidFor(newSecret));
        Assert.False(afterwards.IsValidFor(oldSecret), "After the grace period the old secret must no longer sign.");
    }

    [Theory]
    [MemberData(nameof(SubscriptionStores.All), MemberType = typeof(SubscriptionStores))]
    public async Task When_a_short_grace_period_ends_by_itself_only_the_new_secret_verifies(string store)
    {
        await using var receiver = await CaptureReceiver.StartAsync();
        await using var host = await AdminTestHost.StartAsync(new AdminHostOptions { SubscriptionStore = store });
        var client = host.Client("tenant-a");
        var created = await client.CreateAsync(AdminApi.Subscription(receiver.Endpoint));
        var id = (string)created["subscription"]!["id"]!;
        var oldSecret = (string)created["secret"]!;
        var rotated = await (await client.PostAsync($"subscriptions/{id}/rotate-secret", AdminApi.Json("{\"gracePeriodSeconds\":1}"))).ReadObjectAsync();
        var newSecret = (string)rotated["secret"]!;
        var expiresAt = DateTimeOffset.Parse((string)rotated["subscription"]!["secrets"]!.AsArray().Single(s => s!["expiresAt"] is not null)!["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture);

        // Wait until the grace period is over by the clock, then ask the API (not the test) whether it still lists the old secret.
        var wait = expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var subscription = await (await client.GetAsync($"subscriptions/{id}")).ReadObjectAsync();
        Assert.Single(subscription["secrets"]!.AsArray());

        var afterwards = await SendTestEventAsync(client, receiver, id);
        Assert.True(afterwards.IsValidFor(newSecret));
        Assert.False(afterwards.IsValidFor(oldSecret));
    }

    private static async Task<CapturedRequest> SendTestEventAsync(HttpClient client, CaptureReceiver receiver, string id)
    {
        var before = receiver.Requests.Count;
        using var response = await client.PostAsync($"subscriptions/{id}/test", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadObjectAsync();
        Assert.True((bool)result["succeeded"]!);
        Assert.Equal(200, (int)result["attempt"]!["statusCode"]!);
        await receiver.WaitForAsync(before + 1);
        return receiver.Requests.ElementAt(before);
    }
}
