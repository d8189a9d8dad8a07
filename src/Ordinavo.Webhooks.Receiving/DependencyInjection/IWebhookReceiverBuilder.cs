namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures one named webhook receiver: handlers, stores, options. Returned by <c>AddOrdinavoWebhookReceiver</c>.</summary>
public interface IWebhookReceiverBuilder
{
    /// <summary>The receiver's name (empty for the default receiver).</summary>
    string Name { get; }

    /// <summary>The service collection the receiver is registered in.</summary>
    IServiceCollection Services { get; }
}
