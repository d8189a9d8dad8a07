using System;
using System.Buffers;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Receiving.AspNetCore;

/// <summary>
/// The request delegate behind <c>MapOrdinavoWebhooks</c>: reads the exact body bytes into a pooled buffer while
/// enforcing the limit, hands them to the <see cref="WebhookReceiver"/> and writes its answer.
/// </summary>
internal sealed class WebhookEndpoint(IWebhookReceiverFactory factory, string receiverName)
{
    private const int InitialBufferSize = 16 * 1024;
    private const long ServerLimitSlack = 64 * 1024;
    private WebhookReceiver? _receiver;

    public async Task HandleAsync(HttpContext context)
    {
        var receiver = _receiver ??= factory.GetReceiver(receiverName);
        var request = context.Request;
        var aborted = context.RequestAborted;

        if (receiver.TryRejectBeforeBody(request.ContentLength, request.ContentType, out var early))
        {
            await WriteAsync(context, early).ConfigureAwait(false);
            return;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var needed = receiver.MaxBodyBytes + ServerLimitSlack;
        if (sizeFeature is { IsReadOnly: false, MaxRequestBodySize: { } serverLimit } && serverLimit < needed)
        {
            // The receiver's own limit governs (counted exactly below); the server's must not cut in first.
            sizeFeature.MaxRequestBodySize = needed;
        }

        byte[]? buffer = null;
        try
        {
            int length;
            try
            {
                (buffer, length) = await ReadBodyAsync(request, receiver.MaxBodyBytes).ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex)
            {
                // Kestrel's own checks (a body over the server limit, a truncated body).
                await WriteAsync(context, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? receiver.RejectBodyTooLarge() : null, ex.StatusCode).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The sender has gone (connection reset or request aborted): nothing to answer, and nothing left
                // to drain; aborting tells the server so instead of letting it read a body that will never come.
                context.Abort();
                return;
            }

            if (length < 0)
            {
                await WriteAsync(context, receiver.RejectBodyTooLarge()).ConfigureAwait(false);
                return;
            }

            WebhookReceiveResult result;
            try
            {
                result = await receiver.ReceiveAsync(new RequestHeaderReader(request.Headers), buffer.AsMemory(0, length), request.ContentType, aborted)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                return; // Handlers were canceled and the event released; the publisher retries.
            }

            await WriteAsync(context, result).ConfigureAwait(false);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
        }
    }

    /// <summary>Reads the whole body; returns length -1 when it exceeds <paramref name="limit"/> (reading stops there).</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request, long limit)
    {
        var declared = request.ContentLength;
        var size = declared is { } known ? (int)Math.Max(1, known) : (int)Math.Min(InitialBufferSize, limit + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total > limit)
                    {
                        return (buffer, -1);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                // No token here: an aborted connection fails the read itself, and a canceled read would leave the body
                // reader busy when the server drains the request afterwards.
                var read = await request.Body.ReadAsync(buffer.AsMemory(total)).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, total);
                }

                total += read;
                if (total > limit)
                {
                    return (buffer, -1);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            throw;
        }
    }

    private static Task WriteAsync(HttpContext context, WebhookReceiveResult? result, int? statusCode = null)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        var response = context.Response;
        response.StatusCode = result?.StatusCode ?? statusCode ?? StatusCodes.Status400BadRequest;
        response.Headers.CacheControl = "no-store";
        if (result is null)
        {
            return Task.CompletedTask;
        }

        var body = WebhookResponseBodies.For(result.Outcome);
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
