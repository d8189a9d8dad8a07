using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// Handles verified, deduplicated events of one category, typed: register it with
/// <c>AddHandler&lt;THandler, VisitReportWebhookEvent&gt;(WebhookEventType.VisitReportApproved)</c> (one event type) or
/// <c>AddHandler&lt;THandler, VisitReportWebhookEvent&gt;()</c> (every type of the category). Resolved from DI in a new
/// scope for every event, like <see cref="IWebhookHandler"/>, and with the same rules: complete to have the event
/// marked handled (200), throw to have it delivered again (500).
/// </summary>
/// <typeparam name="TEvent">The category's event view.</typeparam>
public interface IWebhookHandler<in TEvent>
    where TEvent : WebhookCategoryEvent
{
    /// <summary>Handles one event.</summary>
    /// <param name="webhookEvent">The event, with its category's section non-nullable.</param>
    /// <param name="context">The delivery headers, ordering information and the request's services.</param>
    /// <param name="cancellationToken">Signalled when the request is aborted (the publisher will retry).</param>
    Task HandleAsync(TEvent webhookEvent, WebhookEventContext context, CancellationToken cancellationToken);
}
