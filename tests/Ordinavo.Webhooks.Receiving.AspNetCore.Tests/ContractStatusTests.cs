using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Receiving.AspNetCore.Tests;

/// <summary>Every row of the wire contract's section 6 table, over real HTTP to Kestrel on loopback.</summary>
public sealed class ContractStatusTests
{
    private static SignedWebhookRequest Request(WebhookEventType type, string? secret = null) =>
        WebhookTestRequests.Create(type, secret ?? WebhookTestServer.Secret, new WebhookTestRequestOptions { EventId = WebhookIdentifiers.NewEventId() });

    private static async Task<(int Status, string Outcome)> SendAsync(WebhookTestServer server, SignedWebhookRequest request)
    {
        using var message = request.ToHttpRequestMessage(server.Endpoint);
        using var response = await server.Client.SendAsync(message);
        return await ReadAsync(response);
    }

    private static async Task<(int Status, string Outcome)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        Assert.Equal((int)response.StatusCode, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(2, json.RootElement.EnumerateObject().Count()); // status and outcome only: nothing echoed
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return ((int)response.StatusCode, json.RootElement.GetProperty("outcome").GetString()!);
    }

    [Fact]
    public async Task Verified_and_handled_is_200()
    {
        await using var server = await WebhookTestServer.StartAsync();
        var request = Request(WebhookEventType.VisitReportApproved);

        Assert.Equal((200, "handled"), await SendAsync(server, request));
        var context = Assert.Single(server.Log.Calls);
        Assert.Equal(request.Event!.EventId, context.EventId);
        Assert.Equal(request.Event, context.Event);
        Assert.Equal(1, context.DeliveryAttempt);
    }

    [Fact]
    public async Task A_duplicate_of_a_handled_event_is_200_and_not_handled_again()
    {
        await using var server = await WebhookTestServer.StartAsync();
        var request = Request(WebhookEventType.TargetUpdated);

        await SendAsync(server, request);
        Assert.Equal((200, "duplicate"), await SendAsync(server, request.AsAttempt(2)));
        Assert.Single(server.Log.Calls);
    }

