using System;

namespace Ordinavo.Webhooks.Contracts.Serialization;

/// <summary>
/// A webhook body could not be read. The message names the reason and, where known, the JSON path and position; it
/// never repeats the body's content.
/// </summary>
public sealed class WebhookPayloadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookPayloadException(WebhookPayloadErrorReason reason, string message, string? path = null)
        : base(message)
    {
        Reason = reason;
        Path = path;
    }

    /// <summary>Creates the exception with a generic message (for serializers and frameworks).</summary>
    public WebhookPayloadException()
        : this(WebhookPayloadErrorReason.InvalidJson, "The webhook body could not be read.")
    {
    }

    /// <summary>Creates the exception with a message (for serializers and frameworks).</summary>
    public WebhookPayloadException(string message)
        : this(WebhookPayloadErrorReason.InvalidJson, message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception (for serializers and frameworks).</summary>
    public WebhookPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = WebhookPayloadErrorReason.InvalidJson;
    }

    /// <summary>Why the body could not be read.</summary>
    public WebhookPayloadErrorReason Reason { get; }

    /// <summary>The JSON path of the offending value, such as <c>$.occurredAt</c>, when known.</summary>
    public string? Path { get; }
}
