using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>A subscription was disabled by the delivery engine.</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="TenantId">Its tenant.</param>
/// <param name="Reason">Why.</param>
/// <param name="DisabledAt">When.</param>
public sealed record WebhookSubscriptionDisabledNotification(string SubscriptionId, string TenantId, WebhookSubscriptionDisabledReason Reason, DateTimeOffset DisabledAt);
