using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Tells this process that a managed subscription changed, possibly on another node, so the subscription cache drops
/// it at once instead of at the end of its cache duration. The PostgreSQL store implements it with <c>LISTEN</c>/<c>NOTIFY</c>
/// on the outbox's notification channel. Optional: without it, other nodes see a change within
/// <see cref="WebhookSubscriptionManagementOptions.CacheDuration"/>.
/// </summary>
public interface IWebhookSubscriptionChangeSource
{
    /// <summary>
    /// Registers <paramref name="onChange"/>, called with the tenant id of each changed subscription (or
    /// <see langword="null"/> when the source cannot tell which changed, for example after a lost connection: then
    /// every cached entry is dropped). Dispose the result to unregister.
    /// </summary>
    IDisposable Subscribe(Action<string?> onChange);
}
