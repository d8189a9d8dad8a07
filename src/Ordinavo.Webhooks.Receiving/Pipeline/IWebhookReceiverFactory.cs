namespace Ordinavo.Webhooks.Receiving;

/// <summary>Gives the receiver registered under a name with <c>AddOrdinavoWebhookReceiver(name, ...)</c>.</summary>
public interface IWebhookReceiverFactory
{
    /// <summary>The receiver named <paramref name="name"/> (created once, then shared).</summary>
    /// <param name="name">The name given to <c>AddOrdinavoWebhookReceiver</c>; empty for the default receiver.</param>
    /// <exception cref="System.InvalidOperationException">No receiver was registered under that name.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The receiver's options are invalid.</exception>
    WebhookReceiver GetReceiver(string name);
}
