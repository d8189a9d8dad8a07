using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>Settings of one webhook receiver (named options; the default receiver uses the default name).</summary>
public sealed class WebhookReceiverOptions
{
    /// <summary>The default body limit: 1 MiB.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// The subscription's signing secrets (<c>whsec_</c> + base64), from your secret store. During a rotation add the
    /// new one next to the old one: a request is accepted when any of its signatures matches any of these. At least
    /// one is required; each is validated when the application starts (errors name the position, never the value).
    /// Bound from configuration that reloads, a change reaches the running receiver (no restart); a reloaded value that
    /// does not parse is rejected and the current secrets stay.
    /// </summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>How far the signed timestamp may be from this machine's clock, in either direction. Default 5 minutes.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest body accepted, in bytes (413 above it). Default 1 MiB.</summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>
    /// Whether requests carrying only the Standard Webhooks headers (<c>webhook-id</c>, <c>webhook-timestamp</c>,
    /// <c>webhook-signature</c>) are accepted. Default <see langword="false"/>: the Ordinavo headers are required.
    /// </summary>
    public bool AcceptStandardWebhooksHeaders { get; set; }

    /// <summary>
    /// How long an event being handled blocks duplicates (answered 409) if its request never finishes (the process
    /// crashed). After it the event can be handled again. Keep it longer than your slowest handler. Default 2 minutes.
    /// </summary>
    public TimeSpan InboxLeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Event types of your own that handlers may be registered for besides the contract's (for example
    /// <c>erp.sync_requested</c>). A handler registered for a type or pattern that matches neither the event catalog nor
    /// this list stops the application at start (a typo such as <c>visit_report.aproved</c> would otherwise leave every
    /// such event unhandled).
    /// </summary>
    public IList<string> CustomEventTypes { get; } = [];

    internal bool IsRegistered { get; set; }

    internal List<WebhookHandlerRegistration> Handlers { get; } = [];
}
