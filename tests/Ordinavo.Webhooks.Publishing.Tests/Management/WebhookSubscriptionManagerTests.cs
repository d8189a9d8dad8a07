using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.Tests.Management;

public sealed class WebhookSubscriptionManagerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Create_returns_the_secret_once_and_the_publisher_signs_with_it()
    {
        using var fixture = new ManagedSubscriptionFixture();
        var created = await fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition(), None);

        Assert.StartsWith("sub_", created.Subscription.Id, StringComparison.Ordinal);
        Assert.Equal(30, created.Subscription.Id.Length);
        Assert.Equal(1, created.Subscription.Version);
        Assert.True(created.Subscription.IsEnabled);
        Assert.Equal(WebhookSecret.MinimumKeyLength, created.Secret.KeyLength);
        var info = Assert.Single(created.Subscription.Secrets);
        Assert.Null(info.ExpiresAt);

        var subscription = await fixture.Store.GetAsync(created.Subscription.Id, None);
        Assert.NotNull(subscription);
        Assert.Equal(created.Secret, Assert.Single(subscription.Secrets));
        Assert.Equal("service_erp", subscription.SourceSystem);
        Assert.True(subscription.EventFilter.Matches("visit_report.approved"));
        Assert.False(subscription.EventFilter.Matches("billing.event_sent"));

        var read = await fixture.Manager.GetAsync(ManagedSubscriptionFixture.TenantA, created.Subscription.Id, None);
        Assert.NotNull(read);
        Assert.DoesNotContain(created.Secret.ExposeSecret(), System.Text.Json.JsonSerializer.Serialize(read), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stored_document_holds_no_usable_secret()
    {
        using var fixture = new ManagedSubscriptionFixture();
        var created = await fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition(), None);
        var rotated = await fixture.Manager.RotateSecretAsync(ManagedSubscriptionFixture.TenantA, created.Subscription.Id, null, null, None);

        var record = await fixture.Records.GetAsync(created.Subscription.Id, None);
        Assert.NotNull(record);
        foreach (var secret in new[] { created.Secret, rotated.Secret })
        {
            var value = secret.ExposeSecret();
            Assert.DoesNotContain(value, record.Document, StringComparison.Ordinal);
            Assert.DoesNotContain(value[WebhookSecret.Prefix.Length..], record.Document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Another_key_ring_gets_a_typed_error_when_signing_and_the_publish_path_keeps_working()
    {
        using var writer = new ManagedSubscriptionFixture();
        var created = await writer.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition(), None);
        using var reader = new ManagedSubscriptionFixture(records: writer.Records);

        var error = await Assert.ThrowsAsync<WebhookPublishingException>(() => reader.Store.GetAsync(created.Subscription.Id, None));
        Assert.Equal(WebhookPublishingErrorReason.SecretUnreadable, error.Reason);
        Assert.Contains("AddDataProtection", error.Message, StringComparison.Ordinal);

        var forPublishing = Assert.Single(await reader.Store.GetByTenantAsync(ManagedSubscriptionFixture.TenantA, None));
        Assert.Empty(forPublishing.Secrets);

        using var sameRing = new ManagedSubscriptionFixture(records: writer.Records, keyFolder: writer.KeyFolder);
        var readable = await sameRing.Store.GetAsync(created.Subscription.Id, None);
        Assert.Equal(created.Secret, Assert.Single(readable!.Secrets));
    }

    [Fact]
    public async Task Another_tenant_can_neither_see_nor_change_a_subscription()
    {
        using var fixture = new ManagedSubscriptionFixture();
        var manager = fixture.Manager;
        var id = (await manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition(), None)).Subscription.Id;
        const string Other = ManagedSubscriptionFixture.TenantB;

        Assert.Null(await manager.GetAsync(Other, id, None));
        Assert.Empty((await manager.ListAsync(Other, new WebhookSubscriptionListQuery(), None)).Items);
        await AssertNotFound(() => manager.UpdateAsync(Other, id, ManagedSubscriptionFixture.Definition("https://evil.example.com/"), 1, None));
        await AssertNotFound(() => manager.DisableAsync(Other, id, null, null, None));
        await AssertNotFound(() => manager.EnableAsync(Other, id, null, null, None));
        await AssertNotFound(() => manager.RotateSecretAsync(Other, id, null, null, None));
        await AssertNotFound(() => manager.ExpireOldSecretsAsync(Other, id, null, None));
        await AssertNotFound(() => manager.DeleteAsync(Other, id, null, None));

        var unchanged = await manager.GetAsync(ManagedSubscriptionFixture.TenantA, id, None);
        Assert.Equal(1, unchanged!.Version);
        Assert.Equal("erp.example.com", unchanged.Definition.EndpointUrl.Host);
    }

    [Fact]
    public async Task An_update_with_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        using var fixture = new ManagedSubscriptionFixture();
        var id = (await fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition(), None)).Subscription.Id;

        var updated = await fixture.Manager.UpdateAsync(ManagedSubscriptionFixture.TenantA, id, ManagedSubscriptionFixture.Definition("https://erp2.example.com/hooks", "billing.*"), 1, None);
        Assert.Equal(2, updated.Version);
        Assert.Equal(["billing.*"], updated.Definition.EventTypes);

        var conflict = await Assert.ThrowsAsync<WebhookPublishingException>(() =>
            fixture.Manager.UpdateAsync(ManagedSubscriptionFixture.TenantA, id, ManagedSubscriptionFixture.Definition("https://erp3.example.com/hooks"), 1, None));
        Assert.Equal(WebhookPublishingErrorReason.SubscriptionConflict, conflict.Reason);
        var current = await fixture.Manager.GetAsync(ManagedSubscriptionFixture.TenantA, id, None);
        Assert.Equal("erp2.example.com", current!.Definition.EndpointUrl.Host);
        Assert.Equal(2, current.Version);

        await Assert.ThrowsAsync<WebhookPublishingException>(() => fixture.Manager.DisableAsync(ManagedSubscriptionFixture.TenantA, id, null, 1, None));
        Assert.True((await fixture.Store.GetAsync(id, None))!.IsEnabled);
    }

    [Fact]
    public async Task Concurrent_updates_of_one_version_let_exactly_one_win()
    {
        using var fixture = new ManagedSubscriptionFixture();
        var id = (await fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition(), None)).Subscription.Id;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            await Task.Yield();
            try
            {
                await fixture.Manager.UpdateAsync(ManagedSubscriptionFixture.TenantA, id, ManagedSubscriptionFixture.Definition($"https://erp{i}.example.com/"), 1, None);
                return true;
            }
            catch (WebhookPublishingException e) when (e.Reason == WebhookPublishingErrorReason.SubscriptionConflict)
            {
                return false;
            }
        }));

        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(2, (await fixture.Manager.GetAsync(ManagedSubscriptionFixture.TenantA, id, None))!.Version);
    }

    [Theory]
    [InlineData("http://erp.example.com/hooks", "endpointUrl", "AllowInsecureHttp")]
    [InlineData("https://10.1.2.3/hooks", "endpointUrl", "AllowedDestinations")]
    [InlineData("https://localhost:5001/hooks", "endpointUrl", "AllowedDestinations")]
    [InlineData("https://[::1]/hooks", "endpointUrl", "AllowedDestinations")]
    [InlineData("https://user:pw@erp.example.com/hooks", "endpointUrl", "credentials")]
    [InlineData("ftp://erp.example.com/hooks", "endpointUrl", "https://")]
    public async Task Endpoints_the_engine_would_refuse_are_refused_at_creation(string endpoint, string field, string hint)
    {
        using var fixture = new ManagedSubscriptionFixture();
        var error = await Assert.ThrowsAsync<WebhookPublishingException>(() =>
            fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition(endpoint), None));

        Assert.Equal(WebhookPublishingErrorReason.InvalidSubscription, error.Reason);
        Assert.Contains(hint, Assert.Single(error.Errors[field]), StringComparison.Ordinal);
        Assert.Empty(await fixture.Records.ListAsync(ManagedSubscriptionFixture.TenantA, null, 10, None));
    }

    [Fact]
    public async Task Options_that_allow_a_destination_let_it_in()
    {
        using var fixture = new ManagedSubscriptionFixture(publisher: o =>
        {
            o.AllowInsecureHttp = true;
            o.AllowedDestinations = ["127.0.0.1", "10.0.0.0/8"];
        });

        await fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition("http://127.0.0.1:5000/hooks"), None);
        await fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition("https://10.1.2.3/hooks"), None);
        await Assert.ThrowsAsync<WebhookPublishingException>(() =>
            fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition("https://192.168.1.1/hooks"), None));
    }

    [Fact]
    public async Task Every_invalid_field_is_listed_with_a_hint_and_nothing_is_stored()
    {
        using var fixture = new ManagedSubscriptionFixture();
        var definition = new WebhookSubscriptionDefinition
        {
            EndpointUrl = new Uri("http://erp.example.com/hooks"),
            EventTypes = ["visit_report.aproved", "billing.*", "nothing.*"],
            SourceSystem = "has space",
            Description = new string('x', WebhookSubscriptionDefinition.MaxDescriptionLength + 1),
            PayloadOptions = new() { IncludeSummaryPreview = true, SummaryPreviewMaxLength = 5 },
        };

        var error = await Assert.ThrowsAsync<WebhookPublishingException>(() => fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, definition, None));

        Assert.Equal(["description", "endpointUrl", "eventTypes", "payloadOptions", "sourceSystem"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, error.Errors["eventTypes"].Length);
        Assert.Contains("did you mean 'visit_report.approved'", error.Errors["eventTypes"][0], StringComparison.Ordinal);
        Assert.Contains("'nothing.*'", error.Errors["eventTypes"][1], StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 50), error.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.Records.ListAsync(ManagedSubscriptionFixture.TenantA, null, 10, None));
    }

    [Fact]
    public async Task Rotation_signs_with_both_secrets_until_the_grace_period_ends()
    {
        using var fixture = new ManagedSubscriptionFixture();
        var created = await fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition(), None);
        var id = created.Subscription.Id;
        Assert.Single((await fixture.Store.GetAsync(id, None))!.Secrets); // cached now

        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var rotated = await fixture.Manager.RotateSecretAsync(ManagedSubscriptionFixture.TenantA, id, TimeSpan.FromHours(2), null, None);
        Assert.NotEqual(created.Secret, rotated.Secret);
        Assert.Equal(2, rotated.Subscription.Version);
        Assert.Equal([null, fixture.Time.GetUtcNow() + TimeSpan.FromHours(2)], rotated.Subscription.Secrets.Select(s => s.ExpiresAt));

        var during = await fixture.Store.GetAsync(id, None);
        Assert.Equal([rotated.Secret, created.Secret], during!.Secrets);

        fixture.Time.Advance(TimeSpan.FromHours(2));
        var after = await fixture.Store.GetAsync(id, None);
        Assert.Equal([rotated.Secret], after!.Secrets);
        Assert.Single((await fixture.Manager.GetAsync(ManagedSubscriptionFixture.TenantA, id, None))!.Secrets);
    }

    [Fact]
    public async Task Rotation_uses_the_default_grace_period_and_expiring_old_secrets_ends_it_at_once()
    {
        using var fixture = new ManagedSubscriptionFixture();
        var created = await fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition(), None);
        var id = created.Subscription.Id;

        var rotated = await fixture.Manager.RotateSecretAsync(ManagedSubscriptionFixture.TenantA, id, null, null, None);
        Assert.Equal(fixture.Time.GetUtcNow() + TimeSpan.FromHours(24), rotated.Subscription.Secrets[1].ExpiresAt);
        Assert.Equal(2, (await fixture.Store.GetAsync(id, None))!.Secrets.Count);

        var expired = await fixture.Manager.ExpireOldSecretsAsync(ManagedSubscriptionFixture.TenantA, id, rotated.Subscription.Version, None);
        Assert.Equal(3, expired.Version);
        Assert.Equal([rotated.Secret], (await fixture.Store.GetAsync(id, None))!.Secrets);

        var tooLong = await Assert.ThrowsAsync<WebhookPublishingException>(() =>
            fixture.Manager.RotateSecretAsync(ManagedSubscriptionFixture.TenantA, id, TimeSpan.FromDays(31), null, None));
        Assert.Contains("MaxGracePeriod", Assert.Single(tooLong.Errors["gracePeriod"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_through_the_manager_is_seen_at_once_and_one_from_another_node_after_the_cache_duration()
    {
        using var fixture = new ManagedSubscriptionFixture(o => o.CacheDuration = TimeSpan.FromSeconds(5));
        var id = (await fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition(), None)).Subscription.Id;
        Assert.True((await fixture.Store.GetAsync(id, None))!.IsEnabled);
        Assert.True(Assert.Single(await fixture.Store.GetByTenantAsync(ManagedSubscriptionFixture.TenantA, None)).IsEnabled);

        await fixture.Manager.DisableAsync(ManagedSubscriptionFixture.TenantA, id, null, null, None);
        Assert.False((await fixture.Store.GetAsync(id, None))!.IsEnabled);
        Assert.False(Assert.Single(await fixture.Store.GetByTenantAsync(ManagedSubscriptionFixture.TenantA, None)).IsEnabled);

        // Another node (another manager over the same records, its own cache) enables it again.
        using var otherNode = new ManagedSubscriptionFixture(records: fixture.Records, keyFolder: fixture.KeyFolder);
        await otherNode.Manager.EnableAsync(ManagedSubscriptionFixture.TenantA, id, null, null, None);
        Assert.False((await fixture.Store.GetAsync(id, None))!.IsEnabled);

        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.True((await fixture.Store.GetAsync(id, None))!.IsEnabled);
        Assert.True(Assert.Single(await fixture.Store.GetByTenantAsync(ManagedSubscriptionFixture.TenantA, None)).IsEnabled);
    }

    [Fact]
    public async Task A_change_source_drops_the_cache_at_once()
    {
        var source = new ManualChangeSource();
        using var fixture = new ManagedSubscriptionFixture(o => o.CacheDuration = TimeSpan.FromMinutes(1), changeSource: source);
        var id = (await fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition(), None)).Subscription.Id;
        Assert.Empty(await fixture.Store.GetByTenantAsync(ManagedSubscriptionFixture.TenantB, None));
        Assert.True((await fixture.Store.GetAsync(id, None))!.IsEnabled);

        using var otherNode = new ManagedSubscriptionFixture(records: fixture.Records, keyFolder: fixture.KeyFolder);
        await otherNode.Manager.DisableAsync(ManagedSubscriptionFixture.TenantA, id, null, null, None);
        var createdForB = await otherNode.Manager.CreateAsync(ManagedSubscriptionFixture.TenantB, ManagedSubscriptionFixture.Definition(), None);
        Assert.True((await fixture.Store.GetAsync(id, None))!.IsEnabled);

        source.Raise(ManagedSubscriptionFixture.TenantA);
        Assert.False((await fixture.Store.GetAsync(id, None))!.IsEnabled);
        Assert.Empty(await fixture.Store.GetByTenantAsync(ManagedSubscriptionFixture.TenantB, None));

        source.Raise(null);
        Assert.Equal(createdForB.Subscription.Id, Assert.Single(await fixture.Store.GetByTenantAsync(ManagedSubscriptionFixture.TenantB, None)).Id);
    }

    [Fact]
    public async Task The_engine_disabling_a_subscription_raises_its_version_and_records_the_reason()
    {
        using var fixture = new ManagedSubscriptionFixture();
        var id = (await fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition(), None)).Subscription.Id;

        Assert.True(await fixture.Store.DisableAsync(id, WebhookSubscriptionDisabledReason.EndpointGone, fixture.Time.GetUtcNow(), None));
        Assert.False(await fixture.Store.DisableAsync(id, WebhookSubscriptionDisabledReason.FailingTooLong, fixture.Time.GetUtcNow(), None));

        var info = await fixture.Manager.GetAsync(ManagedSubscriptionFixture.TenantA, id, None);
        Assert.False(info!.IsEnabled);
        Assert.Equal(WebhookSubscriptionDisabledReason.EndpointGone, info.DisabledReason);
        Assert.Equal(2, info.Version);

        var enabled = await fixture.Manager.EnableAsync(ManagedSubscriptionFixture.TenantA, id, null, 2, None);
        Assert.True(enabled.IsEnabled);
        Assert.Null(enabled.DisabledReason);
    }

    [Fact]
    public async Task Lists_are_keyset_paged_in_creation_order_and_deleted_subscriptions_are_gone()
    {
        using var fixture = new ManagedSubscriptionFixture(o => o.MaxSubscriptionsPerTenant = 5);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
            ids.Add((await fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition($"https://erp{i}.example.com/"), None)).Subscription.Id);
        }

        var tooMany = await Assert.ThrowsAsync<WebhookPublishingException>(() =>
            fixture.Manager.CreateAsync(ManagedSubscriptionFixture.TenantA, ManagedSubscriptionFixture.Definition(), None));
        Assert.Contains("MaxSubscriptionsPerTenant", tooMany.Message, StringComparison.Ordinal);

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await fixture.Manager.ListAsync(ManagedSubscriptionFixture.TenantA, new WebhookSubscriptionListQuery { PageSize = 2, After = after }, None);
            seen.AddRange(page.Items.Select(s => s.Id));
            after = page.ContinuationToken;
            pages++;
        }
        while (after is not null);

        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);

        await fixture.Manager.DeleteAsync(ManagedSubscriptionFixture.TenantA, ids[0], 1, None);
        Assert.Null(await fixture.Manager.GetAsync(ManagedSubscriptionFixture.TenantA, ids[0], None));
        Assert.Null(await fixture.Store.GetAsync(ids[0], None));
        Assert.Equal(4, (await fixture.Store.GetByTenantAsync(ManagedSubscriptionFixture.TenantA, None)).Count);
    }

    [Fact]
    public void A_host_without_data_protection_fails_at_start_naming_the_fix()
    {
        var services = new ServiceCollection();
        services.AddOrdinavoWebhookPublisher().UseInMemoryStore().UseInMemorySubscriptionRecords();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate);
        Assert.Contains("services.AddDataProtection()", error.Message, StringComparison.Ordinal);
    }

    private static async Task AssertNotFound(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<WebhookPublishingException>(call);
        Assert.Equal(WebhookPublishingErrorReason.SubscriptionNotFound, error.Reason);
    }

    private sealed class ManualChangeSource : IWebhookSubscriptionChangeSource
    {
        private Action<string?>? _handlers;

        public IDisposable Subscribe(Action<string?> onChange)
        {
            _handlers += onChange;
            return new Unsubscriber(() => _handlers -= onChange);
        }

        public void Raise(string? tenantId) => _handlers?.Invoke(tenantId);

        private sealed class Unsubscriber(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }
}
