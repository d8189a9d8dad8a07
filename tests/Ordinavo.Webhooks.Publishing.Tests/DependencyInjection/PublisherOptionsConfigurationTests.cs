using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing.Tests.DependencyInjection;

public sealed class PublisherOptionsConfigurationTests
{
    private static ServiceProvider Host(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddOrdinavoWebhookPublisher()
            .Configure(configuration.GetSection(WebhookPublisherBuilderExtensions.DefaultConfigurationSection))
            .UseInMemoryStore()
            .UseInMemorySubscriptions();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Options_bind_from_the_documented_section_and_a_given_schedule_replaces_the_default()
    {
        using var provider = Host(new()
        {
            ["Ordinavo:Webhooks:Publisher:RetrySchedule:0"] = "00:00:10",
            ["Ordinavo:Webhooks:Publisher:RetrySchedule:1"] = "00:05:00",
            ["Ordinavo:Webhooks:Publisher:AllowInsecureHttp"] = "true",
            ["Ordinavo:Webhooks:Publisher:AllowedDestinations:0"] = "10.0.0.0/8",
            ["Ordinavo:Webhooks:Publisher:AttemptTimeout"] = "00:00:20",
            ["Ordinavo:Webhooks:Publisher:MaxConcurrentDeliveries"] = "8",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<WebhookPublisherOptions>>().Value;
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)], options.RetrySchedule);
        Assert.True(options.AllowInsecureHttp);
        Assert.Equal(["10.0.0.0/8"], options.AllowedDestinations);
        Assert.Equal(TimeSpan.FromSeconds(20), options.AttemptTimeout);
        Assert.Equal(8, options.MaxConcurrentDeliveries);
    }

    [Fact]
    public void Without_a_schedule_in_the_section_the_default_stays()
    {
        using var provider = Host(new() { ["Ordinavo:Webhooks:Publisher:AllowInsecureHttp"] = "false" });
        Assert.Equal(WebhookPublisherOptions.DefaultRetrySchedule(), provider.GetRequiredService<IOptions<WebhookPublisherOptions>>().Value.RetrySchedule);
    }

    [Fact]
    public void A_misspelt_key_stops_the_host_naming_it()
    {
        using var provider = Host(new() { ["Ordinavo:Webhooks:Publisher:AllowInsecureHtp"] = "true" });
        var error = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate);
        Assert.Contains("AllowInsecureHtp", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ordinavo:Webhooks:Publisher", error.Message, StringComparison.Ordinal);
    }
}