    [Fact]
    public async Task An_unknown_event_type_is_200_and_ignored()
    {
        await using var server = await WebhookTestServer.StartAsync(receiver: b => b.AddHandler<RecordingHandler>("visit_report.*"));
        var eventId = WebhookIdentifiers.NewEventId();
        var body = Encoding.UTF8.GetBytes(
            $$$"""{"eventId":"{{{eventId}}}","eventType":"invoice.paid","payloadVersion":"1.1","occurredAt":"2026-06-18T16:40:00Z","tenantId":"tenant-123","source":"ordinavo","invoice":{"id":1}}""");

        var result = await SendAsync(server, WebhookTestRequests.CreateFromBody(body, eventId, "invoice.paid", WebhookTestServer.Secret));

        Assert.Equal((200, "unhandled"), result);
        Assert.Empty(server.Log.Calls);
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("invoice.paid") && e.Message.Contains("no handler"));
    }

    [Fact]
    public async Task Two_requests_with_one_event_id_at_once_run_the_handler_once_and_the_other_gets_409()
    {
        await using var server = await WebhookTestServer.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Log.Behavior = (_, ct) => release.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);
        var request = Request(WebhookEventType.TargetCompleted);

        var first = SendAsync(server, request);
        var second = SendAsync(server, request.AsAttempt(2));
        var early = await Task.WhenAny(first, second); // the handler holds one of them until released
        var earlyResult = await early;
        release.SetResult();
        var lateResult = await (early == first ? second : first);

        Assert.Equal((409, "in_progress"), earlyResult);
        Assert.Equal((200, "handled"), lateResult);
        Assert.Equal(1, server.Log.CountFor(request.EventId));
    }

    [Theory]
    [InlineData("missing-signature")]
    [InlineData("malformed-timestamp")]
    [InlineData("malformed-attempt")]
    [InlineData("not-json")]
    [InlineData("event-id-mismatch")]
    public async Task Missing_or_malformed_header_body_not_json_or_event_id_mismatch_is_400(string variant)
    {
        await using var server = await WebhookTestServer.StartAsync();
        var valid = Request(WebhookEventType.VisitReportApproved);
        var request = variant switch
        {
            "missing-signature" => valid.WithHeader(WebhookHeaderNames.Signature, null),
            "malformed-timestamp" => valid.WithHeader(WebhookHeaderNames.Timestamp, "yesterday"),
            "malformed-attempt" => valid.WithHeader(WebhookHeaderNames.DeliveryAttempt, "-1"),
            "not-json" => WebhookTestRequests.CreateFromBody("<xml/>"u8, valid.EventId!, null, WebhookTestServer.Secret),
            _ => WebhookTestRequests.CreateFromBody(valid.Body.Span, WebhookIdentifiers.NewEventId(), "visit_report.approved", WebhookTestServer.Secret),
        };

        var (status, _) = await SendAsync(server, request);

        Assert.Equal(400, status);
        Assert.Empty(server.Log.Calls);
    }

    [Fact]
    public async Task An_invalid_signature_or_a_timestamp_outside_tolerance_is_401()
    {
        await using var server = await WebhookTestServer.StartAsync();

        Assert.Equal((401, "invalid_signature"), await SendAsync(server, Request(WebhookEventType.VisitReportApproved, WebhookSecret.Generate().ExposeSecret())));
        Assert.Equal((401, "invalid_signature"), await SendAsync(server, Request(WebhookEventType.VisitReportApproved).WithTamperedBody()));
        Assert.Equal((401, "timestamp_outside_tolerance"), await SendAsync(server, Request(WebhookEventType.VisitReportApproved).AsStale()));
        Assert.Empty(server.Log.Calls);
    }

    [Fact]
    public async Task A_body_one_byte_over_the_limit_is_413_with_content_length_and_chunked()
    {
        const int limit = 4096;
        await using var server = await WebhookTestServer.StartAsync(o => o.MaxBodyBytes = limit);
        var valid = Request(WebhookEventType.VisitReportApproved);
        var padded = new byte[limit + 1];
        padded.AsSpan().Fill((byte)' ');
        valid.Body.Span.CopyTo(padded);
        var oversized = WebhookTestRequests.CreateFromBody(padded, valid.EventId!, "visit_report.approved", WebhookTestServer.Secret);
        var atLimit = WebhookTestRequests.CreateFromBody(padded.AsSpan(0, limit), valid.EventId!, "visit_report.approved", WebhookTestServer.Secret);

        Assert.Equal((413, "body_too_large"), await SendAsync(server, oversized));

        using var chunked = oversized.ToHttpRequestMessage(server.Endpoint);
        chunked.Content = ChunkedContent(padded, oversized.ContentType!);
        using var chunkedResponse = await server.Client.SendAsync(chunked);
        Assert.Null(chunked.Content.Headers.ContentLength);
        Assert.Equal((413, "body_too_large"), await ReadAsync(chunkedResponse));

        using var chunkedAtLimit = atLimit.ToHttpRequestMessage(server.Endpoint);
        chunkedAtLimit.Content = ChunkedContent(padded.AsSpan(0, limit).ToArray(), atLimit.ContentType!);
        using var atLimitResponse = await server.Client.SendAsync(chunkedAtLimit);
        Assert.Equal((200, "handled"), await ReadAsync(atLimitResponse));
        Assert.Single(server.Log.Calls);
    }

    [Fact]
    public async Task A_content_type_that_is_not_json_is_415()
    {
        await using var server = await WebhookTestServer.StartAsync();

        Assert.Equal((415, "unsupported_content_type"), await SendAsync(server, Request(WebhookEventType.VisitReportApproved).WithContentType("text/plain")));
        Assert.Equal((415, "unsupported_content_type"), await SendAsync(server, Request(WebhookEventType.VisitReportApproved).WithContentType(null)));
    }

    [Fact]
    public async Task A_failing_handler_is_500_and_the_retry_handles_the_event_exactly_once()
    {
        await using var server = await WebhookTestServer.StartAsync();
        var fail = 1;
        server.Log.Behavior = (_, _) => Interlocked.Exchange(ref fail, 0) == 1 ? throw new InvalidOperationException("ERP down") : Task.CompletedTask;
        var request = Request(WebhookEventType.VisitReportApproved);

        Assert.Equal((500, "handler_failed"), await SendAsync(server, request));
        Assert.Equal((200, "handled"), await SendAsync(server, request.AsAttempt(2)));
        Assert.Equal((200, "duplicate"), await SendAsync(server, request.AsAttempt(3)));
        Assert.Equal(2, server.Log.CountFor(request.EventId));
        Assert.Equal(1, server.Log.Successes);
    }

    [Fact]
    public async Task A_slow_body_that_is_aborted_runs_no_handler_and_leaves_the_server_healthy()
    {
        await using var server = await WebhookTestServer.StartAsync();
        var request = Request(WebhookEventType.VisitReportApproved);
        var body = request.Body.ToArray();

        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
            var head = new StringBuilder()
                .Append("POST /webhooks/ordinavo HTTP/1.1\r\n")
                .Append("Host: ").Append(server.BaseAddress.Authority).Append("\r\n")
                .Append("Content-Type: application/json; charset=utf-8\r\n")
                .Append("Content-Length: ").Append(body.Length).Append("\r\n");
            foreach (var header in request.Headers)
            {
                head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
            }

            await socket.SendAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
            await socket.SendAsync(body.AsMemory(0, body.Length / 2)); // half the body, then silence
            await server.Probe.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
            socket.Close(0); // abort (RST) mid-body
        }

        var exception = await server.Probe.Finished.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(exception);
        Assert.Empty(server.Log.Calls);
        Assert.True(!server.Logs.Entries.Any(e => e.Level >= LogLevel.Error), string.Join("\n", server.Logs.Entries.Select(e => e.Category + " " + e.Message + " " + e.Exception)));

        server.Probe.Reset();
        Assert.Equal((200, "handled"), await SendAsync(server, request.AsAttempt(2)));
    }

    [Fact]
    public async Task The_returned_route_group_takes_the_hosts_conventions()
    {
        await using var server = await WebhookTestServer.StartAsync(group: g => g.RequireHost("webhooks.example.invalid"));

        using var message = Request(WebhookEventType.VisitReportApproved).ToHttpRequestMessage(server.Endpoint);
        using var response = await server.Client.SendAsync(message);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(server.Log.Calls);
    }

    [Fact]
    public async Task Only_post_is_mapped()
    {
        await using var server = await WebhookTestServer.StartAsync();

        using var response = await server.Client.GetAsync(server.Endpoint);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public void Mapping_without_registering_the_receiver_fails_with_a_clear_message()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = builder.Build();

        var ex = Assert.Throws<InvalidOperationException>(() => app.MapOrdinavoWebhooks());

        Assert.Contains("AddOrdinavoWebhookReceiver", ex.Message);
    }

    private static StreamContent ChunkedContent(byte[] bytes, string contentType)
    {
        var content = new StreamContent(new UnseekableStream(bytes));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
