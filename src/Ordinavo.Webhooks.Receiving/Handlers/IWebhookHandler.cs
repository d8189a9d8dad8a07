using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// Handles verified, deduplicated Ordinavo events. Register an implementation with
/// <c>AddHandler&lt;THandler&gt;("visit_report.approved")</c> (or a category wildcard such as <c>"visit_report.*"</c>, or
/// <c>"*"</c>); it is resolved from DI in a new scope for every event.
/// </summary>
/// <remarks>
/// Complete normally when the event is handled (the request is answered 200 and the event marked handled). Throw
/// when it could not be handled: the request is answered 500, the event is not marked handled, and the publisher's
/// retry delivers it again. Use <see cref="WebhookEventContext.IsStale"/> to skip updates older than one already applied.
/// </remarks>
public interface IWebhookHandler
{
    /// <summary>Handles one event.</summary>
    /// <param name="context">The event, its delivery headers and ordering information.</param>
    /// <param name="cancellationToken">Signalled when the request is aborted (the publisher will retry).</param>
    Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken);
}
