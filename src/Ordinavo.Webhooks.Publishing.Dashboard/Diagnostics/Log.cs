using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>The dashboard's log messages: the action, the tenant and the ids it touched; never secrets, bodies or free text.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Webhook dashboard: {Action} by tenant {TenantId} on subscription {SubscriptionId}.")]
    public static partial void SubscriptionAction(ILogger logger, string action, string tenantId, string subscriptionId);

    [LoggerMessage(2, LogLevel.Information, "Webhook dashboard: {Action} by tenant {TenantId} on delivery {DeliveryId}.")]
    public static partial void DeliveryAction(ILogger logger, string action, string tenantId, string deliveryId);

    [LoggerMessage(3, LogLevel.Information, "Webhook dashboard: recover dead letters by tenant {TenantId} on subscription {SubscriptionId}: {Count} requeued.")]
    public static partial void DeadLettersRecovered(ILogger logger, string tenantId, string subscriptionId, int count);

    [LoggerMessage(4, LogLevel.Warning, "Webhook dashboard: an action was refused: its antiforgery token is missing or invalid.")]
    public static partial void AntiforgeryRejected(ILogger logger);

    [LoggerMessage(5, LogLevel.Warning, "Webhook dashboard: an action was refused: the user does not satisfy the action policy.")]
    public static partial void ActionForbidden(ILogger logger);

    [LoggerMessage(6, LogLevel.Error, "Webhook dashboard: the secrets of subscription {SubscriptionId} cannot be decrypted with this application's Data Protection key ring.")]
    public static partial void SecretUnreadable(ILogger logger, string subscriptionId);
}
