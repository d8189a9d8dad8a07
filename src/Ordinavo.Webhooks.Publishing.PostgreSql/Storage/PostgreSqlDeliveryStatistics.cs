using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Ordinavo.Webhooks.Publishing.PostgreSql.Schema;
using static Ordinavo.Webhooks.Publishing.PostgreSql.Storage.PostgreSqlDeliveryReader;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Storage;

/// <summary>
/// <see cref="IWebhookDeliveryMonitor.GetStatisticsAsync"/> on PostgreSQL: one statement (one snapshot, one round trip).
/// Pending deliveries come from the partial index on (tenant_id, subscription_id) of pending rows, outcomes in the window
/// from the partial index on (tenant_id, completed_at) of completed rows (newest first); each read stops one row after
/// the query's limit (that row only tells that there are more), so the cost follows the tenant's pending deliveries and
/// its outcomes in the window, not the rows stored.
/// </summary>
internal sealed class PostgreSqlDeliveryStatistics(PostgreSqlSchema schema)
{
    // Row kinds of the statement's answer (a completed row's kind is its state: 1 succeeded, 2 dead-lettered).
    private const int PendingRow = 0;
    private const int SucceededRow = 1;
    private const int DeadLetteredRow = 2;
    private const int TotalsRow = 3;
    private const int HealthRow = 4;

    private readonly string _all = Sql(schema, filtered: false);
    private readonly string _filtered = Sql(schema, filtered: true);

    public async Task<WebhookDeliveryStatistics> ReadAsync(NpgsqlDataSource dataSource, WebhookDeliveryStatisticsQuery query, CancellationToken cancellationToken)
    {
        var builder = new WebhookDeliveryStatisticsBuilder(query);
        await using var command = dataSource.CreateCommand(query.SubscriptionIds is null ? _all : _filtered);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.TenantId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = Utc(query.From) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = Utc(query.Before) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = Utc(query.Now) });
        // timestamptz has microsecond precision: buckets are counted in microseconds.
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = query.BucketSize.Ticks / TimeSpan.TicksPerMicrosecond });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.MaxCountedDeliveries });
        if (query.SubscriptionIds is { } ids)
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. new HashSet<string>(ids, StringComparer.Ordinal)] });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (reader.GetInt32(0))
            {
                case PendingRow:
                    builder.AddPending(reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
                    builder.AddFailed(reader.GetString(1), reader.GetInt32(4), reader.GetInt64(2));
                    break;
                case SucceededRow:
                    builder.AddDelivered(reader.GetString(1), reader.GetInt32(4), reader.GetInt64(2));
                    break;
                case DeadLetteredRow:
                    builder.AddDeadLettered(reader.GetString(1), reader.GetInt32(4), reader.GetInt64(2));
                    break;
                case TotalsRow:
                    if (reader.GetInt64(2) > query.MaxCountedDeliveries || reader.GetInt64(3) > query.MaxCountedDeliveries)
                    {
                        builder.MarkTruncated();
                    }

                    break;
                case HealthRow:
                    builder.SetHealth(new WebhookSubscriptionHealth(reader.GetString(1),
                        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
                    break;
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// The statement: $1 tenant, $2 from, $3 before, $4 now, $5 bucket size in microseconds, $6 limit, ($7 subscription ids).
    /// Answer rows: kind, subscription, count, due count, bucket (-1: none), last success, failing since.
    /// </summary>
    private static string Sql(PostgreSqlSchema schema, bool filtered)
    {
        var subscriptions = filtered ? " AND subscription_id = ANY($7)" : string.Empty;
        var requested = filtered ? " UNION SELECT unnest($7)" : string.Empty;
        return schema.Qualify(
            $"""
            WITH pending AS (
                SELECT subscription_id,
                    (next_attempt_at <= $4 AND (lease_expires_at IS NULL OR lease_expires_at <= $4)) AS due,
                    CASE WHEN last_error_kind <> 0 AND last_attempt_at >= $2 AND last_attempt_at < $3
                         THEN floor(extract(epoch FROM last_attempt_at - $2) * 1000000 / $5)::int ELSE -1 END AS bucket
                FROM __schema__.deliveries WHERE tenant_id = $1 AND state = 0{subscriptions}
                LIMIT $6 + 1),
            completed AS (
                SELECT subscription_id, state, completed_at, row_number() OVER (ORDER BY completed_at DESC) AS n
                FROM (SELECT subscription_id, state, completed_at FROM __schema__.deliveries
                      WHERE tenant_id = $1 AND state <> 0 AND completed_at >= $2 AND completed_at < $3{subscriptions}
                      ORDER BY completed_at DESC LIMIT $6 + 1) AS newest),
            counted_pending AS (SELECT * FROM pending LIMIT $6)
            SELECT {PendingRow}, subscription_id, count(*), count(*) FILTER (WHERE due), bucket, NULL::timestamptz, NULL::timestamptz
            FROM counted_pending GROUP BY subscription_id, bucket
            UNION ALL
            SELECT state::int, subscription_id, count(*), 0::bigint, floor(extract(epoch FROM completed_at - $2) * 1000000 / $5)::int AS bucket, NULL, NULL
            FROM completed WHERE n <= $6 GROUP BY state, subscription_id, 5
            UNION ALL
            SELECT {TotalsRow}, NULL, (SELECT count(*) FROM pending), (SELECT count(*) FROM completed), -1, NULL, NULL
            UNION ALL
            SELECT {HealthRow}, h.subscription_id, 0::bigint, 0::bigint, -1, h.last_success_at, h.failing_since
            FROM __schema__.subscription_health h
            WHERE h.subscription_id IN (SELECT subscription_id FROM pending UNION SELECT subscription_id FROM completed{requested});
            """);
    }
}
