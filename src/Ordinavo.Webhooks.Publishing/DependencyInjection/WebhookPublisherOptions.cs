using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Options of the publisher and its delivery engine. The defaults follow the wire contract (section 5). Validated at
/// start (an invalid value stops the host with a message naming the option).
/// </summary>
public sealed class WebhookPublisherOptions
{
    /// <summary>The name of the <c>HttpClient</c> the engine sends with (configure it further with <c>AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "Ordinavo.Webhooks.Publishing";

    /// <summary>
    /// The delays after attempt 1, 2, ...: the contract's 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h by default
    /// (10 attempts). After the attempt that has no delay left, the delivery is dead-lettered.
    /// </summary>
    public IList<TimeSpan> RetrySchedule { get; set; } = DefaultRetrySchedule();

    /// <summary>The jitter applied to each delay: a delay d becomes a random value in [d·(1−j), d·(1+j)]. Default 0.2 (±20 %), 0 to 1.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>The shortest delay after a timeout or a <c>429 Too Many Requests</c>. Default 60 s.</summary>
    public TimeSpan MinimumDelayAfterTimeoutOrThrottle { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether a <c>Retry-After</c> answer header is honoured: the next attempt is not made before it (up to <see cref="MaximumRetryAfter"/>). Default <see langword="true"/>.</summary>
    public bool HonorRetryAfter { get; set; } = true;

    /// <summary>The longest <c>Retry-After</c> honoured; longer values are cut to it. Default 24 h.</summary>
    public TimeSpan MaximumRetryAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The timeout of one attempt (connect, send, answer headers and the kept part of the body). Default 15 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A subscription whose attempts all failed for this long without a single success is disabled and the host told.
    /// Default 5 days; <see langword="null"/> turns the rule off.
    /// </summary>
    public TimeSpan? AutoDisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How many attempts run at once on this node, across all endpoints. Default 32.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 32;

    /// <summary>
    /// How many attempts run at once to one endpoint (scheme, host and port). Default 8. Keep it well below
    /// <see cref="MaxConcurrentDeliveries"/>: a hanging endpoint then holds at most this many slots, never the others'.
    /// </summary>
    public int MaxConcurrentDeliveriesPerEndpoint { get; set; } = 8;

    /// <summary>How many due deliveries one lease takes at most. Default 100.</summary>
    public int LeaseBatchSize { get; set; } = 100;

    /// <summary>How long a leased delivery stays invisible to other workers. Must exceed <see cref="AttemptTimeout"/> clearly. Default 2 min.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the worker looks for due deliveries when it has not been woken by a publish on this node or by the store
    /// (<see cref="IWebhookOutboxWakeSource"/>, such as the PostgreSQL store's notifications from other nodes). Default 1 s.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How far a delivery is pushed back when its endpoint already has <see cref="MaxConcurrentDeliveriesPerEndpoint"/> attempts running. Default 1 s.</summary>
    public TimeSpan BusyEndpointDeferral { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether plain <c>http://</c> endpoints are allowed (development only). Default <see langword="false"/>: HTTPS required.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Destinations allowed although they are loopback, private, link-local, multicast, unspecified or a cloud
    /// metadata address: IP addresses (<c>10.1.2.3</c>), CIDR ranges (<c>10.0.0.0/8</c>, <c>::1/128</c>) or host names
    /// (<c>erp.internal</c>, matched exactly, case-insensitive). Empty by default.
    /// </summary>
    public IList<string> AllowedDestinations { get; set; } = [];

    /// <summary>Whether this node runs the delivery worker (a node may only publish). Default <see langword="true"/>.</summary>
    public bool EnableDeliveryWorker { get; set; } = true;

    /// <summary>The lease owner id of this node's worker. Default: machine name and a random suffix (unique per process).</summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// Succeeded deliveries (and their attempts) older than this are purged by the worker once an hour; dead letters
    /// are kept. Default 30 days; <see langword="null"/> turns purging off.
    /// </summary>
    public TimeSpan? Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The contract's default retry schedule (a new list).</summary>
    public static IList<TimeSpan> DefaultRetrySchedule() =>
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(14),
        TimeSpan.FromHours(20),
        TimeSpan.FromHours(24),
    ];
}
