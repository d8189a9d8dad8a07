using System;
using Microsoft.Data.Sqlite;
using Ordinavo.Webhooks.Publishing.Sqlite.Schema;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Storage;

/// <summary>Maps rows of the deliveries and attempts tables to the model, and model times to stored ticks.</summary>
internal static class SqliteDeliveryReader
{
    public const string DeliveryColumns =
        "id, event_id, subscription_id, tenant_id, event_type, endpoint_url, body, state, attempt_count, next_attempt_at, " +
        "lease_owner, lease_expires_at, created_at, completed_at, last_attempt_at, last_status_code, last_error_kind, dead_letter_reason";

    public const string SelectDeliveries = $"SELECT {DeliveryColumns} FROM {SqliteSchema.Deliveries}";

    public const string AttemptColumns =
        "delivery_id, attempt_id, attempt_number, started_at, duration_ticks, status_code, error_kind, response_body";

    public static long Ticks(DateTimeOffset value) => value.UtcTicks;

    public static object Ticks(DateTimeOffset? value) => value is { } v ? v.UtcTicks : DBNull.Value;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    public static WebhookDeliveryRecord ReadDelivery(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        EventId = reader.GetString(1),
        SubscriptionId = reader.GetString(2),
        TenantId = reader.GetString(3),
        EventType = reader.GetString(4),
        EndpointUrl = new Uri(reader.GetString(5), UriKind.Absolute),
        Body = reader.GetFieldValue<byte[]>(6),
        State = (WebhookDeliveryState)reader.GetInt32(7),
        AttemptCount = reader.GetInt32(8),
        NextAttemptAt = Time(reader.GetInt64(9)),
        LeaseOwner = reader.IsDBNull(10) ? null : reader.GetString(10),
        LeaseExpiresAt = reader.IsDBNull(11) ? null : Time(reader.GetInt64(11)),
        CreatedAt = Time(reader.GetInt64(12)),
        CompletedAt = reader.IsDBNull(13) ? null : Time(reader.GetInt64(13)),
        LastAttemptAt = reader.IsDBNull(14) ? null : Time(reader.GetInt64(14)),
        LastStatusCode = reader.IsDBNull(15) ? null : reader.GetInt32(15),
        LastErrorKind = (WebhookDeliveryErrorKind)reader.GetInt32(16),
        DeadLetterReason = reader.IsDBNull(17) ? null : (WebhookDeadLetterReason)reader.GetInt32(17),
    };

    public static WebhookDeliveryAttempt ReadAttempt(SqliteDataReader reader) => new()
    {
        DeliveryId = reader.GetString(0),
        AttemptId = reader.GetString(1),
        AttemptNumber = reader.GetInt32(2),
        StartedAt = Time(reader.GetInt64(3)),
        Duration = TimeSpan.FromTicks(reader.GetInt64(4)),
        StatusCode = reader.IsDBNull(5) ? null : reader.GetInt32(5),
        ErrorKind = (WebhookDeliveryErrorKind)reader.GetInt32(6),
        ResponseBody = reader.IsDBNull(7) ? null : reader.GetString(7),
    };
}
