namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures the Ordinavo webhook publisher (returned by <c>AddOrdinavoWebhookPublisher</c>).</summary>
public interface IWebhookPublisherBuilder
{
    /// <summary>The publisher's name: the name of its <c>HttpClient</c> (<c>Ordinavo.Webhooks.Publishing</c>).</summary>
    string Name { get; }

    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }
}
