using System.Text;
using Microsoft.Extensions.Time.Testing;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Testing.Tests;

public sealed class WebhookTestRequestsTests
{
    private static readonly string Secret = WebhookSecret.Generate().ExposeSecret();
    private static readonly DateTimeOffset SignedAt = new(2026, 6, 18, 16, 41, 7, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(SignedAt);

    private WebhookVerifier Verifier(params string[] secrets)
    {
        var options = new WebhookVerifierOptions { TimeProvider = _clock };
        foreach (var secret in secrets.DefaultIfEmpty(Secret))
        {
            options.Secrets.Add(WebhookSecret.Parse(secret));
        }

        return new WebhookVerifier(options);
    }

    public static TheoryData<string> EventTypes()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in WebhookEventCatalog.All)
        {
            data.Add(descriptor.Type.Value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void A_request_for_every_event_type_carries_the_sample_and_verifies(string type)
    {
        var request = WebhookTestRequests.Create(type, Secret, new WebhookTestRequestOptions { Timestamp = SignedAt, Attempt = 4, DeliveryId = "del_01JZ8A2MT8G7C3Y7V0WQ1M9B3D" });

        var verification = Verifier().Verify(request.HeaderReader, request.Body.Span);

        Assert.True(verification.IsValid, verification.Status.ToString());
        Assert.Equal(WebhookEventSerializer.SerializeToUtf8Bytes(WebhookSamples.For(type)), request.Body.ToArray());
        Assert.Equal(WebhookSamples.For(type), request.Event);
        Assert.Equal(WebhookSamples.For(type).EventId, request.EventId);
        Assert.Equal(type, request.GetHeader(WebhookHeaderNames.EventType));
        Assert.Equal("2026-06-18T16:41:07Z", request.Timestamp);
        Assert.Equal("4", request.GetHeader("x-ordinavo-delivery-attempt"));
        Assert.Equal(4, request.Attempt);
        Assert.Equal("del_01JZ8A2MT8G7C3Y7V0WQ1M9B3D", request.GetHeader(WebhookHeaderNames.DeliveryId));
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
    }

    [Fact]
    public void A_chosen_event_id_goes_into_body_and_header_and_a_fresh_delivery_id_is_made_per_request()
    {
        var eventId = WebhookIdentifiers.NewEventId();
        var options = new WebhookTestRequestOptions { EventId = eventId, Timestamp = SignedAt };

        var first = WebhookTestRequests.Create(WebhookEventType.BillingEventReady, Secret, options);
        var second = WebhookTestRequests.Create(WebhookEventType.BillingEventReady, Secret, options);

        Assert.Equal(eventId, first.EventId);
        Assert.Equal(eventId, WebhookEventSerializer.Deserialize(first.Body.Span).EventId);
        Assert.True(WebhookIdentifiers.IsValidDeliveryId(first.GetHeader(WebhookHeaderNames.DeliveryId)));
        Assert.NotEqual(first.GetHeader(WebhookHeaderNames.DeliveryId), second.GetHeader(WebhookHeaderNames.DeliveryId));
        Assert.True(Verifier().Verify(first.HeaderReader, first.Body.Span).IsValid);
    }

    [Fact]
    public void Payload_options_shape_the_sample()
    {
        var request = WebhookTestRequests.Create(WebhookEventType.VisitReportApproved, Secret, new WebhookTestRequestOptions
        {
            SampleOptions = new WebhookSampleOptions { IncludeCustomerContext = false, IncludeSummaryPreview = true },
        });

        Assert.DoesNotContain("\"customer\"", request.BodyText);
        Assert.Contains("\"summaryPreview\"", request.BodyText);
    }

    [Fact]
    public void Rotation_signs_with_every_secret_and_each_alone_verifies()
    {
        var next = WebhookSecret.Generate().ExposeSecret();
        var request = WebhookTestRequests.Create(WebhookSamples.For(WebhookEventType.TargetUpdated), [Secret, next], new WebhookTestRequestOptions { Timestamp = SignedAt });

        Assert.Equal(2, request.GetHeader(WebhookHeaderNames.Signature)!.Split(", ").Length);
        Assert.True(Verifier(Secret).Verify(request.HeaderReader, request.Body.Span).IsValid);
        Assert.True(Verifier(next).Verify(request.HeaderReader, request.Body.Span).IsValid);
    }

    [Fact]
    public void Standard_webhooks_headers_are_added_on_request_and_verify()
    {
        var request = WebhookTestRequests.Create(WebhookEventType.TargetUpdated, Secret, new WebhookTestRequestOptions { Timestamp = SignedAt, IncludeStandardWebhooks = true })
            .WithHeader(WebhookHeaderNames.Signature, null);

        Assert.Equal(request.Event!.EventId, request.GetHeader(WebhookHeaderNames.StandardWebhookId));
        Assert.Equal(SignedAt.ToUnixTimeSeconds().ToString(), request.GetHeader(WebhookHeaderNames.StandardWebhookTimestamp));
        var verifier = new WebhookVerifier(new WebhookVerifierOptions { Secrets = { WebhookSecret.Parse(Secret) }, TimeProvider = _clock, AcceptStandardWebhooks = true });
        var verification = verifier.Verify(request.HeaderReader, request.Body.Span);
        Assert.True(verification.IsValid);
        Assert.Equal(WebhookSignatureScheme.StandardWebhooks, verification.Scheme);
    }

    [Fact]
    public void A_tampered_body_stays_json_but_no_longer_verifies()
    {
        var request = WebhookTestRequests.Create(WebhookEventType.VisitReportApproved, Secret, new WebhookTestRequestOptions { Timestamp = SignedAt });

        var tampered = request.WithTamperedBody();

        Assert.Equal(request.Body.Length, tampered.Body.Length);
        Assert.False(request.Body.Span.SequenceEqual(tampered.Body.Span));
        Assert.True(WebhookEventSerializer.TryDeserialize(tampered.Body.Span, out _, out _));
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, Verifier().Verify(tampered.HeaderReader, tampered.Body.Span).Status);
        Assert.Equal(request.GetHeader(WebhookHeaderNames.Signature), tampered.GetHeader(WebhookHeaderNames.Signature));
    }

    [Fact]
    public void A_stale_request_is_correctly_signed_but_outside_the_tolerance()
    {
        var stale = WebhookTestRequests.Create(WebhookEventType.VisitReportApproved, Secret).AsStale(TimeSpan.FromMinutes(6));
        var verifierNow = new WebhookVerifier(new WebhookVerifierOptions { Secrets = { WebhookSecret.Parse(Secret) } });
        var verifierThen = new WebhookVerifier(new WebhookVerifierOptions
        {
            Secrets = { WebhookSecret.Parse(Secret) },
            TimeProvider = new FakeTimeProvider(DateTimeOffset.Parse(stale.Timestamp!)),
        });

        Assert.Equal(WebhookVerificationStatus.TimestampOutsideTolerance, verifierNow.Verify(stale.HeaderReader, stale.Body.Span).Status);
        Assert.True(verifierThen.Verify(stale.HeaderReader, stale.Body.Span).IsValid);
    }

    [Fact]
    public void Another_attempt_keeps_body_and_event_id_and_changes_delivery_id_attempt_and_signature_time()
    {
        var first = WebhookTestRequests.Create(WebhookEventType.AppointmentStarted, Secret, new WebhookTestRequestOptions { Timestamp = SignedAt });
        _clock.Advance(TimeSpan.FromMinutes(5));

        var retry = first.AsAttempt(2, _clock.GetUtcNow());

        Assert.True(first.Body.Span.SequenceEqual(retry.Body.Span));
        Assert.Equal(first.EventId, retry.EventId);
        Assert.Equal(2, retry.Attempt);
        Assert.NotEqual(first.GetHeader(WebhookHeaderNames.DeliveryId), retry.GetHeader(WebhookHeaderNames.DeliveryId));
        Assert.Equal("2026-06-18T16:46:07Z", retry.Timestamp);
        Assert.True(Verifier().Verify(retry.HeaderReader, retry.Body.Span).IsValid);
    }

    [Fact]
    public void Header_and_content_type_variants_leave_the_original_unchanged()
    {
        var request = WebhookTestRequests.Create(WebhookEventType.RoutePublished, Secret);

        var withoutSignature = request.WithHeader(WebhookHeaderNames.Signature, null);
        var plain = request.WithContentType("text/plain");

        Assert.Null(withoutSignature.GetHeader(WebhookHeaderNames.Signature));
        Assert.NotNull(request.GetHeader(WebhookHeaderNames.Signature));
        Assert.Equal("text/plain", plain.ContentType);
        Assert.Equal(WebhookTestRequests.JsonContentType, request.ContentType);
    }

    [Fact]
    public async Task The_http_request_message_carries_the_exact_bytes_and_headers()
    {
        var request = WebhookTestRequests.Create(WebhookEventType.VisitReportApproved, Secret, new WebhookTestRequestOptions { Timestamp = SignedAt });

        using var message = request.ToHttpRequestMessage(new Uri("http://localhost/webhooks/ordinavo"));
        var bytes = await message.Content!.ReadAsByteArrayAsync();

        Assert.Equal(HttpMethod.Post, message.Method);
        Assert.Equal(request.Body.ToArray(), bytes);
        Assert.Equal("application/json; charset=utf-8", message.Content.Headers.ContentType!.ToString());
        Assert.True(Verifier().Verify(new HttpHeadersReader(message.Headers), bytes).IsValid);
        Assert.Equal(request.GetHeader(WebhookHeaderNames.DeliveryAttempt), message.Headers.GetValues(WebhookHeaderNames.DeliveryAttempt).Single());
    }

    [Fact]
    public void A_raw_body_is_signed_as_it_stands()
    {
        var body = Encoding.UTF8.GetBytes("{\"eventId\":\"evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C\",\"eventType\":\"invoice.paid\"}\r\n");

        var request = WebhookTestRequests.CreateFromBody(body, "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C", "invoice.paid", Secret, new WebhookTestRequestOptions { Timestamp = SignedAt });

        Assert.Equal(body, request.Body.ToArray());
        Assert.Null(request.Event);
        Assert.True(Verifier().Verify(request.HeaderReader, request.Body.Span).IsValid);
    }

    [Fact]
    public void Bad_arguments_are_clear_errors_that_never_show_the_secret()
    {
        var ex = Assert.Throws<ArgumentException>(() => WebhookTestRequests.Create(WebhookEventType.TargetUpdated, "whsec_dG9vLXNob3J0"));
        Assert.DoesNotContain("dG9vLXNob3J0", ex.Message);
        Assert.Throws<ArgumentException>(() => WebhookTestRequests.Create("inventory.adjusted", Secret));
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookTestRequests.Create(WebhookEventType.TargetUpdated, Secret, new WebhookTestRequestOptions { Attempt = 0 }));
    }
}
