using System;
using System.Data;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ordinavo.Webhooks.Publishing.PostgreSql.Diagnostics;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Notifications;

/// <summary>
/// Listens on the schema's notification channel while anyone is subscribed, on one dedicated connection from the store's
/// data source. Two kinds of notification share the channel: outbox wakes (payload: the sending store's id, or empty
/// from a host transaction), which wake the delivery workers when another node sent them, and managed subscription
/// changes (payload <see cref="SubscriptionChangePrefix"/> + the tenant id, or the prefix alone when the tenant id is too
/// long to send), which go to the subscription caches. When the connection is lost it logs a warning, waits (doubling
/// the wait up to <see cref="MaxRetryDelay"/>), connects and listens again; the workers' polling covers the gap, and once
/// listening starts again the workers are woken, for what was stored meanwhile, and the caches told that anything may
/// have changed.
/// </summary>
internal sealed class PostgreSqlNotificationListener : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// How long the listener waits for a notification before it makes a round trip (LISTEN again, a no-op) to prove the
    /// connection alive: a connection that died silently (a failover, or a firewall dropping an idle connection) shows
    /// up within this time plus the command timeout instead of never, which would leave the node polling alone.
    /// </summary>
    internal static readonly TimeSpan IdleCheckInterval = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the first reconnect after a lost connection: short, since a single dropped connection is the common case.</summary>
    internal static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between reconnects, so that a database that is down for long is not hammered and a recovered one is heard again soon.</summary>
    internal static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The start of a subscription change's payload. An outbox wake's payload is a GUID in hex or empty, never this.
    /// </summary>
    internal const string SubscriptionChangePrefix = "s:";

    /// <summary>How long stopping waits for the UNLISTEN that leaves the connection clean for the pool.</summary>
    private static readonly TimeSpan UnlistenTimeout = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlNotificationChannel _channel;
    private readonly string _ownPayload;
    private readonly string _schemaName;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private Subscription[] _subscribers = [];
    private CancellationTokenSource? _stop;
    private Task _loop = Task.CompletedTask;
    private bool _disposed;

    /// <param name="dataSource">Where the listening connection comes from (it holds one of the pool's connections while listening).</param>
    /// <param name="channel">The channel to listen on.</param>
    /// <param name="ownPayload">The payload of this node's own notifications, which are ignored (this node woke its worker itself).</param>
    /// <param name="schemaName">The schema name, for log messages.</param>
    /// <param name="logger">Where connection losses are logged.</param>
    public PostgreSqlNotificationListener(NpgsqlDataSource dataSource, PostgreSqlNotificationChannel channel, string ownPayload, string schemaName, ILogger logger)
    {
        _dataSource = dataSource;
        _channel = channel;
        _ownPayload = ownPayload;
        _schemaName = schemaName;
        _logger = logger;
    }

    /// <summary>Calls <paramref name="wake"/> on every notification from another node until the subscription is disposed; the first subscriber starts listening.</summary>
    public IDisposable Subscribe(Action wake)
    {
        ArgumentNullException.ThrowIfNull(wake);
        return Add(new Subscription(this, wake, null));
    }

    /// <summary>
    /// Calls <paramref name="changed"/> with the tenant id of every subscription change (<see langword="null"/>: any tenant,
    /// and whenever listening starts, since changes may have been missed) until the subscription is disposed.
    /// </summary>
    public IDisposable SubscribeToSubscriptionChanges(Action<string?> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return Add(new Subscription(this, null, changed));
    }

    private Subscription Add(Subscription subscription)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _subscribers = [.. _subscribers, subscription];
            if (_stop is null)
            {
                var stop = new CancellationTokenSource();
                _stop = stop;
                _loop = Task.Run(() => RunAsync(stop), CancellationToken.None);
            }
        }

        return subscription;
    }

    /// <summary>Stops listening and waits until the listening connection is back in the pool.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>Stops listening and waits until the listening connection is back in the pool.</summary>
    public void Dispose()
    {
        StopAsync().GetAwaiter().GetResult();
    }

    private Task StopAsync()
    {
        CancellationTokenSource? stop;
        Task loop;
        lock (_gate)
        {
            _disposed = true;
            _subscribers = [];
            stop = _stop;
            _stop = null;
            loop = _loop;
        }

        stop?.Cancel();
        return loop;
    }

    private void Unsubscribe(Subscription subscription)
    {
        CancellationTokenSource? stop = null;
        lock (_gate)
        {
            var index = Array.IndexOf(_subscribers, subscription);
            if (index < 0)
            {
                return;
            }

            _subscribers = [.. _subscribers[..index], .. _subscribers[(index + 1)..]];
            if (_subscribers.Length == 0)
            {
                stop = _stop;
                _stop = null;
            }
        }

        // The loop ends by itself, returns its connection to the pool and disposes the token source.
        stop?.Cancel();
    }

    /// <summary>Listens until <paramref name="stop"/> is cancelled, reconnecting after every lost connection. Never throws.</summary>
    private async Task RunAsync(CancellationTokenSource stop)
    {
        var token = stop.Token;
        var delay = FirstRetryDelay;
        var lost = false;
        try
        {
            while (!token.IsCancellationRequested)
            {
                try
                {
                    await ListenAsync(() =>
                    {
                        if (lost)
                        {
                            Log.ListeningAgain(_logger, _schemaName, _channel.Name);
                        }
                        else
                        {
                            Log.Listening(_logger, _schemaName, _channel.Name);
                        }

                        lost = false;
                        delay = FirstRetryDelay;
                    }, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    lost = true;
                    Log.ListenerConnectionLost(_logger, _schemaName, delay.TotalSeconds, ex);
                    try
                    {
                        await Task.Delay(delay, token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
                }
            }
        }
        finally
        {
            stop.Dispose();
        }
    }

    private async Task ListenAsync(Action listening, CancellationToken token)
    {
        var connection = await _dataSource.OpenConnectionAsync(token).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            connection.Notification += OnNotification;
            try
            {
                await using var listen = new NpgsqlCommand(_channel.ListenSql, connection);
                await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                listening();

                // Deliveries stored, and subscriptions changed, while nobody here was listening (before the start, during a
                // reconnect) sent notifications this node never heard: look once now instead of waiting for the next poll,
                // and drop every cached subscription.
                Wake();
                SubscriptionsChanged(null);
                while (true)
                {
                    if (!await connection.WaitAsync(IdleCheckInterval, token).ConfigureAwait(false))
                    {
                        await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                connection.Notification -= OnNotification;
                await UnlistenAsync(connection).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Stops listening before the connection goes back to the pool: a pooled connection that still listens would hold
    /// the server's notification queue back until it is next used.
    /// </summary>
    private static async Task UnlistenAsync(NpgsqlConnection connection)
    {
        if (connection.FullState != ConnectionState.Open)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(UnlistenTimeout);
            await using var unlisten = new NpgsqlCommand("UNLISTEN *", connection);
            await unlisten.ExecuteNonQueryAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            // A broken connection is dropped by the pool. One that is merely slow may still listen, and the store's own
            // data source does not reset connections on their return: clear the pool, so that this connection is closed
            // when it goes back instead of being handed out (rare; the idle connections are opened again on demand).
            NpgsqlConnection.ClearPool(connection);
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        var payload = e.Payload;
        if (payload.StartsWith(SubscriptionChangePrefix, StringComparison.Ordinal))
        {
            // Changes of this node too: its cache was dropped already, and dropping it again costs one read.
            SubscriptionsChanged(payload.Length == SubscriptionChangePrefix.Length ? null : payload[SubscriptionChangePrefix.Length..]);
        }
        else if (!string.Equals(payload, _ownPayload, StringComparison.Ordinal))
        {
            Wake();
        }
    }

    private void Wake()
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Wake();
        }
    }

    private void SubscriptionsChanged(string? tenantId)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Changed(tenantId);
        }
    }

    private sealed class Subscription(PostgreSqlNotificationListener listener, Action? wake, Action<string?>? changed) : IDisposable
    {
        private int _disposed;

        public void Wake() => wake?.Invoke();

        public void Changed(string? tenantId) => changed?.Invoke(tenantId);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                listener.Unsubscribe(this);
            }
        }
    }
}
