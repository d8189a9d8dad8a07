namespace Ordinavo.Webhooks.Samples.Receiver;

/// <summary>Handles the Appointment events (registered for their category).</summary>
internal sealed class AppointmentHandler(ILogger<AppointmentHandler> logger) : ErpHandler(logger);
