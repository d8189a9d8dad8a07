using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ordinavo.Webhooks.Receiving;
using Ordinavo.Webhooks.Testing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Test-time changes to an application's webhook receiver (for <c>WebApplicationFactory</c>'s <c>ConfigureTestServices</c>).</summary>
public static class WebhookTestServiceCollectionExtensions
{
    /// <summary>
    /// Makes the receiver verify with <paramref name="secret"/> only, whatever the application's configuration says,
    /// so a test signs its requests with a secret of its own.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="secret">The test secret (<c>whsec_...</c>, for example <c>WebhookSecret.Generate().ExposeSecret()</c>).</param>
    /// <param name="receiverName">The receiver's name; <see langword="null"/> for the default receiver.</param>
    public static IServiceCollection UseOrdinavoWebhookTestSecret(this IServiceCollection services, string secret, string? receiverName = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        services.PostConfigure<WebhookReceiverOptions>(receiverName ?? Options.Options.DefaultName, options =>
        {
            options.Secrets.Clear();
            options.Secrets.Add(secret);
        });
        return services;
    }

    /// <summary>
    /// Adds a <see cref="RecordingWebhookHandler"/> for every event beside the receiver's own handlers, and the
    /// <see cref="WebhookEventRecording"/> singleton where a test reads what was handled.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="receiverName">The receiver's name; <see langword="null"/> for the default receiver.</param>
    public static IServiceCollection AddOrdinavoWebhookRecording(this IServiceCollection services, string? receiverName = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<WebhookEventRecording>();
        services.AddOrdinavoWebhookReceiver(receiverName ?? Options.Options.DefaultName, configure: null).AddHandlerForAll<RecordingWebhookHandler>();
        return services;
    }
}
