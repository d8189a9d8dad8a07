using Microsoft.Extensions.Configuration;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.Tests.Subscriptions;

public sealed class ConfigurationWebhookSubscriptionStoreTests
{
    private static readonly string SecretA = WebhookSecret.Generate().ExposeSecret();
    private static readonly string SecretB = WebhookSecret.Generate().ExposeSecret();

    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Webhooks:Subscriptions");

    [Fact]
    public async Task Reads_subscriptions_from_an_array_section()
    {
        var store = new ConfigurationWebhookSubscriptionStore(Config(new()
        {
            ["Webhooks:Subscriptions:0:Id"] = "erp",
            ["Webhooks:Subscriptions:0:TenantId"] = "tenant-123",
            ["Webhooks:Subscriptions:0:EndpointUrl"] = "https://erp.example/hooks",
            ["Webhooks:Subscriptions:0:Secrets:0"] = SecretA,
            ["Webhooks:Subscriptions:0:Secrets:1"] = SecretB,
            ["Webhooks:Subscriptions:0:EventTypes:0"] = "visit_report.*",
            ["Webhooks:Subscriptions:0:EventTypes:1"] = "billing.event_created",
            ["Webhooks:Subscriptions:0:SourceSystem"] = "logistics_erp",
            ["Webhooks:Subscriptions:0:StandardWebhooksHeaders"] = "true",
            ["Webhooks:Subscriptions:0:PayloadOptions:IncludeContactDetails"] = "false",
            ["Webhooks:Subscriptions:0:PayloadOptions:IncludeSummaryPreview"] = "true",
            ["Webhooks:Subscriptions:0:PayloadOptions:SummaryPreviewMaxLength"] = "120",
            ["Webhooks:Subscriptions:1:Id"] = "crm",
            ["Webhooks:Subscriptions:1:TenantId"] = "tenant-456",
            ["Webhooks:Subscriptions:1:EndpointUrl"] = "https://crm.example/in",
            ["Webhooks:Subscriptions:1:Secret"] = SecretA,
            ["Webhooks:Subscriptions:1:Enabled"] = "false",
        }));

        var erp = (await store.GetAsync("erp", CancellationToken.None))!;
        Assert.Equal("tenant-123", erp.TenantId);
        Assert.Equal(new Uri("https://erp.example/hooks"), erp.EndpointUrl);
        Assert.Equal([WebhookSecret.Parse(SecretA), WebhookSecret.Parse(SecretB)], erp.Secrets);
        Assert.True(erp.EventFilter.Matches("visit_report.approved"));
        Assert.True(erp.EventFilter.Matches("billing.event_created"));
        Assert.False(erp.EventFilter.Matches("billing.event_sent"));
        Assert.Equal("logistics_erp", erp.SourceSystem);
        Assert.True(erp.StandardWebhooksHeaders);
        Assert.True(erp.IsEnabled);
        Assert.True(erp.PayloadOptions.IncludeCustomerContext);
        Assert.False(erp.PayloadOptions.IncludeContactDetails);
        Assert.True(erp.PayloadOptions.IncludeSummaryPreview);
        Assert.Equal(120, erp.PayloadOptions.SummaryPreviewMaxLength);

        var crm = (await store.GetAsync("crm", CancellationToken.None))!;
        Assert.False(crm.IsEnabled);
        Assert.True(crm.EventFilter.MatchesAll);
        Assert.Single(crm.Secrets);
        Assert.Single(await store.GetByTenantAsync("tenant-456", CancellationToken.None));
        Assert.DoesNotContain(SecretA, erp.ToString());
    }

    [Fact]
    public async Task Children_named_by_id_need_no_id_property()
    {
        var store = new ConfigurationWebhookSubscriptionStore(Config(new()
        {
            ["Webhooks:Subscriptions:billing-system:TenantId"] = "tenant-123",
            ["Webhooks:Subscriptions:billing-system:EndpointUrl"] = "https://billing.example/hooks",
            ["Webhooks:Subscriptions:billing-system:Secrets:0"] = SecretA,
        }));

        Assert.NotNull(await store.GetAsync("billing-system", CancellationToken.None));
    }

    [Theory]
    [InlineData("Secrets:0", "whsec_tooshort", "invalid secret")]
    [InlineData("EndpointUrl", "not a url", "EndpointUrl")]
    [InlineData("EventTypes:0", "Visit*", "event type pattern")]
    [InlineData("Enabled", "maybe", "Enabled must be true or false")]
    [InlineData("TenantId", "", "TenantId")]
    [InlineData("PayloadOptions:SummaryPreviewMaxLength", "5", "SummaryPreviewMaxLength")]
    public void An_invalid_entry_is_a_typed_error_naming_the_field_but_never_the_secret(string key, string value, string expected)
    {
        var values = new Dictionary<string, string?>
        {
            ["Webhooks:Subscriptions:0:Id"] = "erp",
            ["Webhooks:Subscriptions:0:TenantId"] = "tenant-123",
            ["Webhooks:Subscriptions:0:EndpointUrl"] = "https://erp.example/hooks",
            ["Webhooks:Subscriptions:0:Secrets:0"] = SecretA,
        };
        values["Webhooks:Subscriptions:0:" + key] = value;

        var ex = Assert.Throws<WebhookPublishingException>(() => new ConfigurationWebhookSubscriptionStore(Config(values)));

        Assert.Equal(WebhookPublishingErrorReason.InvalidSubscription, ex.Reason);
        Assert.Contains(expected, ex.Message);
        Assert.Contains("erp", ex.Message);
        Assert.DoesNotContain(SecretA, ex.Message);
        Assert.DoesNotContain("whsec_tooshort", ex.Message);
    }

    [Fact]
    public async Task Disabling_a_configured_subscription_is_kept_in_memory()
    {
        var store = new ConfigurationWebhookSubscriptionStore(Config(new()
        {
            ["Webhooks:Subscriptions:0:Id"] = "erp",
            ["Webhooks:Subscriptions:0:TenantId"] = "tenant-123",
            ["Webhooks:Subscriptions:0:EndpointUrl"] = "https://erp.example/hooks",
            ["Webhooks:Subscriptions:0:Secrets:0"] = SecretA,
        }));
        var at = DateTimeOffset.UtcNow;

        Assert.True(await store.DisableAsync("erp", WebhookSubscriptionDisabledReason.EndpointGone, at, CancellationToken.None));
        Assert.False(await store.DisableAsync("erp", WebhookSubscriptionDisabledReason.EndpointGone, at, CancellationToken.None));
        var erp = (await store.GetAsync("erp", CancellationToken.None))!;
        Assert.False(erp.IsEnabled);
        Assert.Equal(WebhookSubscriptionDisabledReason.EndpointGone, erp.DisabledReason);
        Assert.Equal(at, erp.DisabledAt);
        Assert.False(await store.DisableAsync("missing", WebhookSubscriptionDisabledReason.Manual, at, CancellationToken.None));
    }
}
