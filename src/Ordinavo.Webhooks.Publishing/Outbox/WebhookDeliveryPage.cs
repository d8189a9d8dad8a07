using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>One page of deliveries.</summary>
/// <param name="Items">The deliveries, ordered by id.</param>
/// <param name="NextAfter">The value for <see cref="WebhookDeliveryQuery.After"/> to read the next page, or <see langword="null"/> on the last page.</param>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryRecord> Items, string? NextAfter);
