using System;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>
/// The builder refused an input and produced nothing. The message names the reason and the section concerned; it never
/// contains record data or tenant ids.
/// </summary>
public sealed class WebhookPayloadBuildException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookPayloadBuildException(WebhookPayloadBuildError reason, WebhookSections section, string message)
        : base(message)
    {
        Reason = reason;
        Section = section;
    }

    /// <summary>Creates the exception with a generic message (for serializers and frameworks).</summary>
    public WebhookPayloadBuildException()
        : this(WebhookPayloadBuildError.InvalidInput, WebhookSections.None, "The webhook payload could not be built.")
    {
    }

    /// <summary>Creates the exception with a message (for serializers and frameworks).</summary>
    public WebhookPayloadBuildException(string message)
        : this(WebhookPayloadBuildError.InvalidInput, WebhookSections.None, message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception (for serializers and frameworks).</summary>
    public WebhookPayloadBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = WebhookPayloadBuildError.InvalidInput;
    }

    /// <summary>Why nothing was built.</summary>
    public WebhookPayloadBuildError Reason { get; }

    /// <summary>The section concerned, or <see cref="WebhookSections.None"/> when the error is not about one section.</summary>
    public WebhookSections Section { get; }
}
