using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Receiving;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;
using StandardWebhooks;

namespace Ordinavo.Webhooks.Benchmarks.Receiving;

/// <summary>
/// One webhook request through the SDK's receiving pipeline without HTTP (content-type and size checks, signature and
/// timestamp verification, one validating read of the body's envelope, eventId check, inbox lease and completion,
/// ordering lookup and record, a DI scope and a no-op handler) against what an integrator writes by hand with a peer
/// library, on the same requests in the same run: the baseline verifies the Standard Webhooks headers with the
/// <c>StandardWebhooks</c> package (<c>StandardWebhook.Verify</c>, which takes the body as a string: decoded per
/// request), parses the body with <c>JsonDocument.Parse</c>, checks its eventId against <c>webhook-id</c>, deduplicates
/// by eventId in a <c>ConcurrentDictionary</c> and calls a no-op handler with the parsed document. The same by hand with
/// the SDK's verifier, the verifier alone and the one-shot HMAC floor are shown beside it.
/// The requests (the contract's example body, <c>visit_report.approved</c>) cycle through 4,096 distinct events while
/// the in-memory inbox and the hand-written dictionary keep the latest 1,024, so every request is new to both. They
/// are signed at set-up with the current time, because the peer checks the timestamp against the system clock.
/// Min and Median columns because the 2-core machine is shared and noisy: interference only adds time.
/// </summary>
[MinColumn]
[MedianColumn]
public class ReceivingPipelineBenchmarks
{
    private const int RequestCount = 4096;
    private const int Remembered = RequestCount / 4;

