using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>Runs an <see cref="IWebhookHandler{TEvent}"/> as an <see cref="IWebhookHandler"/>: builds the category view, then calls it.</summary>
internal sealed class TypedWebhookHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler, TEvent>(THandler handler) : IWebhookHandler
    where THandler : class, IWebhookHandler<TEvent>
    where TEvent : WebhookCategoryEvent
{
    public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken) =>
        handler.HandleAsync(WebhookCategoryEvents.View<TEvent>(context), context, cancellationToken);
}
