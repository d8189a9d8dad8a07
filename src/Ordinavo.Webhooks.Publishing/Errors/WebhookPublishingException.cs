using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// A publishing operation failed for a reason the caller can act on. The message names fields and ids, never secrets,
/// bodies or record data.
/// </summary>
public sealed class WebhookPublishingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookPublishingException(WebhookPublishingErrorReason reason, string message)
        : base(message) => Reason = reason;

    /// <summary>Creates the exception with an inner exception.</summary>
    public WebhookPublishingException(WebhookPublishingErrorReason reason, string message, Exception? innerException)
        : base(message, innerException) => Reason = reason;

    /// <summary>Creates the exception (reason <see cref="WebhookPublishingErrorReason.InvalidSubscription"/>).</summary>
    public WebhookPublishingException()
        : this(WebhookPublishingErrorReason.InvalidSubscription, "The publishing operation failed.")
    {
    }

    /// <summary>Creates the exception (reason <see cref="WebhookPublishingErrorReason.InvalidSubscription"/>).</summary>
    public WebhookPublishingException(string message)
        : this(WebhookPublishingErrorReason.InvalidSubscription, message)
    {
    }

    /// <summary>Creates the exception (reason <see cref="WebhookPublishingErrorReason.InvalidSubscription"/>).</summary>
    public WebhookPublishingException(string message, Exception? innerException)
        : this(WebhookPublishingErrorReason.InvalidSubscription, message, innerException)
    {
    }

    /// <summary>Creates an <see cref="WebhookPublishingErrorReason.InvalidSubscription"/> exception listing the invalid fields.</summary>
    /// <param name="errors">Per field name (as in <see cref="WebhookSubscriptionDefinition"/>), what is wrong with it.</param>
    /// <param name="message">The summary.</param>
    public WebhookPublishingException(IReadOnlyDictionary<string, string[]> errors, string message)
        : this(WebhookPublishingErrorReason.InvalidSubscription, message) => Errors = errors;

    /// <summary>Why the operation failed.</summary>
    public WebhookPublishingErrorReason Reason { get; }

    /// <summary>
    /// For <see cref="WebhookPublishingErrorReason.InvalidSubscription"/> raised by the subscription manager: per field,
    /// what is wrong with it (never the rejected value). Empty otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = EmptyErrors;

    private static readonly IReadOnlyDictionary<string, string[]> EmptyErrors = new Dictionary<string, string[]>();
}
