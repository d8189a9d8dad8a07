using Microsoft.Extensions.Configuration;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Payloads.Tests;

public sealed class ConfigurationBindingTests
{
    [Fact]
    public void Profile_BindsFromConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Subscription:SourceSystem"] = "legacy_crm",
                ["Subscription:BillingWebhooksEnabled"] = "true",
                ["Subscription:Options:IncludeCustomerContext"] = "false",
                ["Subscription:Options:IncludeContactDetails"] = "false",
                ["Subscription:Options:IncludeSummaryPreview"] = "true",
                ["Subscription:Options:IncludeBillingDetails"] = "true",
                ["Subscription:Options:SummaryPreviewMaxLength"] = "120",
            })
            .Build();

        var profile = configuration.GetSection("Subscription").Get<WebhookPayloadProfile>()!;

        Assert.Equal("legacy_crm", profile.SourceSystem);
        Assert.True(profile.BillingWebhooksEnabled);
        Assert.False(profile.Options.IncludeCustomerContext);
        Assert.False(profile.Options.IncludeContactDetails);
        Assert.True(profile.Options.IncludeSummaryPreview);
        Assert.True(profile.Options.IncludeBillingDetails);
        Assert.Equal(120, profile.Options.SummaryPreviewMaxLength);

        var evt = WebhookPayloadBuilder.Build(PayloadInputs.For(WebhookEventType.VisitReportApproved), profile);
        Assert.Equal("CRM-ORDER-3391", evt.Target!.ExternalId);
        Assert.Null(evt.Customer);
        Assert.True(evt.SummaryPreview!.Text!.Length <= 120);
    }

    [Fact]
    public void MissingKeys_KeepTheContractDefaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Subscription:SourceSystem"] = "logistics_erp" })
            .Build();

        var profile = configuration.GetSection("Subscription").Get<WebhookPayloadProfile>()!;

        Assert.True(profile.Options.IncludeCustomerContext);
        Assert.True(profile.Options.IncludeContactDetails);
        Assert.False(profile.Options.IncludeSummaryPreview);
        Assert.False(profile.Options.IncludeBillingDetails);
        Assert.Equal(200, profile.Options.SummaryPreviewMaxLength);
        Assert.False(profile.BillingWebhooksEnabled);
    }
}
