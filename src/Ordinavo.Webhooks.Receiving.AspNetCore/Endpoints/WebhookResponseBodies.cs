using System;
using System.Text;
using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Receiving.AspNetCore;

/// <summary>
/// The small JSON bodies the endpoint answers with, one per outcome, built once: <c>{"status":401,"outcome":"invalid_signature"}</c>.
/// They never echo the request, a header or a secret.
/// </summary>
internal static class WebhookResponseBodies
{
    private static readonly byte[][] Bodies = Create();

    public static ReadOnlyMemory<byte> For(WebhookReceiveOutcome outcome) => Bodies[(int)outcome];

    private static byte[][] Create()
    {
        var values = Enum.GetValues<WebhookReceiveOutcome>();
        var bodies = new byte[values.Length][];
        foreach (var value in values)
        {
            bodies[(int)value] = Encoding.UTF8.GetBytes(
                $"{{\"status\":{WebhookReceiveResult.StatusCodeOf(value)},\"outcome\":\"{WebhookReceiveResult.CodeOf(value)}\"}}");
        }

        return bodies;
    }
}
