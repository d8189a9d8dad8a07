namespace Ordinavo.Webhooks.Samples.Receiver;

/// <summary>Handles the Target events (registered for their category).</summary>
internal sealed class TargetHandler(ILogger<TargetHandler> logger) : ErpHandler(logger);
