using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Payloads;

namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests.Support;

/// <summary>Publishes events through the host's real publisher and waits for conditions the API shows.</summary>
public static class Events
{
    /// <summary>Publishes a <c>target.imported</c> event for <paramref name="tenant"/>; returns its event id.</summary>
    public static async Task<string> PublishAsync(AdminTestHost host, string tenant, long targetId = 1)
    {
        var publisher = host.Services.GetRequiredService<IWebhookPublisher>();
        var result = await publisher.PublishAsync(new WebhookEventInput
        {
            EventType = WebhookEventType.TargetImported,
            OccurredAt = DateTimeOffset.UtcNow,
            TenantId = tenant,
            Target = new TargetRecord { Id = targetId, TenantId = tenant, Title = "Maintenance visit" },
        }, CancellationToken.None);
        Assert.Equal(1, result.DeliveriesEnqueued);
        return result.EventId;
    }

    /// <summary>Reads <paramref name="path"/> until <paramref name="condition"/> holds (the delivery worker runs in the background).</summary>
    public static async Task<JsonObject> EventuallyAsync(HttpClient client, string path, Func<JsonObject, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.ReadObjectAsync();
            if (condition(body))
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"GET {path} did not reach the expected state: {body.ToJsonString()}");
            }

            await Task.Delay(50);
        }
    }
}
