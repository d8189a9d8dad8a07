using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>The delivery health of one subscription, kept by the outbox store for the auto-disable rule.</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="LastSuccessAt">When an attempt last succeeded, or <see langword="null"/>.</param>
/// <param name="FailingSince">The first failed attempt since the last success, or <see langword="null"/> when the last attempt succeeded.</param>
public sealed record WebhookSubscriptionHealth(string SubscriptionId, DateTimeOffset? LastSuccessAt, DateTimeOffset? FailingSince);
