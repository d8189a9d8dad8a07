using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.Tests.Subscriptions;

public sealed class ConfiguredSubscriptionsValidatorTests
{
    private static readonly string Secret = WebhookSecret.Generate().ExposeSecret();

    private static ServiceProvider Host(string endpoint, string eventType, Action<WebhookPublisherOptions>? configure = null, bool replaceWithInMemory = false)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Subscriptions:0:Id"] = "erp",
            ["Subscriptions:0:TenantId"] = "tenant-123",
            ["Subscriptions:0:EndpointUrl"] = endpoint,
            ["Subscriptions:0:Secret"] = Secret,
            ["Subscriptions:0:EventTypes:0"] = eventType,
        }).Build().GetSection("Subscriptions");
        var services = new ServiceCollection();
        var builder = services.AddOrdinavoWebhookPublisher(configure).UseInMemoryStore().UseSubscriptionsFromConfiguration(section);
        if (replaceWithInMemory)
        {
            builder.UseInMemorySubscriptions();
        }

        return services.BuildServiceProvider();
    }

    private static string StartFailure(ServiceProvider provider) =>
        Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate).Message;

    [Fact]
    public void A_plain_http_endpoint_stops_the_host_naming_the_option()
    {
        using var provider = Host("http://erp.example.com/hooks", "visit_report.*");
        var message = StartFailure(provider);
        Assert.Contains("Subscription 'erp' (EndpointUrl)", message, StringComparison.Ordinal);
        Assert.Contains("AllowInsecureHttp", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_address_stops_the_host_unless_allow_listed()
    {
        using var refused = Host("https://192.168.10.5/hooks", "visit_report.*");
        Assert.Contains("AllowedDestinations", StartFailure(refused), StringComparison.Ordinal);

        using var allowed = Host("https://192.168.10.5/hooks", "visit_report.*", o => o.AllowedDestinations = ["192.168.0.0/16"]);
        allowed.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void A_misspelt_event_type_stops_the_host_with_the_nearest_known_type()
    {
        using var provider = Host("https://erp.example.com/hooks", "visit_report.aproved");
        var message = StartFailure(provider);
        Assert.Contains("Subscription 'erp' (EventTypes)", message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'visit_report.approved'", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_subscriptions_start_and_another_store_chosen_later_is_not_checked()
    {
        using var valid = Host("https://erp.example.com/hooks", "visit_report.approved");
        valid.GetRequiredService<IStartupValidator>().Validate();

        using var replaced = Host("http://erp.example.com/hooks", "nonsense.type", replaceWithInMemory: true);
        replaced.GetRequiredService<IStartupValidator>().Validate();
    }
}