    private readonly Request[] _requests = new Request[RequestCount];
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly string?[] _seenOrder = new string?[Remembered];
    private readonly HandWrittenHandler _handWrittenHandler = new();
    private ServiceProvider _services = null!;
    private WebhookReceiver _receiver = null!;
    private WebhookReceiver _typedReceiver = null!;
    private WebhookVerifier _verifier = null!;
    private StandardWebhook _standardWebhook = null!;
    private byte[] _key = [];
    private int _next;
    private int _seenCount;

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var secret = WebhookSecret.Generate().ExposeSecret();
        var clock = new FixedTimeProvider(now);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(secret))
            .AddHandler<NoopHandler>("visit_report.*")
            .UseInMemoryInbox(o => o.MaxEntries = Remembered);
        services.AddOrdinavoWebhookReceiver("typed", o => o.Secrets.Add(secret))
            .AddHandler<TypedHandler>("visit_report.*")
            .UseInMemoryInbox(o => o.MaxEntries = Remembered);
        _services = services.BuildServiceProvider();
        _receiver = _services.GetRequiredService<WebhookReceiver>();
        _typedReceiver = _services.GetRequiredService<IWebhookReceiverFactory>().GetReceiver("typed");
        _verifier = new WebhookVerifier(new WebhookVerifierOptions { Secrets = { WebhookSecret.Parse(secret) }, TimeProvider = clock });
        _standardWebhook = new StandardWebhook(secret);
        _key = Convert.FromBase64String(secret[WebhookSecret.Prefix.Length..]);

        var sample = WebhookSamples.For(WebhookEventType.VisitReportApproved);
        for (var i = 0; i < RequestCount; i++)
        {
            var signed = WebhookTestRequests.Create(
                sample with { EventId = WebhookIdentifiers.NewEventId(now) },
                secret,
                new WebhookTestRequestOptions { Timestamp = now, Attempt = 1, IncludeStandardWebhooks = true });
            var body = signed.Body.ToArray();
            var headers = new Dictionary<string, string>(signed.Headers, StringComparer.OrdinalIgnoreCase);
            var standardHeaders = new HeaderDictionary();
            foreach (var name in (string[])[WebhookHeaderNames.StandardWebhookId, WebhookHeaderNames.StandardWebhookTimestamp, WebhookHeaderNames.StandardWebhookSignature])
            {
                standardHeaders[name] = headers[name];
            }

            byte[] signedContent = [.. Encoding.UTF8.GetBytes($"{headers[WebhookHeaderNames.EventId]}.{headers[WebhookHeaderNames.Timestamp]}."), .. body];
            _requests[i] = new Request(body, headers, standardHeaders, signed.ContentType!, signedContent);
        }

        var first = _requests[0];
        if (first.Headers[WebhookHeaderNames.Signature] != "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, first.SignedContent)))
        {
            throw new InvalidOperationException("The Signing floor does not compute the requests' signature.");
        }

        if (!VerifyOnly() || Pipeline().Outcome != WebhookReceiveOutcome.Handled || PipelineTypedHandler().Event is null
            || !ByHandStandardWebhooks() || !ByHandSdkVerifier())
        {
            throw new InvalidOperationException("The benchmark requests do not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>What an integrator writes with the StandardWebhooks package: verify, parse, check the eventId, deduplicate, dispatch.</summary>
    [Benchmark(Baseline = true, Description = "By hand: StandardWebhooks + JsonDocument + ConcurrentDictionary")]
    public bool ByHandStandardWebhooks()
    {
        var request = NextRequest();
        _standardWebhook.Verify(Encoding.UTF8.GetString(request.Body), request.StandardHeaders); // throws unless valid
        return HandleByHand(request, request.StandardHeaders[WebhookHeaderNames.StandardWebhookId].ToString());
    }

    /// <summary>The same with the SDK's verifier over the raw bytes instead of the peer.</summary>
    [Benchmark(Description = "By hand with the SDK's WebhookVerifier")]
    public bool ByHandSdkVerifier()
    {
        var request = NextRequest();
        var verification = _verifier.Verify(new DictionaryHeaderReader(request.Headers), request.Body);
        return verification.IsValid && HandleByHand(request, verification.EventId!);
    }

    [Benchmark(Description = "SDK pipeline: verified, validated, deduplicated, dispatched")]
    public WebhookReceiveResult Pipeline() => Receive(_receiver);

    [Benchmark(Description = "SDK pipeline, the handler reads the typed event")]
    public WebhookReceiveResult PipelineTypedHandler() => Receive(_typedReceiver);

    [Benchmark(Description = "SDK WebhookVerifier alone")]
    public bool VerifyOnly()
    {
        var request = NextRequest();
        return _verifier.Verify(new DictionaryHeaderReader(request.Headers), request.Body).IsValid;
    }

    /// <summary>The Signing benchmarks' floor on the same requests: one-shot HMAC of the contiguous signed bytes, as hex.</summary>
    [Benchmark(Description = "One-shot HMACSHA256.HashData + hex")]
    public string SigningFloor() => Convert.ToHexStringLower(HMACSHA256.HashData(_key, NextRequest().SignedContent));

    private bool HandleByHand(Request request, string headerEventId)
    {
        using var document = JsonDocument.Parse(request.Body);
        var eventId = document.RootElement.GetProperty("eventId").GetString();
        if (eventId != headerEventId)
        {
            return false;
        }

        if (!_seen.TryAdd(eventId, 0))
        {
            return true; // a duplicate: answered 200, not handled again
        }

        // Remember the latest 1,024 events, as the SDK's in-memory inbox in this benchmark.
        var slot = _seenCount++ & (Remembered - 1);
        if (_seenOrder[slot] is { } forgotten)
        {
            _seen.TryRemove(forgotten, out _);
        }

        _seenOrder[slot] = eventId;
        try
        {
            _handWrittenHandler.Handle(document.RootElement);
        }
        catch
        {
            _seen.TryRemove(eventId, out _);
            throw;
        }

        return true;
    }

    private WebhookReceiveResult Receive(WebhookReceiver receiver)
    {
        var request = NextRequest();
        var pending = receiver.ReceiveAsync(new DictionaryHeaderReader(request.Headers), request.Body, request.ContentType, CancellationToken.None);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    private Request NextRequest() => _requests[_next++ & (RequestCount - 1)];

    private sealed record Request(byte[] Body, Dictionary<string, string> Headers, HeaderDictionary StandardHeaders, string ContentType, byte[] SignedContent);

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The hand-written path's handler: does nothing with the parsed document, as <see cref="NoopHandler"/>.</summary>
    private sealed class HandWrittenHandler
    {
        public void Handle(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidOperationException("Not an object.");
            }
        }
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
