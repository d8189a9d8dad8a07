using System;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>The answer of <see cref="IWebhookInbox.TryBeginAsync"/>: a status and, for <see cref="WebhookInboxStatus.New"/>, the lease.</summary>
public readonly record struct WebhookInboxBeginResult
{
    private WebhookInboxBeginResult(WebhookInboxStatus status, WebhookInboxLease lease)
    {
        Status = status;
        Lease = lease;
    }

    /// <summary>What the inbox found.</summary>
    public WebhookInboxStatus Status { get; }

    /// <summary>The lease the caller now holds; <see langword="default"/> unless <see cref="Status"/> is <see cref="WebhookInboxStatus.New"/>.</summary>
    public WebhookInboxLease Lease { get; }

    /// <summary>The caller holds <paramref name="lease"/> and handles the event.</summary>
    /// <param name="lease">The new lease.</param>
    public static WebhookInboxBeginResult Begun(WebhookInboxLease lease)
    {
        ArgumentException.ThrowIfNullOrEmpty(lease.EventId, nameof(lease));
        ArgumentException.ThrowIfNullOrEmpty(lease.Token, nameof(lease));
        return new(WebhookInboxStatus.New, lease);
    }

    /// <summary>The event was handled before.</summary>
    public static WebhookInboxBeginResult AlreadyHandled { get; } = new(WebhookInboxStatus.AlreadyHandled, default);

    /// <summary>Another request is handling the event right now.</summary>
    public static WebhookInboxBeginResult InProgress { get; } = new(WebhookInboxStatus.InProgress, default);
}
