using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Testing;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Receiving.Tests;

public sealed class ReceiverRegistrationTests
{
    [Fact]
    public async Task Registering_twice_adds_services_and_handlers_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton<HandlerLog>();
        for (var i = 0; i < 2; i++)
        {
            services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(TestSecrets.Primary))
                .AddHandler<RecordingHandler>("visit_report.*");
        }

        await using var provider = services.BuildServiceProvider();
        var result = await provider.GetRequiredService<WebhookReceiver>().ReceiveAsync(
            WebhookTestRequests.Create(WebhookEventType.VisitReportApproved, TestSecrets.Primary).HeaderReader,
            WebhookTestRequests.Create(WebhookEventType.VisitReportApproved, TestSecrets.Primary).Body,
            "application/json",
            default);

        Assert.Equal(WebhookReceiveOutcome.Handled, result.Outcome);
        Assert.Single(provider.GetRequiredService<HandlerLog>().Calls);
        Assert.Single(services, d => d.ServiceType == typeof(IWebhookReceiverFactory));
        Assert.Single(services, d => d.ServiceType == typeof(IWebhookInbox));
    }

    [Fact]
    public async Task A_handler_class_is_created_per_event_and_disposed_with_its_scope_unless_registered_with_a_lifetime_first()
    {
        var services = new ServiceCollection();
        services.AddSingleton<HandlerLog>();
        services.AddSingleton<SecondHandler>(); // the host's own choice is kept
        services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(TestSecrets.Primary))
            .AddHandler<DisposableHandler>("visit_report.*")
            .AddHandler<SecondHandler>("visit_report.*");

        Assert.Equal(ServiceLifetime.Transient, Assert.Single(services, d => d.ServiceType == typeof(DisposableHandler)).Lifetime);
        Assert.Equal(ServiceLifetime.Singleton, Assert.Single(services, d => d.ServiceType == typeof(SecondHandler)).Lifetime);
        await using var provider = services.BuildServiceProvider();
        var receiver = provider.GetRequiredService<WebhookReceiver>();
        for (var i = 0; i < 2; i++)
        {
            var request = WebhookTestRequests.Create(
                WebhookSamples.For(WebhookEventType.VisitReportApproved) with { EventId = WebhookIdentifiers.NewEventId(DateTimeOffset.UtcNow) },
                TestSecrets.Primary);
            Assert.Equal(WebhookReceiveOutcome.Handled, (await receiver.ReceiveAsync(request.HeaderReader, request.Body, request.ContentType, default)).Outcome);
        }

        var created = provider.GetRequiredService<HandlerLog>().Calls.Where(c => c.Handler == nameof(DisposableHandler)).ToList();
        Assert.Equal(2, created.Count);
        Assert.Equal(2, DisposableHandler.Instances(created).Distinct().Count());
        Assert.All(DisposableHandler.Instances(created), h => Assert.True(h.Disposed));
        Assert.Same(provider.GetRequiredService<SecondHandler>(), provider.GetRequiredService<SecondHandler>());
    }

    private sealed class DisposableHandler(HandlerLog log) : IWebhookHandler, IDisposable
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WebhookEventContext, DisposableHandler> ByContext = [];

        public bool Disposed { get; private set; }

        public static IEnumerable<DisposableHandler> Instances(IEnumerable<(string Handler, WebhookEventContext Context)> calls) =>
            calls.Select(c => ByContext.TryGetValue(c.Context, out var handler) ? handler : throw new InvalidOperationException("Not recorded."));

        public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
        {
            ByContext.AddOrUpdate(context, this);
            log.Calls.Enqueue((nameof(DisposableHandler), context));
            return Task.CompletedTask;
        }

        public void Dispose() => Disposed = true;
    }

    [Fact]
    public async Task Named_receivers_have_their_own_secrets_handlers_and_inboxes()
    {
        var services = new ServiceCollection();
        services.AddSingleton<HandlerLog>();
        services.AddOrdinavoWebhookReceiver("erp", o => o.Secrets.Add(TestSecrets.Primary)).AddHandler<RecordingHandler>("*");
        services.AddOrdinavoWebhookReceiver("billing", o => o.Secrets.Add(TestSecrets.Secondary)).AddHandler<SecondHandler>("billing.*");
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IWebhookReceiverFactory>();
        var request = WebhookTestRequests.Create(WebhookEventType.BillingEventReady, TestSecrets.Primary);
        var forBilling = WebhookTestRequests.Create(WebhookEventType.BillingEventReady, TestSecrets.Secondary);

        var erp = await factory.GetReceiver("erp").ReceiveAsync(request.HeaderReader, request.Body, request.ContentType, default);
        var billingWrongSecret = await factory.GetReceiver("billing").ReceiveAsync(request.HeaderReader, request.Body, request.ContentType, default);
        var billing = await factory.GetReceiver("billing").ReceiveAsync(forBilling.HeaderReader, forBilling.Body, forBilling.ContentType, default);

        Assert.Equal(WebhookReceiveOutcome.Handled, erp.Outcome);
        Assert.Equal(WebhookReceiveOutcome.InvalidSignature, billingWrongSecret.Outcome);
        Assert.Equal(WebhookReceiveOutcome.Handled, billing.Outcome); // same eventId, separate inbox
        Assert.Equal(["RecordingHandler", "SecondHandler"], provider.GetRequiredService<HandlerLog>().Calls.Select(c => c.Handler));
        Assert.Same(factory.GetReceiver("erp"), factory.GetReceiver("erp"));
        Assert.Throws<InvalidOperationException>(() => factory.GetReceiver("unknown"));
    }

    [Fact]
    public async Task Invalid_options_fail_at_start_naming_the_position_but_never_the_secret()
    {
        const string tooShort = "whsec_c2hvcnQtc2VjcmV0";
        var services = new ServiceCollection();
        services.AddOrdinavoWebhookReceiver(o =>
        {
            o.Secrets.Add(TestSecrets.Primary);
            o.Secrets.Add(tooShort);
            o.Secrets.Add("sk_live_abcdef");
            o.TimestampTolerance = TimeSpan.Zero;
            o.MaxBodyBytes = 0;
        });
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Secrets[1]", ex.Message);
        Assert.Contains("TooShort", ex.Message);
        Assert.Contains("Secrets[2]", ex.Message);
        Assert.Contains("TimestampTolerance", ex.Message);
        Assert.Contains("MaxBodyBytes", ex.Message);
        Assert.DoesNotContain("c2hvcnQtc2VjcmV0", ex.Message);
        Assert.DoesNotContain("sk_live", ex.Message);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<WebhookReceiver>());
    }

    [Fact]
    public async Task A_receiver_without_secret_fails_at_start()
    {
        var services = new ServiceCollection();
        services.AddOrdinavoWebhookReceiver();
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("has no secret", ex.Message);
    }

    [Fact]
    public void Handler_patterns_are_checked_when_registered()
    {
        var builder = new ServiceCollection().AddOrdinavoWebhookReceiver(o => o.Secrets.Add(TestSecrets.Primary));

        Assert.Throws<ArgumentException>(() => builder.AddHandler<RecordingHandler>("visit_report*"));
        Assert.Throws<ArgumentException>(() => builder.AddHandler<RecordingHandler>("Visit_Report.*"));
        Assert.Throws<ArgumentException>(() => builder.AddHandler<RecordingHandler>(""));
        builder.AddHandler<RecordingHandler>("visit_report.*").AddHandler<RecordingHandler>("*").AddHandler<RecordingHandler>("a.b.c");
    }

    [Fact]
    public async Task A_custom_inbox_replaces_the_in_memory_one_and_is_resolved_per_event_scope()
    {
        var services = new ServiceCollection();
        services.AddSingleton<HandlerLog>();
        services.AddSingleton<CountingInbox.State>();
        services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(TestSecrets.Primary))
            .AddHandler<RecordingHandler>("*")
            .UseInbox<CountingInbox>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var receiver = provider.GetRequiredService<WebhookReceiver>();
        var request = WebhookTestRequests.Create(WebhookEventType.TargetImported, TestSecrets.Primary);

        await receiver.ReceiveAsync(request.HeaderReader, request.Body, request.ContentType, default);
        var duplicate = await receiver.ReceiveAsync(request.HeaderReader, request.Body, request.ContentType, default);

        var shared = provider.GetRequiredService<CountingInbox.State>();
        Assert.Equal(WebhookReceiveOutcome.Duplicate, duplicate.Outcome);
        Assert.Equal(2, shared.Instances);
        Assert.Equal(1, shared.Completed);
    }

    [Fact]
    public async Task A_failing_inbox_is_answered_500_store_failed_and_the_handler_does_not_run()
    {
        var inbox = Substitute.For<IWebhookInbox>();
        inbox.TryBeginAsync(default!, default, default).ThrowsForAnyArgs(new TimeoutException("database unavailable"));
        var services = new ServiceCollection();
        services.AddSingleton<HandlerLog>();
        services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(TestSecrets.Primary)).AddHandler<RecordingHandler>("*");
        services.AddKeyedSingleton(string.Empty, inbox); // the unnamed receiver's inbox: the last registration wins
        await using var provider = services.BuildServiceProvider();
        var request = WebhookTestRequests.Create(WebhookEventType.TargetImported, TestSecrets.Primary);

        var result = await provider.GetRequiredService<WebhookReceiver>().ReceiveAsync(request.HeaderReader, request.Body, request.ContentType, default);

        Assert.Equal((500, WebhookReceiveOutcome.StoreFailed), (result.StatusCode, result.Outcome));
        Assert.Empty(provider.GetRequiredService<HandlerLog>().Calls);
        await inbox.Received(1).TryBeginAsync(request.EventId!, Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>());
        await inbox.DidNotReceiveWithAnyArgs().CompleteAsync(default!, default);
    }

    [Fact]
    public async Task A_failing_ordering_store_is_answered_500_and_the_event_is_released_for_the_retry()
    {
        var ordering = Substitute.For<IWebhookOrderingStore>();
        ordering.GetLatestHandledAsync(default, default).ThrowsForAnyArgs(new TimeoutException("database unavailable"));
        var services = new ServiceCollection();
        services.AddSingleton<HandlerLog>();
        services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(TestSecrets.Primary)).AddHandler<RecordingHandler>("*");
        services.AddKeyedSingleton(string.Empty, ordering); // the unnamed receiver's ordering store: the last registration wins
        await using var provider = services.BuildServiceProvider();
        var receiver = provider.GetRequiredService<WebhookReceiver>();
        var request = WebhookTestRequests.Create(WebhookEventType.TargetImported, TestSecrets.Primary);

        var result = await receiver.ReceiveAsync(request.HeaderReader, request.Body, request.ContentType, default);
        var inbox = provider.GetRequiredKeyedService<IWebhookInbox>(string.Empty);

        Assert.Equal((500, WebhookReceiveOutcome.StoreFailed), (result.StatusCode, result.Outcome));
        Assert.Empty(provider.GetRequiredService<HandlerLog>().Calls);
        await ordering.DidNotReceiveWithAnyArgs().RecordHandledAsync(default, default, default);
        Assert.Equal(WebhookInboxStatus.New, (await inbox.TryBeginAsync(request.EventId!, TimeSpan.FromMinutes(1), default)).Status);
    }

    [Theory]
    [InlineData(ServiceLifetime.Singleton)]
    [InlineData(ServiceLifetime.Scoped)]
    public void Own_stores_replace_the_in_memory_ones_as_the_receivers_keyed_services(ServiceLifetime lifetime)
    {
        var services = new ServiceCollection();
        services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(TestSecrets.Primary))
            .UseInbox<InMemoryWebhookInbox>(lifetime)
            .UseOrderingStore<InMemoryWebhookOrderingStore>(lifetime);

        var inbox = Assert.Single(services, d => d.ServiceType == typeof(IWebhookInbox));
        var ordering = Assert.Single(services, d => d.ServiceType == typeof(IWebhookOrderingStore));
        Assert.Equal((string.Empty, typeof(InMemoryWebhookInbox), lifetime), (inbox.ServiceKey, inbox.KeyedImplementationType, inbox.Lifetime));
        Assert.Equal((string.Empty, typeof(InMemoryWebhookOrderingStore), lifetime), (ordering.ServiceKey, ordering.KeyedImplementationType, ordering.Lifetime));
    }

    [Fact]
    public async Task Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ordinavo:Webhooks:Secrets:0"] = TestSecrets.Unknown,
                ["Ordinavo:Webhooks:Secrets:1"] = TestSecrets.Primary,
                ["Ordinavo:Webhooks:MaxBodyBytes"] = "2048",
                ["Ordinavo:Webhooks:TimestampTolerance"] = "00:01:00",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<HandlerLog>();
        services.AddOrdinavoWebhookReceiver().AddHandler<RecordingHandler>("*");
        services.Configure<WebhookReceiverOptions>(configuration.GetSection("Ordinavo:Webhooks"));
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var receiver = provider.GetRequiredService<WebhookReceiver>();
        var request = WebhookTestRequests.Create(WebhookEventType.TargetImported, TestSecrets.Primary);
        var old = WebhookTestRequests.Create(WebhookEventType.TargetImported, TestSecrets.Primary,
            new WebhookTestRequestOptions { EventId = WebhookIdentifiers.NewEventId(), Timestamp = DateTimeOffset.UtcNow.AddMinutes(-2) });

        Assert.Equal(2048, receiver.MaxBodyBytes);
        Assert.Equal(WebhookReceiveOutcome.Handled, (await receiver.ReceiveAsync(request.HeaderReader, request.Body, request.ContentType, default)).Outcome);
        Assert.Equal(WebhookReceiveOutcome.TimestampOutsideTolerance, (await receiver.ReceiveAsync(old.HeaderReader, old.Body, old.ContentType, default)).Outcome);
    }

    public sealed class CountingInbox : IWebhookInbox
    {
        private readonly State _shared;

        public CountingInbox(State shared)
        {
            _shared = shared;
            Interlocked.Increment(ref shared.Instances);
        }

        public ValueTask<WebhookInboxBeginResult> TryBeginAsync(string eventId, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
            _shared.Inner.TryBeginAsync(eventId, leaseDuration, cancellationToken);

        public ValueTask CompleteAsync(WebhookInboxLease lease, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _shared.Completed);
            return _shared.Inner.CompleteAsync(lease, cancellationToken);
        }

        public ValueTask ReleaseAsync(WebhookInboxLease lease, CancellationToken cancellationToken) =>
            _shared.Inner.ReleaseAsync(lease, cancellationToken);

        public sealed class State
        {
            public InMemoryWebhookInbox Inner { get; } = new();

            public int Instances;

            public int Completed;
        }
    }
}
