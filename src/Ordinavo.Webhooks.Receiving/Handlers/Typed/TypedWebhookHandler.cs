using System.Diagnostics.CodeAnalysis;
using Ordinavo.Webhooks.Contracts.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>Runs an <see cref="IWebhookHandler{TEvent}"/> as an <see cref="IWebhookHandler"/>: builds the category view, then calls it.</summary>
internal sealed class TypedWebhookHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler, TEvent>(THandler handler) : IWebhookHandler
    where THandler : class, IWebhookHandler<TEvent>
    where TEvent : WebhookCategoryEvent
{
    public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
    {
        TEvent view;
        try
        {
            view = (TEvent)WebhookCategoryEvents.Create(typeof(TEvent), context.Event);
        }
        catch (WebhookPayloadException error)
        {
            // The category's section is missing: a bad body (400), not a handler failure.
            throw context.RejectPayload(error);
        }

        return handler.HandleAsync(view, context, cancellationToken);
    }
}
