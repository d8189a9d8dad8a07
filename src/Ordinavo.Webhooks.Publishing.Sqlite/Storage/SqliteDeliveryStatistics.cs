using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Ordinavo.Webhooks.Publishing.Sqlite.Schema;
using static Ordinavo.Webhooks.Publishing.Sqlite.Storage.SqliteDeliveryReader;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Storage;

/// <summary>
/// <see cref="IWebhookDeliveryMonitor.GetStatisticsAsync"/> on SQLite: three reads in one read transaction (one snapshot).
/// Pending deliveries come from the partial index on (tenant_id, subscription_id) of pending rows, outcomes in the window
/// from the partial index on (tenant_id, completed_at) of completed rows (newest first); each read stops at the query's
/// limit, so the cost follows the tenant's pending deliveries and its outcomes in the window, not the rows stored.
/// </summary>
internal static class SqliteDeliveryStatistics
{
    private const string Deliveries = SqliteSchema.Deliveries;
    private const int HealthChunk = 500;

    public static async Task<WebhookDeliveryStatistics> ReadAsync(SqliteConnection connection, WebhookDeliveryStatisticsQuery query, CancellationToken cancellationToken)
    {
        var builder = new WebhookDeliveryStatisticsBuilder(query);
        using var transaction = connection.BeginTransaction(deferred: true);
        var subscriptions = SubscriptionFilter(query.SubscriptionIds);

        // Pending: grouped by subscription and by the bucket of a failed last attempt in the window (-1: none).
        using (var command = Command(connection, transaction, query))
        {
            command.CommandText =
                $"""
                SELECT subscription_id, count(*),
                    coalesce(sum(CASE WHEN next_attempt_at <= $now AND (lease_expires_at IS NULL OR lease_expires_at <= $now) THEN 1 ELSE 0 END), 0),
                    failed_bucket
                FROM (
                    SELECT subscription_id, next_attempt_at, lease_expires_at,
                        CASE WHEN last_error_kind <> 0 AND last_attempt_at >= $from AND last_attempt_at < $before
                             THEN (last_attempt_at - $from) / $bucket ELSE -1 END AS failed_bucket
                    FROM {Deliveries} WHERE tenant_id = $tenant AND state = 0{subscriptions.Sql}
                    LIMIT $limit)
                GROUP BY subscription_id, failed_bucket;
                """;
            AddValues(command, subscriptions.Ids);
            command.Parameters.AddWithValue("$now", Ticks(query.Now));
            long read = 0;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var subscription = reader.GetString(0);
                    var count = reader.GetInt64(1);
                    builder.AddPending(subscription, count, reader.GetInt64(2));
                    builder.AddFailed(subscription, reader.GetInt32(3), count);
                    read += count;
                }
            }

            if (read == query.MaxCountedDeliveries &&
                await MoreAsync(connection, transaction, query, subscriptions, $"{Deliveries} WHERE tenant_id = $tenant AND state = 0{subscriptions.Sql}", cancellationToken).ConfigureAwait(false))
            {
                builder.MarkTruncated();
            }
        }

        // Outcomes in the window, newest first.
        const string Window = $"{Deliveries} WHERE tenant_id = $tenant AND state <> 0 AND completed_at >= $from AND completed_at < $before";
        using (var command = Command(connection, transaction, query))
        {
            command.CommandText =
                $"""
                SELECT subscription_id, state, (completed_at - $from) / $bucket AS bucket, count(*)
                FROM (SELECT subscription_id, state, completed_at FROM {Window}{subscriptions.Sql} ORDER BY completed_at DESC LIMIT $limit)
                GROUP BY subscription_id, state, bucket;
                """;
            AddValues(command, subscriptions.Ids);
            long read = 0;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var subscription = reader.GetString(0);
                    var bucket = reader.GetInt32(2);
                    var count = reader.GetInt64(3);
                    if (reader.GetInt32(1) == (int)WebhookDeliveryState.Succeeded)
                    {
                        builder.AddDelivered(subscription, bucket, count);
                    }
                    else
                    {
                        builder.AddDeadLettered(subscription, bucket, count);
                    }

                    read += count;
                }
            }

            if (read == query.MaxCountedDeliveries &&
                await MoreAsync(connection, transaction, query, subscriptions, $"{Window}{subscriptions.Sql} ORDER BY completed_at DESC", cancellationToken).ConfigureAwait(false))
            {
                builder.MarkTruncated();
            }
        }

        await ReadHealthAsync(connection, transaction, builder, cancellationToken).ConfigureAwait(false);
        transaction.Commit();
        return builder.Build();
    }

    private static async Task<bool> MoreAsync(SqliteConnection connection, SqliteTransaction transaction, WebhookDeliveryStatisticsQuery query, (string Sql, IReadOnlyList<string> Ids) subscriptions, string from, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, query);
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {from} LIMIT 1 OFFSET $limit);";
        AddValues(command, subscriptions.Ids);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) != 0;
    }

    private static async Task ReadHealthAsync(SqliteConnection connection, SqliteTransaction transaction, WebhookDeliveryStatisticsBuilder builder, CancellationToken cancellationToken)
    {
        var ids = new List<string>(builder.SubscriptionIds);
        for (var start = 0; start < ids.Count; start += HealthChunk)
        {
            var chunk = ids.GetRange(start, Math.Min(HealthChunk, ids.Count - start));
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                $"SELECT subscription_id, last_success_at, failing_since FROM {SqliteSchema.Health} WHERE subscription_id IN ({Placeholders(chunk.Count)});";
            AddValues(command, chunk);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    builder.SetHealth(new WebhookSubscriptionHealth(reader.GetString(0),
                        reader.IsDBNull(1) ? null : Time(reader.GetInt64(1)),
                        reader.IsDBNull(2) ? null : Time(reader.GetInt64(2))));
                }
            }
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, WebhookDeliveryStatisticsQuery query)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$tenant", query.TenantId);
        command.Parameters.AddWithValue("$from", Ticks(query.From));
        command.Parameters.AddWithValue("$before", Ticks(query.Before));
        command.Parameters.AddWithValue("$bucket", query.BucketSize.Ticks);
        command.Parameters.AddWithValue("$limit", query.MaxCountedDeliveries);
        return command;
    }

    /// <summary>The condition on the requested subscriptions (empty without), with positional parameters $p0, $p1, ...</summary>
    private static (string Sql, IReadOnlyList<string> Ids) SubscriptionFilter(IReadOnlyCollection<string>? subscriptionIds)
    {
        if (subscriptionIds is null)
        {
            return (string.Empty, []);
        }

        var ids = new List<string>(new HashSet<string>(subscriptionIds, StringComparer.Ordinal));
        return ids.Count == 0
            ? (" AND 0 = 1", ids)
            : ($" AND subscription_id IN ({Placeholders(ids.Count)})", ids);
    }

    private static string Placeholders(int count)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sql.Append(i == 0 ? "$p" : ", $p").Append(i.ToString(CultureInfo.InvariantCulture));
        }

        return sql.ToString();
    }

    private static void AddValues(SqliteCommand command, IReadOnlyList<string> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            command.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), ids[i]);
        }
    }
}
