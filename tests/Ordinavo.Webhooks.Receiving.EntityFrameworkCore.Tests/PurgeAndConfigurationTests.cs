using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests;

public sealed class PurgeAndConfigurationTests
{
    [Theory]
    [MemberData(nameof(TestEvents.Providers), MemberType = typeof(TestEvents))]
    public async Task The_purge_deletes_marks_older_than_the_retention_in_batches_and_keeps_younger_ones(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var now = DateTime.UtcNow;
        await using (var seed = database.NewContext())
        {
            for (var i = 0; i < 25; i++)
            {
                seed.Add(new WebhookInboxRecord { Receiver = "", EventId = $"evt_old{i:D2}", HandledAt = now.AddDays(-31).AddMinutes(-i) });
            }

            seed.Add(new WebhookInboxRecord { Receiver = "", EventId = "evt_young", HandledAt = now.AddDays(-29) });
            seed.Add(new WebhookInboxRecord { Receiver = "other", EventId = "evt_old_other", HandledAt = now.AddDays(-40) });
            await seed.SaveChangesAsync();
        }

        var app = ReceiverHost.Build(database, 0, new HandlerControl(), inbox: o =>
        {
            o.PurgeBatchSize = 10;
            o.PurgeInterval = TimeSpan.Zero;
        });
        await using (app)
        {
            var purge = app.Services.GetServices<IHostedService>().OfType<WebhookInboxPurgeService<InboxTestContext>>().Single();
            Assert.Equal(25, await purge.PurgeAsync(CancellationToken.None));
            Assert.Equal(0, await purge.PurgeAsync(CancellationToken.None));
        }

        await using var context = database.NewContext();
        var left = await context.Set<WebhookInboxRecord>().Select(r => r.EventId).OrderBy(e => e).ToListAsync();
        Assert.Equal(["evt_old_other", "evt_young"], left);
    }

    [Fact]
    public async Task A_context_without_the_inbox_mapping_fails_at_start_naming_the_call_to_add()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddDbContext<PlainContext>(o => o.UseSqlite(database.ConnectionString));
        builder.Services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(ReceiverHost.Secret)).UseEntityFrameworkInbox<PlainContext>();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("modelBuilder.AddOrdinavoWebhookInbox()", error.Message);
        Assert.Contains("PlainContext", error.Message);
    }

    [Fact]
    public async Task A_retention_not_longer_than_the_publisher_retry_window_fails_at_start_naming_the_option()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var app = ReceiverHost.Build(database, 0, new HandlerControl(), inbox: o => o.Retention = TimeSpan.FromDays(2));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Retention", error.Message);
        Assert.Contains("retry window", error.Message);
    }

    [Fact]
    public async Task An_unregistered_context_fails_at_start_naming_AddDbContext()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(ReceiverHost.Secret)).UseEntityFrameworkInbox<InboxTestContext>();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("AddDbContext<InboxTestContext>", error.Message);
    }

    [Fact]
    public async Task Another_relational_provider_fails_at_start_unless_explicitly_allowed()
    {
        static WebApplication Build(bool allow)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
            builder.Services.AddDbContext<InboxTestContext>(o => o.UseSqlServer("Server=127.0.0.1,1;Database=erp;Connect Timeout=1"));
            builder.Services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(ReceiverHost.Secret))
                .UseEntityFrameworkInbox<InboxTestContext>(o =>
                {
                    o.AllowOtherProviders = allow;
                    o.PurgeInterval = TimeSpan.Zero; // no server to purge
                });
            return builder.Build();
        }

        await using (var refused = Build(allow: false))
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => refused.StartAsync());
            Assert.Contains("Microsoft.EntityFrameworkCore.SqlServer", error.Message);
            Assert.Contains("AllowOtherProviders = true", error.Message);
        }

        await using var allowed = Build(allow: true);
        await allowed.StartAsync();
        await allowed.StopAsync();
    }

    [Fact]
    public async Task Choosing_the_inbox_twice_for_a_receiver_registers_one_purge_and_one_start_up_check()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<InboxTestContext>(database.Configure);
        services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(ReceiverHost.Secret))
            .UseEntityFrameworkInbox<InboxTestContext>()
            .UseEntityFrameworkInbox<InboxTestContext>(o => o.PurgeBatchSize = 10);
        await using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<IHostedService>().OfType<WebhookInboxPurgeService<InboxTestContext>>());
        Assert.Single(provider.GetServices<IValidateOptions<EntityFrameworkWebhookInboxOptions>>());
        Assert.Equal(10, provider.GetRequiredService<IOptionsMonitor<EntityFrameworkWebhookInboxOptions>>().Get(string.Empty).PurgeBatchSize);
    }
}
