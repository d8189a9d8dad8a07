using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
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

    [Theory]
    [InlineData("Webhooks:Subscriptions", 1)]             // the subscriptions sit under another section than the host reads
    [InlineData("Ordinavo:Webhooks:Subscriptions", 0)]
    public void A_section_without_subscriptions_is_one_warning_at_start_naming_the_section(string configuredSection, int warnings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{configuredSection}:0:Id"] = "erp",
            [$"{configuredSection}:0:TenantId"] = "tenant-123",
            [$"{configuredSection}:0:EndpointUrl"] = "https://erp.example.com/hooks",
            [$"{configuredSection}:0:Secret"] = Secret,
        }).Build();
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddOrdinavoWebhookPublisher().UseInMemoryStore()
            .UseSubscriptionsFromConfiguration(configuration.GetSection("Ordinavo:Webhooks:Subscriptions"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        _ = provider.GetRequiredService<IOptionsMonitor<WebhookPublisherOptions>>().Get("other");   // validated again

        var logged = provider.GetFakeLogCollector().GetSnapshot().Where(r => r.Level == LogLevel.Warning).ToList();
        Assert.Equal(warnings, logged.Count);
        Assert.All(logged, r => Assert.Contains("section 'Ordinavo:Webhooks:Subscriptions' holds no webhook subscription", r.Message, StringComparison.Ordinal));
    }

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
