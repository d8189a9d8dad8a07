using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Ordinavo.Webhooks.Cli.Commands;
using Ordinavo.Webhooks.Cli.Output;
using Ordinavo.Webhooks.Cli.Requests;
using Ordinavo.Webhooks.Receiving;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Cli.Listening;

/// <summary>
/// Handles each request of <c>listen</c>: verifies it, answers as the wire contract's section 6 says (through the
/// Receiving package's pipeline), or 503 for the first attempts of each event with <c>--fail-first</c>, and prints it.
/// </summary>
internal sealed class ListenEndpoint
{
    private readonly WebhookReceiver _receiver;
    private readonly ListenSettings _settings;
    private readonly CliOutput _output;
    private readonly ConcurrentDictionary<string, int> _verifiedAttempts = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    /// <summary>Creates the endpoint.</summary>
    public ListenEndpoint(WebhookReceiver receiver, ListenSettings settings, CliOutput output)
    {
        _receiver = receiver;
        _settings = settings;
        _output = output;
    }

    /// <summary>Completes when <see cref="ListenSettings.MaxRequests"/> requests were answered.</summary>
    public Task Done => _done.Task;

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var received = DateTimeOffset.UtcNow;
        if (_receiver.TryRejectBeforeBody(request.ContentLength, request.ContentType, out var early))
        {
            await AnswerAsync(context, early.StatusCode, WebhookReceiveResult.CodeOf(early.Outcome)).ConfigureAwait(false);
            Report(context, received, [], null, early.StatusCode, WebhookReceiveResult.CodeOf(early.Outcome), null);
            return;
        }

        var body = await ReadBodyAsync(request, _receiver.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            var tooLarge = _receiver.RejectBodyTooLarge();
            await AnswerAsync(context, tooLarge.StatusCode, WebhookReceiveResult.CodeOf(tooLarge.Outcome)).ConfigureAwait(false);
            Report(context, received, [], null, tooLarge.StatusCode, WebhookReceiveResult.CodeOf(tooLarge.Outcome), null);
            return;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        var diagnosis = RequestDiagnosis.Diagnose(CapturedRequest.FromHeaders(headers, body), _settings.Secrets, _settings.Tolerance, null, TimeProvider.System);
        string? note = null;
        if (diagnosis.Result.IsValid && _settings.FailFirst > 0 && diagnosis.Result.EventId is { } eventId)
        {
            var seen = _verifiedAttempts.AddOrUpdate(eventId, 1, (_, count) => count + 1);
            if (seen <= _settings.FailFirst)
            {
                note = string.Create(CultureInfo.InvariantCulture, $"answered 503 on purpose (--fail-first {_settings.FailFirst}: attempt {seen} of this event)");
                await AnswerAsync(context, StatusCodes.Status503ServiceUnavailable, "rehearsed_failure").ConfigureAwait(false);
                Report(context, received, body, diagnosis, StatusCodes.Status503ServiceUnavailable, "rehearsed_failure", note);
                return;
            }
        }

        WebhookReceiveResult result;
        try
        {
            result = await _receiver.ReceiveAsync(new HeaderDictionaryReader(request.Headers), body, request.ContentType, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var outcome = WebhookReceiveResult.CodeOf(result.Outcome);
        await AnswerAsync(context, result.StatusCode, outcome).ConfigureAwait(false);
        Report(context, received, body, diagnosis, result.StatusCode, outcome, note);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static Task AnswerAsync(HttpContext context, int status, string outcome)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.Headers.CacheControl = "no-store";
        response.ContentType = "application/json; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"status\":{status},\"outcome\":\"{outcome}\"}}"));
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    private void Report(HttpContext context, DateTimeOffset received, byte[] body, RequestDiagnosis? diagnosis, int status, string outcome, string? note)
    {
        var headers = context.Request.Headers;
        var eventType = headers[WebhookHeaderNames.EventType].ToString();
        var eventId = diagnosis?.Result.EventId ?? headers[WebhookHeaderNames.EventId].ToString();
        var attempt = headers[WebhookHeaderNames.DeliveryAttempt].ToString();
        var sections = BodyInspector.GetSections(body);
        var valid = diagnosis?.Result.IsValid == true;
        var verification = diagnosis is null ? "not verified (rejected before the body)" : valid ? "valid" : diagnosis.Reason;
        if (_output.Json)
        {
            var json = new JsonObject
            {
                ["receivedAt"] = received.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                ["path"] = context.Request.Path.Value,
                ["eventType"] = string.IsNullOrEmpty(eventType) ? null : eventType,
                ["eventId"] = string.IsNullOrEmpty(eventId) ? null : eventId,
                ["attempt"] = int.TryParse(attempt, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null,
                ["verified"] = valid,
                ["verification"] = diagnosis is null ? "not_verified" : diagnosis.Code,
                ["reason"] = valid ? null : verification,
                ["status"] = status,
                ["outcome"] = outcome,
                ["note"] = note,
                ["sections"] = new JsonArray([.. sections.Select(s => (JsonNode?)s)]),
            };
            if (_settings.ShowBody)
            {
                json["body"] = Encoding.UTF8.GetString(body);
            }

            _output.WriteJson(json, line: true);
        }
        else
        {
            _output.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"{received:HH:mm:ss} {MarkupText.Escape(Or(eventType))} {MarkupText.Escape(Or(eventId))} attempt {MarkupText.Escape(Or(attempt))}: {MarkupText.Verdict(valid, valid ? "valid" : "invalid")} -> {MarkupText.Status(status)} {MarkupText.Escape(outcome)}"));
            if (!valid)
            {
                _output.MarkupLine("  reason: " + MarkupText.Escape(verification));
            }

            if (note is not null)
            {
                _output.MarkupLine("  [yellow]" + MarkupText.Escape(note) + "[/]");
            }

            if (sections.Count > 0)
            {
                _output.MarkupLine("  sections: " + MarkupText.Escape(string.Join(", ", sections)));
            }

            if (_settings.ShowBody)
            {
                _output.WriteRaw(Encoding.UTF8.GetString(body));
            }
        }

        if (_settings.MaxRequests > 0 && Interlocked.Increment(ref _requests) >= _settings.MaxRequests)
        {
            _done.TrySetResult();
        }
    }

    private static string Or(string? value) => string.IsNullOrEmpty(value) ? "-" : value;
}
