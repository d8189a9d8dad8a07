using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>The record of one attempt to send a delivery.</summary>
public sealed class WebhookDeliveryAttempt
{
    /// <summary>How much of the response body is kept: its first 4 KiB (4096 bytes).</summary>
    public const int MaxResponseBodyBytes = 4096;

    /// <summary>The delivery (<see cref="WebhookDeliveryRecord.Id"/>) this attempt belongs to.</summary>
    public required string DeliveryId { get; init; }

    /// <summary>The attempt's <c>X-Ordinavo-Delivery-Id</c>: <c>del_</c> + ULID, new for every attempt.</summary>
    public required string AttemptId { get; init; }

    /// <summary>The attempt number (<c>X-Ordinavo-Delivery-Attempt</c>), 1 for the first.</summary>
    public required int AttemptNumber { get; init; }

    /// <summary>When the attempt started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>How long it took until the answer (or the failure).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The HTTP status of the answer, when one came.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Why it failed, or <see cref="WebhookDeliveryErrorKind.None"/>.</summary>
    public WebhookDeliveryErrorKind ErrorKind { get; init; }

    /// <summary>The first 4 KiB of the response body (decoded as UTF-8), or <see langword="null"/> when there was none.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>Whether the attempt succeeded (a 2xx status).</summary>
    public bool Succeeded => ErrorKind == WebhookDeliveryErrorKind.None && StatusCode is >= 200 and < 300;

    /// <summary>A summary: attempt id, number, status or error.</summary>
    public override string ToString() =>
        $"Attempt {AttemptNumber} {AttemptId} of {DeliveryId}: {(StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no status")}, {ErrorKind}";
}
