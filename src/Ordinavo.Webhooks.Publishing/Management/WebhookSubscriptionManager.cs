using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>The <see cref="IWebhookSubscriptionManager"/> over an <see cref="IWebhookSubscriptionRecordStore"/>.</summary>
internal sealed class WebhookSubscriptionManager(
    IWebhookSubscriptionRecordStore records,
    StoredWebhookSubscriptionStore cache,
    SubscriptionRecordMapper mapper,
    SubscriptionDefinitionValidator validator,
    IOptions<WebhookSubscriptionManagementOptions> options,
    TimeProvider time) : IWebhookSubscriptionManager
{
    /// <summary>The prefix of the ids of subscriptions the manager creates.</summary>
    public const string IdPrefix = "sub_";

    public async Task<WebhookIssuedSecret> CreateAsync(string tenantId, WebhookSubscriptionDefinition definition, CancellationToken cancellationToken)
    {
        CheckTenant(tenantId);
        validator.Validate(definition);
        var existing = await records.ListAsync(tenantId, null, options.Value.MaxSubscriptionsPerTenant, cancellationToken).ConfigureAwait(false);
        if (existing.Count >= options.Value.MaxSubscriptionsPerTenant)
        {
            throw new WebhookPublishingException(WebhookPublishingErrorReason.InvalidSubscription,
                $"Tenant '{tenantId}' has {existing.Count} subscriptions, the most allowed (WebhookSubscriptionManagementOptions.MaxSubscriptionsPerTenant).");
        }

        var now = time.GetUtcNow();
        var secret = WebhookSecret.Generate();
        var document = SubscriptionRecordMapper.ToDocument(definition, current: null);
        document.Secrets.Add(new SubscriptionDocumentSecret { Protected = mapper.Protector.Protect(secret), CreatedAt = now });
        var record = new WebhookSubscriptionRecord
        {
            // A ULID like the event and delivery ids: sortable by creation, so the list's keyset order is creation order.
            Id = IdPrefix + WebhookIdentifiers.NewEventId(now)[WebhookIdentifiers.EventIdPrefix.Length..],
            TenantId = tenantId,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
            Document = SubscriptionRecordMapper.WriteDocument(document),
        };
        if (!await records.TryInsertAsync(record, cancellationToken).ConfigureAwait(false))
        {
            throw new WebhookPublishingException(WebhookPublishingErrorReason.SubscriptionConflict, $"Subscription '{record.Id}' exists already; try again.");
        }

        cache.Invalidate(tenantId);
        return new WebhookIssuedSecret { Subscription = SubscriptionRecordMapper.ToInfo(record, document, now), Secret = secret };
    }

    public async Task<WebhookSubscriptionInfo?> GetAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken)
    {
        CheckTenant(tenantId);
        ArgumentNullException.ThrowIfNull(subscriptionId);
        var record = await records.GetAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
        return record is null || !string.Equals(record.TenantId, tenantId, StringComparison.Ordinal)
            ? null
            : SubscriptionRecordMapper.ToInfo(record, SubscriptionRecordMapper.ReadDocument(record), time.GetUtcNow());
    }

    public async Task<WebhookSubscriptionPage> ListAsync(string tenantId, WebhookSubscriptionListQuery query, CancellationToken cancellationToken)
    {
        CheckTenant(tenantId);
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > WebhookSubscriptionListQuery.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, $"PageSize must be between 1 and {WebhookSubscriptionListQuery.MaxPageSize}.");
        }

        // One more than the page tells whether another page follows.
        var page = await records.ListAsync(tenantId, query.After, query.PageSize + 1, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var items = page.Take(query.PageSize).Select(r => SubscriptionRecordMapper.ToInfo(r, SubscriptionRecordMapper.ReadDocument(r), now)).ToList();
        return new WebhookSubscriptionPage
        {
            Items = items,
            ContinuationToken = page.Count > query.PageSize ? items[^1].Id : null,
        };
    }

    public async Task<WebhookSubscriptionInfo> UpdateAsync(string tenantId, string subscriptionId, WebhookSubscriptionDefinition definition, long expectedVersion, CancellationToken cancellationToken)
    {
        CheckTenant(tenantId);
        validator.Validate(definition);
        return await MutateAsync(tenantId, subscriptionId, expectedVersion, document =>
        {
            var replacement = SubscriptionRecordMapper.ToDocument(definition, document);
            document.EndpointUrl = replacement.EndpointUrl;
            document.EventTypes = replacement.EventTypes;
            document.SourceSystem = replacement.SourceSystem;
            document.Description = replacement.Description;
            document.PayloadOptions = replacement.PayloadOptions;
            document.StandardWebhooksHeaders = replacement.StandardWebhooksHeaders;
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<WebhookSubscriptionInfo> DisableAsync(string tenantId, string subscriptionId, string? note, long? expectedVersion, CancellationToken cancellationToken)
    {
        CheckTenant(tenantId);
        note = CheckNote(note);
        var now = time.GetUtcNow();
        return MutateAsync(tenantId, subscriptionId, expectedVersion, document =>
        {
            if (!document.Enabled)
            {
                // Disabled already (by an operator or the delivery engine): reason and time stay; a new note replaces the old.
                return ReplaceNote(document, note);
            }

            document.Enabled = false;
            document.DisabledReason = WebhookSubscriptionDisabledReason.Manual;
            document.DisabledAt = now;
            document.StateNote = note;
            document.StateChangedAt = now;
            return true;
        }, cancellationToken);
    }

    public Task<WebhookSubscriptionInfo> EnableAsync(string tenantId, string subscriptionId, string? note, long? expectedVersion, CancellationToken cancellationToken)
    {
        CheckTenant(tenantId);
        note = CheckNote(note);
        var now = time.GetUtcNow();
        return MutateAsync(tenantId, subscriptionId, expectedVersion, document =>
        {
            if (document.Enabled)
            {
                return ReplaceNote(document, note);
            }

            document.Enabled = true;
            document.DisabledReason = null;
            document.DisabledAt = null;
            document.StateNote = note;
            document.StateChangedAt = now;
            return true;
        }, cancellationToken);
    }

    public async Task DeleteAsync(string tenantId, string subscriptionId, long? expectedVersion, CancellationToken cancellationToken)
    {
        CheckTenant(tenantId);
        ArgumentNullException.ThrowIfNull(subscriptionId);
        for (var attempt = 0; ; attempt++)
        {
            var record = await records.GetAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
            if (record is null || !string.Equals(record.TenantId, tenantId, StringComparison.Ordinal))
            {
                throw NotFound(subscriptionId);
            }

            if (expectedVersion is { } expected && expected != record.Version)
            {
                throw SubscriptionRecordMutation.Conflict(subscriptionId, expected, record.Version);
            }

            if (await records.TryDeleteAsync(subscriptionId, record.Version, cancellationToken).ConfigureAwait(false))
            {
                cache.Invalidate(tenantId);
                return;
            }

            if (expectedVersion is not null || attempt == 5)
            {
                throw new WebhookPublishingException(WebhookPublishingErrorReason.SubscriptionConflict,
                    $"Subscription '{subscriptionId}' changed while it was being deleted. Read it again and repeat the change.");
            }
        }
    }

    public async Task<WebhookIssuedSecret> RotateSecretAsync(string tenantId, string subscriptionId, TimeSpan? gracePeriod, long? expectedVersion, CancellationToken cancellationToken)
    {
        CheckTenant(tenantId);
        var grace = gracePeriod ?? options.Value.DefaultGracePeriod;
        if (grace < TimeSpan.Zero || grace > options.Value.MaxGracePeriod)
        {
            throw new WebhookPublishingException(
                new System.Collections.Generic.Dictionary<string, string[]> { ["gracePeriod"] = [$"The grace period must be between 0 and {options.Value.MaxGracePeriod} (WebhookSubscriptionManagementOptions.MaxGracePeriod)."] },
                "The grace period is out of range.");
        }

        var now = time.GetUtcNow();
        var secret = WebhookSecret.Generate();
        var ciphertext = mapper.Protector.Protect(secret);
        var info = await MutateAsync(tenantId, subscriptionId, expectedVersion, document =>
        {
            var endsAt = now + grace;
            foreach (var old in document.Secrets)
            {
                if (old.ExpiresAt is null || old.ExpiresAt > endsAt)
                {
                    old.ExpiresAt = endsAt;
                }
            }

            document.Secrets.RemoveAll(s => s.ExpiresAt <= now);
            document.Secrets.Add(new SubscriptionDocumentSecret { Protected = ciphertext, CreatedAt = now });
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new WebhookIssuedSecret { Subscription = info, Secret = secret };
    }

    public Task<WebhookSubscriptionInfo> ExpireOldSecretsAsync(string tenantId, string subscriptionId, long? expectedVersion, CancellationToken cancellationToken)
    {
        CheckTenant(tenantId);
        return MutateAsync(tenantId, subscriptionId, expectedVersion, document =>
        {
            if (document.Secrets.Count == 0)
            {
                return false;
            }

            // A rotation appends the new secret: the last one is the newest.
            var newest = document.Secrets[^1];
            newest.ExpiresAt = null;
            return document.Secrets.RemoveAll(s => !ReferenceEquals(s, newest)) > 0;
        }, cancellationToken);
    }

    private async Task<WebhookSubscriptionInfo> MutateAsync(string tenantId, string subscriptionId, long? expectedVersion, Func<SubscriptionDocument, bool> mutate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        var now = time.GetUtcNow();
        var outcome = await SubscriptionRecordMutation.MutateAsync(records, cache, tenantId, subscriptionId, expectedVersion, now, mutate, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(subscriptionId);
        return SubscriptionRecordMapper.ToInfo(outcome.Record, outcome.Document, now);
    }

    private static void CheckTenant(string tenantId) => ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);

    /// <summary>The note to store (<see langword="null"/> for none or blank), or the typed error naming the field; the note itself is never in the message.</summary>
    private static string? CheckNote(string? note)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return null;
        }

        if (note.Length > WebhookSubscriptionInfo.MaxStateNoteLength || note.Any(char.IsControl))
        {
            throw new WebhookPublishingException(
                new System.Collections.Generic.Dictionary<string, string[]>
                {
                    ["note"] = [$"The note must be at most {WebhookSubscriptionInfo.MaxStateNoteLength} characters without control characters (line breaks, tabs)."],
                },
                "The note is invalid.");
        }

        return note;
    }

    /// <summary>Stores a new note when one is given and differs; <see langword="false"/> when nothing changes.</summary>
    private static bool ReplaceNote(SubscriptionDocument document, string? note)
    {
        if (note is null || string.Equals(note, document.StateNote, StringComparison.Ordinal))
        {
            return false;
        }

        document.StateNote = note;
        return true;
    }

    private static WebhookPublishingException NotFound(string subscriptionId) =>
        new(WebhookPublishingErrorReason.SubscriptionNotFound, $"Subscription '{subscriptionId}' does not exist for this tenant.");
}
