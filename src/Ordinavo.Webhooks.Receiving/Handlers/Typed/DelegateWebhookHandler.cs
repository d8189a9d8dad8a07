using System;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>Runs a handler delegate registered with <c>AddHandler(eventType, (TEvent e, WebhookEventContext context, CancellationToken ct) => ...)</c>.</summary>
/// <typeparam name="TEvent">The category's event view the delegate takes.</typeparam>
internal sealed class DelegateWebhookHandler<TEvent>(Func<TEvent, WebhookEventContext, CancellationToken, Task> handler) : IWebhookHandler
    where TEvent : WebhookCategoryEvent
{
    public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken) =>
        handler(WebhookCategoryEvents.View<TEvent>(context), context, cancellationToken);
}
