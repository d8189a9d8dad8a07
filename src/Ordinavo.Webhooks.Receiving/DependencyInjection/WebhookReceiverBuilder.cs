namespace Microsoft.Extensions.DependencyInjection;

internal sealed class WebhookReceiverBuilder(string name, IServiceCollection services) : IWebhookReceiverBuilder
{
    public string Name { get; } = name;

    public IServiceCollection Services { get; } = services;
}
