using System;
using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>One attempt to send a delivery (or a test event).</summary>
public sealed class AdminAttempt
{
    /// <summary>The attempt's <c>X-Ordinavo-Delivery-Id</c> (<c>del_</c> + ULID).</summary>
    public required string AttemptId { get; init; }

    /// <summary>The attempt number, 1 for the first.</summary>
    public required int AttemptNumber { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>How long it took, in milliseconds.</summary>
    public required double DurationMilliseconds { get; init; }

    /// <summary>The HTTP status of the answer, when one came.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Why it failed (<c>None</c>, <c>HttpStatus</c>, <c>Timeout</c>, <c>ConnectionFailed</c>, <c>DestinationRefused</c>, <c>InvalidEndpoint</c>).</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<WebhookDeliveryErrorKind>))]
    public required WebhookDeliveryErrorKind ErrorKind { get; init; }

    /// <summary>Whether the endpoint answered 2xx.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The first 4 KiB of the receiver's answer, or <see langword="null"/>. Shown only to the subscription's tenant.</summary>
    public string? ResponseBody { get; init; }

    internal static AdminAttempt From(WebhookDeliveryAttempt attempt) => new()
    {
        AttemptId = attempt.AttemptId,
        AttemptNumber = attempt.AttemptNumber,
        StartedAt = attempt.StartedAt,
        DurationMilliseconds = attempt.Duration.TotalMilliseconds,
        StatusCode = attempt.StatusCode,
        ErrorKind = attempt.ErrorKind,
        Succeeded = attempt.Succeeded,
        ResponseBody = attempt.ResponseBody,
    };
}
