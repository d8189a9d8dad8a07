using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Signing;

/// <summary>Settings of a <see cref="WebhookVerifier"/>; read once when the verifier is created.</summary>
public sealed class WebhookVerifierOptions
{
    /// <summary>The default clock tolerance: 5 minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The secrets a request may be signed with (several during rotation; any one may match). At least one.</summary>
    public IList<WebhookSecret> Secrets { get; } = new List<WebhookSecret>();

    /// <summary>How far the signed timestamp may be from the receiver's clock, in either direction. Default 5 minutes; must be positive.</summary>
    public TimeSpan Tolerance { get; set; } = DefaultTolerance;

    /// <summary>The clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Whether the header-reading <see cref="WebhookVerifier.Verify{THeaders}(THeaders, ReadOnlySpan{byte})"/> falls back to the
    /// Standard Webhooks headers when <c>X-Ordinavo-Signature</c> is absent. Default <see langword="false"/>, as the
    /// receiver's: a request with only the Standard Webhooks headers is answered as missing <c>X-Ordinavo-Signature</c>.
    /// <see cref="WebhookVerifier.VerifyStandardWebhooks"/> always checks the headers it is given.
    /// </summary>
    public bool AcceptStandardWebhooks { get; set; }
}
