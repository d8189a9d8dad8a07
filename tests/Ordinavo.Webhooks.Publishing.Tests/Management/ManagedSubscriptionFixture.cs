using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ordinavo.Webhooks.Publishing.Tests.Management;

/// <summary>
/// The managed-subscription services as a host wires them (in-memory record store, a Data Protection key ring in a
/// temporary folder, a fake clock), without the delivery worker.
/// </summary>
internal sealed class ManagedSubscriptionFixture : IDisposable
{
    public const string TenantA = "tenant-a";
    public const string TenantB = "tenant-b";

    private readonly ServiceProvider _services;

    public ManagedSubscriptionFixture(
        Action<WebhookSubscriptionManagementOptions>? configure = null,
        Action<WebhookPublisherOptions>? publisher = null,
        InMemoryWebhookSubscriptionRecordStore? records = null,
        string? keyFolder = null,
        IWebhookSubscriptionChangeSource? changeSource = null)
    {
        KeyFolder = keyFolder ?? Directory.CreateTempSubdirectory("ordinavo-keys-").FullName;
        Records = records ?? new InMemoryWebhookSubscriptionRecordStore();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(KeyFolder)).SetApplicationName("ordinavo-webhooks-tests");
        if (changeSource is not null)
        {
            services.AddSingleton(changeSource);
        }

        services.AddOrdinavoWebhookPublisher(o =>
            {
                o.EnableDeliveryWorker = false;
                publisher?.Invoke(o);
            })
            .UseInMemoryStore()
            .UseSubscriptionRecordStore(_ => Records, configure);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    public string KeyFolder { get; }

    public InMemoryWebhookSubscriptionRecordStore Records { get; }

    public IWebhookSubscriptionManager Manager => _services.GetRequiredService<IWebhookSubscriptionManager>();

    public IWebhookSubscriptionStore Store => _services.GetRequiredService<IWebhookSubscriptionStore>();

    public WebhookSubscriptionManagementOptions Options => _services.GetRequiredService<IOptions<WebhookSubscriptionManagementOptions>>().Value;

    public static WebhookSubscriptionDefinition Definition(string endpoint = "https://erp.example.com/hooks", params string[] eventTypes) => new()
    {
        EndpointUrl = new Uri(endpoint),
        EventTypes = eventTypes.Length == 0 ? ["visit_report.*"] : eventTypes,
        SourceSystem = "service_erp",
    };

    public void Dispose() => _services.Dispose();
}
