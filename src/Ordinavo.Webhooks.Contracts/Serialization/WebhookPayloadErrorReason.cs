namespace Ordinavo.Webhooks.Contracts.Serialization;

/// <summary>Why a webhook body could not be read.</summary>
public enum WebhookPayloadErrorReason
{
    /// <summary>The body is empty.</summary>
    EmptyBody = 1,

    /// <summary>The body is not well-formed JSON, or its root is not an object.</summary>
    InvalidJson = 2,

    /// <summary>A property has a value of the wrong kind or format (for example a malformed timestamp or event type).</summary>
    InvalidPropertyValue = 3,

    /// <summary>A property the envelope needs (<c>eventId</c>, <c>eventType</c>, <c>occurredAt</c>, <c>tenantId</c>) is missing or empty.</summary>
    MissingRequiredProperty = 4,
}
