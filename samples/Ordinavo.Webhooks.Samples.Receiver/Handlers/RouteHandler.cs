namespace Ordinavo.Webhooks.Samples.Receiver;

/// <summary>Handles the Route events (registered for their category).</summary>
internal sealed class RouteHandler(ILogger<RouteHandler> logger) : ErpHandler(logger);
