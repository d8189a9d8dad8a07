namespace Ordinavo.Webhooks.Publishing;

/// <summary>Why an attempt failed (or <see cref="None"/> when it succeeded).</summary>
public enum WebhookDeliveryErrorKind
{
    /// <summary>The attempt succeeded (a 2xx status).</summary>
    None = 0,

    /// <summary>The endpoint answered with a status other than 2xx (see the status code).</summary>
    HttpStatus = 1,

    /// <summary>The endpoint did not answer within the per-attempt timeout.</summary>
    Timeout = 2,

    /// <summary>The connection could not be made or was dropped (DNS, refused, reset, TLS).</summary>
    ConnectionFailed = 3,

    /// <summary>The destination address is not allowed (private, loopback, link-local, metadata, ...) and not allow-listed.</summary>
    DestinationRefused = 4,

    /// <summary>The endpoint URL is not acceptable (not absolute, not HTTPS while plain HTTP is not allowed).</summary>
    InvalidEndpoint = 5,
}
