namespace Ordinavo.Webhooks.Contracts.Diagnostics;

/// <summary>
/// The attribute keys every package tags its spans and metrics with (the table in docs/telemetry.md): OpenTelemetry
/// semantic convention names where one exists, <c>ordinavo.webhook.*</c> for ours. Values are lower-case snake_case.
/// </summary>
/// <remarks>
/// Internal: the names are documented for dashboards and written into the consuming packages at compile time (constants),
/// so no package depends on another's copy at run time.
/// </remarks>
internal static class WebhookTelemetryTags
{
    /// <summary>The event id, <c>evt_</c> + ULID (the same on every attempt and subscription).</summary>
    public const string EventId = "ordinavo.webhook.event.id";

    /// <summary>The event type, e.g. <c>visit_report.approved</c>.</summary>
    public const string EventType = "ordinavo.webhook.event.type";

    /// <summary>The attempt's delivery id, <c>del_</c> + ULID (the <c>X-Ordinavo-Delivery-Id</c> header).</summary>
    public const string DeliveryId = "ordinavo.webhook.delivery.id";

    /// <summary>The attempt number, 1, 2, 3, ... (the <c>X-Ordinavo-Delivery-Attempt</c> header).</summary>
    public const string DeliveryAttempt = "ordinavo.webhook.delivery.attempt";

    /// <summary>How many deliveries a publish enqueued (one per matching subscription).</summary>
    public const string DeliveryCount = "ordinavo.webhook.delivery.count";

    /// <summary>The publisher's subscription id.</summary>
    public const string SubscriptionId = "ordinavo.webhook.subscription.id";

    /// <summary>The name a receiver was registered with (empty for the unnamed default receiver).</summary>
    public const string ReceiverName = "ordinavo.webhook.receiver.name";

    /// <summary>How the receiver answered, e.g. <c>handled</c>, <c>duplicate</c>, <c>invalid_signature</c>.</summary>
    public const string Outcome = "ordinavo.webhook.outcome";

    /// <summary>Why a delivery was dead-lettered, e.g. <c>retries_exhausted</c>.</summary>
    public const string DeadLetterReason = "ordinavo.webhook.dead_letter.reason";

    /// <summary>Which part of the outbox queue a depth counts: <c>pending</c> or <c>due</c>.</summary>
    public const string QueueState = "ordinavo.webhook.queue.state";

    /// <summary>What the inbox knew of a duplicate: <c>already_handled</c> or <c>in_progress</c>.</summary>
    public const string InboxStatus = "ordinavo.webhook.inbox.status";

    /// <summary>OpenTelemetry <c>error.type</c>: set only on failures (an HTTP status code, or a snake_case reason).</summary>
    public const string ErrorType = "error.type";

    /// <summary>OpenTelemetry <c>http.request.method</c>.</summary>
    public const string HttpRequestMethod = "http.request.method";

    /// <summary>OpenTelemetry <c>http.response.status_code</c>.</summary>
    public const string HttpResponseStatusCode = "http.response.status_code";

    /// <summary>OpenTelemetry <c>server.address</c>: the endpoint's host.</summary>
    public const string ServerAddress = "server.address";

    /// <summary>OpenTelemetry <c>server.port</c>: the endpoint's port.</summary>
    public const string ServerPort = "server.port";
}
