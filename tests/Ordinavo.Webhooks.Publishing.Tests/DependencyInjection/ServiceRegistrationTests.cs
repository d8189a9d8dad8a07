using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Publishing.Tests.Support;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Publishing.Tests.DependencyInjection;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void Adding_the_publisher_twice_registers_it_once()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var first = services.AddOrdinavoWebhookPublisher().UseInMemoryStore().UseInMemorySubscriptions();
        var second = services.AddOrdinavoWebhookPublisher(o => o.MaxConcurrentDeliveries = 10);

        Assert.Equal("Ordinavo.Webhooks.Publishing", first.Name);
        Assert.Same(services, second.Services);
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(WebhookDeliveryWorker));
        Assert.Single(services, d => d.ServiceType == typeof(IWebhookPublisher));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Assert.NotNull(provider.GetRequiredService<IWebhookPublisher>());
        Assert.NotNull(provider.GetRequiredService<IWebhookOperations>());
        Assert.Equal(10, provider.GetRequiredService<IOptions<WebhookPublisherOptions>>().Value.MaxConcurrentDeliveries);
        Assert.IsType<InMemoryWebhookOutboxStore>(provider.GetRequiredService<IWebhookOutboxStore>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void Without_a_store_the_error_names_the_methods_to_call()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOrdinavoWebhookPublisher().UseInMemorySubscriptions();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<WebhookPublishingException>(() => provider.GetRequiredService<IWebhookPublisher>());
        Assert.Equal(WebhookPublishingErrorReason.NotConfigured, ex.Reason);
        Assert.Contains("UseInMemoryStore()", ex.Message);
    }

    [Fact]
    public void A_store_from_another_package_replaces_the_earlier_choice()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var custom = new InMemoryWebhookOutboxStore();
        services.AddOrdinavoWebhookPublisher().UseInMemoryStore().UseStore(_ => custom).UseInMemorySubscriptions();
        using var provider = services.BuildServiceProvider();
        Assert.Same(custom, provider.GetRequiredService<IWebhookOutboxStore>());
        Assert.Same(custom, provider.GetRequiredService<IWebhookDeliveryMonitor>());
    }

    [Fact]
    public void The_in_memory_store_is_registered_once_as_both_seams()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOrdinavoWebhookPublisher().UseInMemoryStore().UseInMemorySubscriptions();
        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IWebhookOutboxStore>();
        Assert.IsType<InMemoryWebhookOutboxStore>(store);
        Assert.Same(store, provider.GetRequiredService<IWebhookDeliveryMonitor>());
    }

    [Fact]
    public void A_store_with_separate_seams_registers_each_and_operations_read_through_the_monitor()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var data = new InMemoryWebhookOutboxStore();
        var worker = new WakingOutboxStore();
        services.AddOrdinavoWebhookPublisher().UseStore(_ => worker, _ => data).UseInMemorySubscriptions();
        using var provider = services.BuildServiceProvider();
        Assert.Same(worker, provider.GetRequiredService<IWebhookOutboxStore>());
        Assert.Same(data, provider.GetRequiredService<IWebhookDeliveryMonitor>());
    }

    [Fact]
    public void Without_a_store_the_monitor_fails_with_a_clear_message()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOrdinavoWebhookPublisher().UseInMemorySubscriptions();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<WebhookPublishingException>(() => provider.GetRequiredService<IWebhookDeliveryMonitor>());
        Assert.Equal(WebhookPublishingErrorReason.NotConfigured, ex.Reason);
        Assert.Contains("UseInMemoryStore()", ex.Message);
    }

    [Theory]
    [InlineData("RetryJitter")]
    [InlineData("PerEndpoint")]
    [InlineData("LeaseDuration")]
    [InlineData("AllowedDestinations")]
    [InlineData("AttemptTimeout")]
    public void Invalid_options_fail_validation_with_the_options_name(string which)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOrdinavoWebhookPublisher(o =>
        {
            switch (which)
            {
                case "RetryJitter": o.RetryJitter = 1.5; break;
                case "PerEndpoint": o.MaxConcurrentDeliveriesPerEndpoint = o.MaxConcurrentDeliveries + 1; break;
                case "LeaseDuration": o.LeaseDuration = TimeSpan.FromSeconds(10); break;
                case "AllowedDestinations": o.AllowedDestinations = ["10.0.0.0/99"]; break;
                case "AttemptTimeout": o.AttemptTimeout = TimeSpan.Zero; break;
            }
        }).UseInMemoryStore().UseInMemorySubscriptions();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WebhookPublisherOptions>>().Value);
        Assert.Contains(which == "PerEndpoint" ? "MaxConcurrentDeliveriesPerEndpoint" : which, ex.Message);
    }

    [Fact]
    public async Task Options_are_validated_when_the_host_starts()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddOrdinavoWebhookPublisher(o => o.RetryJitter = -1).UseInMemoryStore().UseInMemorySubscriptions();
        using var host = builder.Build();
        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public void Public_api_snapshot() =>
        Snapshot.MatchText(PublicApi.Dump(typeof(IWebhookPublisher).Assembly), "PublicApi");
}
