namespace Ordinavo.Webhooks.Samples.Receiver;

/// <summary>Handles the VisitReport events (registered for their category).</summary>
internal sealed class VisitReportHandler(ILogger<VisitReportHandler> logger) : ErpHandler(logger);
