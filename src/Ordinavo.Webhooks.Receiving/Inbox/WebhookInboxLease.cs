using System;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// A lease on one event id, held by the request that handles it. The <see cref="Token"/> distinguishes this lease from
/// a later one on the same event (after expiry), so that completing or releasing a stale lease changes nothing.
/// </summary>
/// <param name="EventId">The leased event's id.</param>
/// <param name="Token">An opaque value unique to this lease.</param>
/// <param name="ExpiresAt">When the lease stops blocking other requests.</param>
public readonly record struct WebhookInboxLease(string EventId, string Token, DateTimeOffset ExpiresAt);
