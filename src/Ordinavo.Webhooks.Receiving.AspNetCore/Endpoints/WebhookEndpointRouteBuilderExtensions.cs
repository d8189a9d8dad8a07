using System;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Receiving;
using Ordinavo.Webhooks.Receiving.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Ordinavo webhook endpoint.</summary>
public static class WebhookEndpointRouteBuilderExtensions
{
    /// <summary>The route the documentation uses: <c>/webhooks/ordinavo</c>.</summary>
    public const string DefaultPattern = "/webhooks/ordinavo";

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to the default webhook receiver (register it with
    /// <c>services.AddOrdinavoWebhookReceiver(...)</c>). The endpoint reads the exact request bytes (no model binding),
    /// enforces the body limit while reading, honours request aborts and answers as the wire contract's section 6 says.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder (the <c>WebApplication</c>).</param>
    /// <param name="pattern">The route, e.g. <c>/webhooks/ordinavo</c>.</param>
    /// <returns>The route group holding the endpoint: add authorization, rate limiting, host filters or metadata to it.</returns>
    public static RouteGroupBuilder MapOrdinavoWebhooks(this IEndpointRouteBuilder endpoints, string pattern = DefaultPattern) =>
        MapOrdinavoWebhooks(endpoints, pattern, Options.DefaultName);

    /// <summary>Maps <c>POST <paramref name="pattern"/></c> to the webhook receiver named <paramref name="receiverName"/>.</summary>
    /// <param name="endpoints">The endpoint route builder (the <c>WebApplication</c>).</param>
    /// <param name="pattern">The route.</param>
    /// <param name="receiverName">The name given to <c>AddOrdinavoWebhookReceiver(name, ...)</c>.</param>
    /// <returns>The route group holding the endpoint.</returns>
    public static RouteGroupBuilder MapOrdinavoWebhooks(this IEndpointRouteBuilder endpoints, string pattern, string receiverName)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(receiverName);

        var factory = endpoints.ServiceProvider.GetService<IWebhookReceiverFactory>()
            ?? throw new InvalidOperationException(
                "The Ordinavo webhook receiver is not registered: call services.AddOrdinavoWebhookReceiver(...) before mapping the endpoint.");

        var endpoint = new WebhookEndpoint(factory, receiverName);
        var group = endpoints.MapGroup(pattern);
        group.MapPost(string.Empty, (RequestDelegate)endpoint.HandleAsync)
            .WithDisplayName(string.IsNullOrEmpty(receiverName) ? "Ordinavo webhooks" : $"Ordinavo webhooks ({receiverName})");
        return group;
    }
}
