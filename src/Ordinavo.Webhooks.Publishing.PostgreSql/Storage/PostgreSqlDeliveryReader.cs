using System;
using Npgsql;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Storage;

/// <summary>Maps rows of the deliveries and attempts tables to the model, and model times to <c>timestamptz</c> values.</summary>
internal static class PostgreSqlDeliveryReader
{
    public const string DeliveryColumns =
        "id, event_id, subscription_id, tenant_id, event_type, endpoint_url, body, state, attempt_count, next_attempt_at, " +
        "lease_owner, lease_expires_at, created_at, completed_at, last_attempt_at, last_status_code, last_error_kind, dead_letter_reason";

    public const string QualifiedDeliveryColumns =
        "d.id, d.event_id, d.subscription_id, d.tenant_id, d.event_type, d.endpoint_url, d.body, d.state, d.attempt_count, d.next_attempt_at, " +
        "d.lease_owner, d.lease_expires_at, d.created_at, d.completed_at, d.last_attempt_at, d.last_status_code, d.last_error_kind, d.dead_letter_reason";

    public const string AttemptColumns =
        "delivery_id, attempt_id, attempt_number, started_at, duration_ticks, status_code, error_kind, response_body";

    /// <summary>PostgreSQL takes only UTC <see cref="DateTimeOffset"/> values for <c>timestamptz</c>.</summary>
    public static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();

    public static DateTimeOffset? Utc(DateTimeOffset? value) => value?.ToUniversalTime();

    public static WebhookDeliveryRecord ReadDelivery(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        EventId = reader.GetString(1),
        SubscriptionId = reader.GetString(2),
        TenantId = reader.GetString(3),
        EventType = reader.GetString(4),
        EndpointUrl = new Uri(reader.GetString(5), UriKind.Absolute),
        Body = reader.GetFieldValue<byte[]>(6),
        State = (WebhookDeliveryState)reader.GetInt16(7),
        AttemptCount = reader.GetInt32(8),
        NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(9),
        LeaseOwner = reader.IsDBNull(10) ? null : reader.GetString(10),
        LeaseExpiresAt = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(12),
        CompletedAt = reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
        LastAttemptAt = reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
        LastStatusCode = reader.IsDBNull(15) ? null : reader.GetInt32(15),
        LastErrorKind = (WebhookDeliveryErrorKind)reader.GetInt16(16),
        DeadLetterReason = reader.IsDBNull(17) ? null : (WebhookDeadLetterReason)reader.GetInt16(17),
    };

    public static WebhookDeliveryAttempt ReadAttempt(NpgsqlDataReader reader) => new()
    {
        DeliveryId = reader.GetString(0),
        AttemptId = reader.GetString(1),
        AttemptNumber = reader.GetInt32(2),
        StartedAt = reader.GetFieldValue<DateTimeOffset>(3),
        Duration = TimeSpan.FromTicks(reader.GetInt64(4)),
        StatusCode = reader.IsDBNull(5) ? null : reader.GetInt32(5),
        ErrorKind = (WebhookDeliveryErrorKind)reader.GetInt16(6),
        ResponseBody = reader.IsDBNull(7) ? null : reader.GetString(7),
    };
}
