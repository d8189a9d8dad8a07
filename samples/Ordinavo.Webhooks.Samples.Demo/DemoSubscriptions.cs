namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>
/// What the operator got back from the admin API: the subscriptions' ids and their issued secrets, and what the list
/// call and the call without the API key showed.
/// </summary>
internal sealed record DemoSubscriptions(
    string ErpId,
    string ErpSecret,
    string ReportingId,
    string ReportingSecret,
    bool ListedBoth,
    System.Net.HttpStatusCode AnonymousStatus)
{
    /// <summary>The subscription id of a receiver's endpoint.</summary>
    public string IdOf(string receiver) => receiver == DemoReceiver.Erp ? ErpId : ReportingId;

    /// <summary>The receiver endpoint a subscription delivers to.</summary>
    public string ReceiverOf(string subscriptionId) => subscriptionId == ErpId ? DemoReceiver.Erp : DemoReceiver.Reporting;

    /// <summary>The ids only: a record's generated text would show the secrets.</summary>
    public override string ToString() => $"erp {ErpId}, reporting {ReportingId}";
}
