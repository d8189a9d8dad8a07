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
    /// Records what the application's receivers do with each verified event (its outcome: handled by the application's
    /// handlers, unhandled, duplicate, failed, ...) in the <see cref="WebhookEventRecording"/> singleton, where a test
    /// reads it. The recording only watches: it is no handler, so an event that no handler of the application takes
    /// stays <c>unhandled</c> and a test asserting that it was handled fails.
    /// </summary>
    /// <param name="services">The application's services.</param>
    public static IServiceCollection AddOrdinavoWebhookRecording(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<WebhookEventRecording>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookReceiveObserver, RecordingWebhookReceiveObserver>());
        return services;
    }
}
