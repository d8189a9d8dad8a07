using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>
/// The delivery endpoints: test event, deliveries (query, one with attempts), redelivery, dead-letter recovery, queue
/// depth, subscription health and delivery statistics (counted by <see cref="IWebhookDeliveryMonitor.GetStatisticsAsync"/>,
/// bounded by its limit). Every read and change is limited to the caller's tenant.
/// </summary>
internal static class DeliveryEndpoints
{
    /// <summary>The longest window of the statistics endpoint: 7 days, in hours.</summary>
    public const int MaxStatisticsHours = 168;

    private const string Tag = "Webhook deliveries";
    private const string LogCategory = "Ordinavo.Webhooks.Publishing.AspNetCore.WebhookAdmin";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/subscriptions/{id}/test", SendTestEventAsync)
            .WithName("SendWebhookTestEvent").WithSummary("Sends a signed webhook.test event to the subscription now (also when disabled) and returns the attempt.").WithTags(Tag)
            .Produces<AdminTestEventResult>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/subscriptions/{id}/health", GetHealthAsync)
            .WithName("GetWebhookSubscriptionHealth").WithSummary("The subscription's state, queue, deliveries delivered, failing and dead-lettered in the last 24 hours, last success and failing since.").WithTags(Tag)
            .Produces<AdminSubscriptionHealth>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/subscriptions/{id}/redeliver-dead-letters", RedeliverDeadLettersAsync)
            .WithName("RedeliverWebhookDeadLetters").WithSummary("Delivers again, now, every dead letter of the subscription created in [createdFrom, createdBefore).").WithTags(Tag)
            .AcceptsJson<AdminRedeliverDeadLettersRequest>()
            .Produces<AdminRedeliveryResult>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/deliveries", QueryAsync)
            .WithName("QueryWebhookDeliveries").WithSummary("The tenant's deliveries matching the filters, ordered by id (limit 1-1000, default 100; after = nextAfter of the previous page).").WithTags(Tag)
            .Produces<AdminDeliveryPage>()
            .ProducesValidationProblem();

        group.MapGet("/deliveries/{deliveryId}", GetAsync)
            .WithName("GetWebhookDelivery").WithSummary("One delivery with its attempts, oldest first, including what the receiver answered.").WithTags(Tag)
            .Produces<AdminDeliveryDetails>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/deliveries/{deliveryId}/redeliver", RedeliverAsync)
            .WithName("RedeliverWebhookDelivery").WithSummary("Delivers the event to the subscription again, now, whatever its state.").WithTags(Tag)
            .Produces<AdminRedeliveryResult>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/queue", GetQueueDepthAsync)
            .WithName("GetWebhookQueueDepth").WithSummary("The tenant's pending deliveries and those due now.").WithTags(Tag)
            .Produces<AdminQueueDepth>();

        group.MapGet("/statistics", GetStatisticsAsync)
            .WithName("GetWebhookDeliveryStatistics").WithSummary("Per subscription: queue, and deliveries delivered, failing and dead-lettered in the last `hours` hours (1-168, default 24), hour by hour; subscriptionId limits it to one.").WithTags(Tag)
            .Produces<AdminDeliveryStatistics>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> SendTestEventAsync(HttpContext context, string id, [FromServices] IWebhookSubscriptionStore subscriptions, [FromServices] IWebhookOperations operations, CancellationToken cancellationToken)
    {
        var tenant = AdminTenantAccessor.Tenant(context);
        if (await FindAsync(subscriptions, tenant, id, cancellationToken).ConfigureAwait(false) is null)
        {
            return AdminProblems.NotFound("subscription");
        }

        var result = await operations.SendTestEventAsync(id, cancellationToken).ConfigureAwait(false);
        Log.SubscriptionAction(Logger(context), "send test event", tenant, id);
        return TypedResults.Json(new AdminTestEventResult { EventId = result.EventId, Succeeded = result.Succeeded, Attempt = AdminAttempt.From(result.Attempt) }, AdminJsonContext.Default.AdminTestEventResult);
    }

