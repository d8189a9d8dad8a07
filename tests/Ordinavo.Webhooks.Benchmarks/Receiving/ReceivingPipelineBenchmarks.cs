using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Receiving;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Benchmarks.Receiving;

/// <summary>
/// One webhook request through the receiving pipeline without HTTP (content-type and size checks, signature and
/// timestamp verification, parse, eventId check, inbox lease and completion, ordering lookup and record, a DI scope and
/// a no-op handler, which reads the envelope only) against the floor of the Signing verifier alone on the same requests, measured in the same run.
/// A second pipeline row runs a handler that reads the typed event (the sections are read on that first access).
/// The requests cycle through 4,096 distinct events while the inbox keeps 1,024, so every request is new to the inbox.
/// </summary>
public class ReceivingPipelineBenchmarks
{
    private const int RequestCount = 4096;
    private static readonly DateTimeOffset Now = new(2026, 6, 18, 16, 40, 30, TimeSpan.Zero);

    private readonly Request[] _requests = new Request[RequestCount];
    private ServiceProvider _services = null!;
    private WebhookReceiver _receiver = null!;
    private WebhookReceiver _typedReceiver = null!;
    private WebhookVerifier _verifier = null!;
    private byte[] _key = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var secret = WebhookSecret.Generate().ExposeSecret();
        var clock = new FixedTimeProvider(Now);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(secret))
            .AddHandler<NoopHandler>("visit_report.*")
            .UseInMemoryInbox(o => o.MaxEntries = RequestCount / 4);
        services.AddOrdinavoWebhookReceiver("typed", o => o.Secrets.Add(secret))
            .AddHandler<TypedHandler>("visit_report.*")
            .UseInMemoryInbox(o => o.MaxEntries = RequestCount / 4);
        _services = services.BuildServiceProvider();
        _receiver = _services.GetRequiredService<WebhookReceiver>();
        _typedReceiver = _services.GetRequiredService<IWebhookReceiverFactory>().GetReceiver("typed");
        _verifier = new WebhookVerifier(new WebhookVerifierOptions { Secrets = { WebhookSecret.Parse(secret) }, TimeProvider = clock });
        _key = Convert.FromBase64String(secret[WebhookSecret.Prefix.Length..]);

        var sample = WebhookSamples.For(WebhookEventType.VisitReportApproved);
        for (var i = 0; i < RequestCount; i++)
        {
            var signed = WebhookTestRequests.Create(
                sample with { EventId = WebhookIdentifiers.NewEventId(Now) },
                secret,
                new WebhookTestRequestOptions { Timestamp = Now, Attempt = 1 });
            var body = signed.Body.ToArray();
            var headers = new Dictionary<string, string>(signed.Headers, StringComparer.OrdinalIgnoreCase);
            byte[] signedContent = [.. Encoding.UTF8.GetBytes($"{headers[WebhookHeaderNames.EventId]}.{headers[WebhookHeaderNames.Timestamp]}."), .. body];
            _requests[i] = new Request(body, headers, signed.ContentType!, signedContent);
        }

        var first = _requests[0];
        if (first.Headers[WebhookHeaderNames.Signature] != "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, first.SignedContent)))
        {
            throw new InvalidOperationException("The Signing floor does not compute the requests' signature.");
        }

        if (!VerifyOnly() || Pipeline().Outcome != WebhookReceiveOutcome.Handled || PipelineTypedHandler().Event is null)
        {
            throw new InvalidOperationException("The benchmark requests do not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "Verify only (floor)")]
    public bool VerifyOnly()
    {
        var request = NextRequest();
        return _verifier.Verify(new DictionaryHeaderReader(request.Headers), request.Body).IsValid;
    }

    /// <summary>The Signing benchmarks' floor (issue 4) on the same requests: one-shot HMAC of the contiguous signed bytes, as hex.</summary>
    [Benchmark(Description = "Signing floor: HMACSHA256.HashData + hex")]
    public string SigningFloor() => Convert.ToHexStringLower(HMACSHA256.HashData(_key, NextRequest().SignedContent));

    [Benchmark(Description = "Verify + parse")]
    public WebhookEvent? VerifyAndParse()
    {
        var request = NextRequest();
        return _verifier.Verify(new DictionaryHeaderReader(request.Headers), request.Body).IsValid
            ? WebhookEventSerializer.Deserialize(request.Body)
            : null;
    }

    [Benchmark(Description = "Pipeline: verified, deduplicated, dispatched")]
    public WebhookReceiveResult Pipeline() => Receive(_receiver);

    [Benchmark(Description = "Pipeline, the handler reads the typed event")]
    public WebhookReceiveResult PipelineTypedHandler() => Receive(_typedReceiver);

    private WebhookReceiveResult Receive(WebhookReceiver receiver)
    {
        var request = NextRequest();
        var pending = receiver.ReceiveAsync(new DictionaryHeaderReader(request.Headers), request.Body, request.ContentType, CancellationToken.None);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    private Request NextRequest() => _requests[_next++ & (RequestCount - 1)];

    private sealed record Request(byte[] Body, Dictionary<string, string> Headers, string ContentType, byte[] SignedContent);

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class TypedHandler : IWebhookHandler
    {
        public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken) =>
            context.Event.VisitReport is null ? throw new InvalidOperationException("No visit report.") : Task.CompletedTask;
    }

    private sealed class NoopHandler : IWebhookHandler
    {
        public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
