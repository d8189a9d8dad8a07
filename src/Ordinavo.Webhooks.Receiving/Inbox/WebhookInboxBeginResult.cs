using System;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>The answer of <see cref="IWebhookInbox.TryBeginAsync"/>: a status and, for <see cref="WebhookInboxStatus.New"/>, the lease.</summary>
public readonly record struct WebhookInboxBeginResult
{
    private WebhookInboxBeginResult(WebhookInboxStatus status, WebhookInboxLease lease, DateTimeOffset? latestHandledOccurredAt = null)
    {
        Status = status;
        Lease = lease;
        LatestHandledOccurredAt = latestHandledOccurredAt;
    }

    /// <summary>What the inbox found.</summary>
    public WebhookInboxStatus Status { get; }

    /// <summary>The lease the caller now holds; <see langword="default"/> unless <see cref="Status"/> is <see cref="WebhookInboxStatus.New"/>.</summary>
    public WebhookInboxLease Lease { get; }

    /// <summary>
    /// For a new event from an <see cref="IWebhookTransactionalInbox"/>: the newest <c>occurredAt</c> handled for the
    /// event's entity before this event, or <see langword="null"/> when none is known (or the inbox keeps no ordering help).
    /// </summary>
    public DateTimeOffset? LatestHandledOccurredAt { get; }

    /// <summary>The caller holds <paramref name="lease"/> and handles the event.</summary>
    /// <param name="lease">The new lease.</param>
    public static WebhookInboxBeginResult Begun(WebhookInboxLease lease) => Begun(lease, latestHandledOccurredAt: null);

    /// <summary>The caller holds <paramref name="lease"/> and handles the event; the entity's newest handled <c>occurredAt</c> is known.</summary>
    /// <param name="lease">The new lease.</param>
    /// <param name="latestHandledOccurredAt">The newest <c>occurredAt</c> handled for the event's entity before this event, if any.</param>
    public static WebhookInboxBeginResult Begun(WebhookInboxLease lease, DateTimeOffset? latestHandledOccurredAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(lease.EventId, nameof(lease));
        ArgumentException.ThrowIfNullOrEmpty(lease.Token, nameof(lease));
        return new(WebhookInboxStatus.New, lease, latestHandledOccurredAt);
    }

    /// <summary>The event was handled before.</summary>
    public static WebhookInboxBeginResult AlreadyHandled { get; } = new(WebhookInboxStatus.AlreadyHandled, default);

    /// <summary>Another request is handling the event right now.</summary>
    public static WebhookInboxBeginResult InProgress { get; } = new(WebhookInboxStatus.InProgress, default);
}