    private static async Task<IResult> GetHealthAsync(HttpContext context, string id, [FromServices] IWebhookSubscriptionStore subscriptions, [FromServices] IWebhookDeliveryMonitor monitor, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var tenant = AdminTenantAccessor.Tenant(context);
        var subscription = await FindAsync(subscriptions, tenant, id, cancellationToken).ConfigureAwait(false);
        if (subscription is null)
        {
            return AdminProblems.NotFound("subscription");
        }

        var now = time.GetUtcNow();
        var stats = await monitor.GetStatisticsAsync(
            WebhookDeliveryStatisticsQuery.Last24Hours(tenant, now, [id]) with { BucketSize = TimeSpan.FromHours(24) }, cancellationToken).ConfigureAwait(false);
        var counts = stats.Subscriptions[0];
        return TypedResults.Json(new AdminSubscriptionHealth
        {
            SubscriptionId = id,
            IsEnabled = subscription.IsEnabled,
            DisabledReason = subscription.IsEnabled ? null : subscription.DisabledReason,
            Pending = counts.Pending,
            Due = counts.Due,
            WindowFrom = stats.From,
            WindowBefore = stats.Before,
            Delivered = counts.Delivered,
            Failed = counts.Failed,
            DeadLettered = counts.DeadLettered,
            LastSuccessAt = counts.Health?.LastSuccessAt,
            FailingSince = counts.Health?.FailingSince,
            Truncated = stats.IsTruncated,
        }, AdminJsonContext.Default.AdminSubscriptionHealth);
    }

