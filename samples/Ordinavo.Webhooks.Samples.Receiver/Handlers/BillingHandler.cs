namespace Ordinavo.Webhooks.Samples.Receiver;

/// <summary>Handles the Billing events (registered for their category).</summary>
internal sealed class BillingHandler(ILogger<BillingHandler> logger) : ErpHandler(logger);
