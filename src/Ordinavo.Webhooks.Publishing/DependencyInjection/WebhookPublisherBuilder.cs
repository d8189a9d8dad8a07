namespace Microsoft.Extensions.DependencyInjection;

internal sealed class WebhookPublisherBuilder(string name, IServiceCollection services) : IWebhookPublisherBuilder
{
    public string Name { get; } = name;

    public IServiceCollection Services { get; } = services;
}