    private static async Task<IResult> GetStatisticsAsync(HttpContext context, string? hours, string? subscriptionId, [FromServices] IWebhookSubscriptionStore subscriptions, [FromServices] IWebhookDeliveryMonitor monitor, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new AdminQueryErrors();
        var windowHours = errors.Int("hours", hours, 1, MaxStatisticsHours) ?? 24;
        var only = errors.Text("subscriptionId", subscriptionId, 256);
        if (errors.HasErrors)
        {
            return AdminProblems.Validation(errors.Errors);
        }

        var tenant = AdminTenantAccessor.Tenant(context);
        if (only is not null && await FindAsync(subscriptions, tenant, only, cancellationToken).ConfigureAwait(false) is null)
        {
            return AdminProblems.NotFound("subscription");
        }

        var now = time.GetUtcNow();
        var stats = await monitor.GetStatisticsAsync(new WebhookDeliveryStatisticsQuery
        {
            TenantId = tenant,
            SubscriptionIds = only is null ? null : [only],
            From = now.AddHours(-windowHours),
            Before = now,
            Now = now,
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new AdminDeliveryStatistics
        {
            From = stats.From,
            Before = stats.Before,
            BucketSeconds = (long)stats.BucketSize.TotalSeconds,
            Truncated = stats.IsTruncated,
            Subscriptions = [.. stats.Subscriptions.Select(AdminSubscriptionStatistics.From)],
        }, AdminJsonContext.Default.AdminDeliveryStatistics);
    }

    private static async Task<IResult> RedeliverDeadLettersAsync(HttpContext context, string id, [FromServices] IWebhookSubscriptionStore subscriptions, [FromServices] IWebhookOperations operations, CancellationToken cancellationToken)
    {
        var body = await AdminBodyReader.ReadAsync(context, AdminJsonContext.Default.AdminRedeliverDeadLettersRequest, required: true, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var window = body.Value!;
        if (window.CreatedFrom >= window.CreatedBefore)
        {
            return AdminProblems.Validation("createdBefore", "Must be later than createdFrom.");
        }

        var tenant = AdminTenantAccessor.Tenant(context);
        if (await FindAsync(subscriptions, tenant, id, cancellationToken).ConfigureAwait(false) is null)
        {
            return AdminProblems.NotFound("subscription");
        }

        var count = await operations.RedeliverDeadLettersAsync(id, window.CreatedFrom, window.CreatedBefore, cancellationToken).ConfigureAwait(false);
        Log.DeadLettersRedelivered(Logger(context), tenant, id, count);
        return TypedResults.Json(new AdminRedeliveryResult { Requeued = count }, AdminJsonContext.Default.AdminRedeliveryResult);
    }

    private static async Task<IResult> QueryAsync(
        HttpContext context,
        string? eventId,
        string? subscriptionId,
        string? state,
        string? createdFrom,
        string? createdBefore,
        string? after,
        string? limit,
        [FromServices] IWebhookOperations operations,
        CancellationToken cancellationToken)
    {
        var errors = new AdminQueryErrors();
        var query = new WebhookDeliveryQuery
        {
            // The tenant filter is always the caller's: another tenant's deliveries never match.
            TenantId = AdminTenantAccessor.Tenant(context),
            EventId = errors.Text("eventId", eventId, 256),
            SubscriptionId = errors.Text("subscriptionId", subscriptionId, 256),
            State = errors.Enum<WebhookDeliveryState>("state", state),
            CreatedFrom = errors.Time("createdFrom", createdFrom),
            CreatedBefore = errors.Time("createdBefore", createdBefore),
            After = errors.Text("after", after, 256),
            Limit = errors.Int("limit", limit, 1, 1000) ?? 100,
        };
        if (errors.HasErrors)
        {
            return AdminProblems.Validation(errors.Errors);
        }

        var page = await operations.GetDeliveriesAsync(query, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new AdminDeliveryPage { Items = [.. page.Items.Select(AdminDelivery.From)], NextAfter = page.NextAfter }, AdminJsonContext.Default.AdminDeliveryPage);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string deliveryId, [FromServices] IWebhookOperations operations, CancellationToken cancellationToken)
    {
        var delivery = await FindDeliveryAsync(operations, AdminTenantAccessor.Tenant(context), deliveryId, cancellationToken).ConfigureAwait(false);
        if (delivery is null)
        {
            return AdminProblems.NotFound("delivery");
        }

        var attempts = await operations.GetAttemptsAsync(delivery.Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new AdminDeliveryDetails { Delivery = AdminDelivery.From(delivery), Attempts = [.. attempts.Select(AdminAttempt.From)] }, AdminJsonContext.Default.AdminDeliveryDetails);
    }

    private static async Task<IResult> RedeliverAsync(HttpContext context, string deliveryId, [FromServices] IWebhookOperations operations, CancellationToken cancellationToken)
    {
        var tenant = AdminTenantAccessor.Tenant(context);
        var delivery = await FindDeliveryAsync(operations, tenant, deliveryId, cancellationToken).ConfigureAwait(false);
        if (delivery is null)
        {
            return AdminProblems.NotFound("delivery");
        }

        if (!await operations.RedeliverAsync(delivery.EventId, delivery.SubscriptionId, cancellationToken).ConfigureAwait(false))
        {
            return AdminProblems.DeliveryBusy();
        }

        Log.DeliveryAction(Logger(context), "redeliver", tenant, delivery.Id);
        return TypedResults.Json(new AdminRedeliveryResult { Requeued = 1 }, AdminJsonContext.Default.AdminRedeliveryResult);
    }

    private static async Task<IResult> GetQueueDepthAsync(HttpContext context, [FromServices] IWebhookDeliveryMonitor monitor, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stats = await monitor.GetStatisticsAsync(
            new WebhookDeliveryStatisticsQuery { TenantId = AdminTenantAccessor.Tenant(context), From = now.AddMinutes(-1), Before = now, BucketSize = TimeSpan.FromMinutes(1), Now = now },
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new AdminQueueDepth
        {
            Pending = stats.Subscriptions.Sum(s => s.Pending),
            Due = stats.Subscriptions.Sum(s => s.Due),
            Truncated = stats.IsTruncated,
        }, AdminJsonContext.Default.AdminQueueDepth);
    }

    /// <summary>The subscription when it belongs to the tenant; another tenant's is not found.</summary>
    private static async Task<WebhookSubscription?> FindAsync(IWebhookSubscriptionStore subscriptions, string tenant, string id, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return subscription is not null && string.Equals(subscription.TenantId, tenant, StringComparison.Ordinal) ? subscription : null;
    }

    /// <summary>The delivery when it belongs to the tenant; another tenant's is not found.</summary>
    private static async Task<WebhookDeliveryRecord?> FindDeliveryAsync(IWebhookOperations operations, string tenant, string deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await operations.GetDeliveryAsync(deliveryId, cancellationToken).ConfigureAwait(false);
        return delivery is not null && string.Equals(delivery.TenantId, tenant, StringComparison.Ordinal) ? delivery : null;
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
}
