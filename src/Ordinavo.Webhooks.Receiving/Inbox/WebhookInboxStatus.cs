namespace Ordinavo.Webhooks.Receiving;

/// <summary>What <see cref="IWebhookInbox.TryBeginAsync"/> found for an event id.</summary>
public enum WebhookInboxStatus
{
    /// <summary>Not handled and not leased: the caller now holds the lease and handles the event.</summary>
    New = 0,

    /// <summary>Handled before: the request is a duplicate and is answered 200 without running handlers.</summary>
    AlreadyHandled = 1,

    /// <summary>Another request holds a live lease on the event: answered 409 so that the publisher retries.</summary>
    InProgress = 2,
}
