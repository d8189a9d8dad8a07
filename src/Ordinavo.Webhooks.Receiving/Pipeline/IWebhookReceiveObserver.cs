namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// Told what became of each verified event, after the handlers ran (or did not): handled, unhandled, duplicate, in
/// progress, handler failed, store failed, or invalid payload. It observes and changes nothing: the answer is decided
/// before it is called, and an observer that throws is logged and ignored. For tests and audit trails; metrics, traces
/// and logs are there already (docs/telemetry.md).
/// </summary>
/// <remarks>
/// Register a singleton with <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IWebhookReceiveObserver, TObserver&gt;())</c>;
/// it observes every receiver of the container (<see cref="WebhookReceiveObservation.ReceiverName"/> says which). It is
/// called on the request's path, before the answer is sent, possibly concurrently: keep it short and thread-safe.
/// Requests rejected before their event was verified and its envelope read (signature, headers, body size, content
/// type) are not observed. Without an observer registered, nothing is allocated for it.
/// </remarks>
public interface IWebhookReceiveObserver
{
    /// <summary>Called once per verified event, with the answer the request gets.</summary>
    /// <param name="observation">The receiver, the result (outcome, event id and type) and the delivery headers.</param>
    void OnReceived(WebhookReceiveObservation observation);
}
