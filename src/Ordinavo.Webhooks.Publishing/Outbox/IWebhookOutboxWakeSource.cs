using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Implemented by an outbox store that learns when deliveries were stored elsewhere (by another publisher node, or by a
/// host transaction that committed), so that the delivery worker starts on them at once instead of on its next poll.
/// When the registered <see cref="IWebhookOutboxStore"/> implements it, the delivery worker subscribes when it starts and
/// disposes the subscription when it stops. A wake-up is a hint, never the only way work is found: the worker keeps
/// polling every <see cref="WebhookPublisherOptions.PollInterval"/>, so a lost wake-up delays a delivery by at most that.
/// </summary>
public interface IWebhookOutboxWakeSource
{
    /// <summary>
    /// Calls <paramref name="wake"/> whenever deliveries may have become due, until the returned subscription is disposed.
    /// </summary>
    /// <param name="wake">
    /// Wakes the subscriber. It may be called on any thread, also when nothing turns out to be due; it returns at once
    /// and does not throw.
    /// </param>
    /// <returns>The subscription; dispose it to stop the wake-ups (and whatever the store runs for them).</returns>
    IDisposable Subscribe(Action wake);
}
