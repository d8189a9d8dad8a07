using System;

namespace Ordinavo.Webhooks.Testing;

/// <summary>How <see cref="WebhookTestRequests"/> builds a signed request. Every property has a sensible default.</summary>
public sealed record WebhookTestRequestOptions
{
    /// <summary>The defaults: the sample's own eventId, signed now, attempt 1, a fresh delivery id.</summary>
    public static WebhookTestRequestOptions Default { get; } = new();

    /// <summary>The eventId to put in the body and the header; <see langword="null"/> keeps the event's own.</summary>
    public string? EventId { get; init; }

    /// <summary>When the request is signed (the <c>X-Ordinavo-Timestamp</c>); <see langword="null"/> for now (system clock).</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The <c>X-Ordinavo-Delivery-Attempt</c>. Default 1.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The <c>X-Ordinavo-Delivery-Id</c>; <see langword="null"/> for a fresh <c>del_</c> ULID.</summary>
    public string? DeliveryId { get; init; }

    /// <summary>Whether the Standard Webhooks headers are added too. Default <see langword="false"/>.</summary>
    public bool IncludeStandardWebhooks { get; init; }

    /// <summary>The payload options the sample is shaped for (only for requests made from an event type).</summary>
    public WebhookSampleOptions SampleOptions { get; init; } = WebhookSampleOptions.Default;
}
