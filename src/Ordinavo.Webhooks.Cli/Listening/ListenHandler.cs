using System;
using System.Threading;
using System.Threading.Tasks;
using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Cli.Listening;

/// <summary>Accepts every verified event: <c>listen</c> only shows what arrives.</summary>
internal sealed class ListenHandler : IWebhookHandler
{
    /// <inheritdoc />
    public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
