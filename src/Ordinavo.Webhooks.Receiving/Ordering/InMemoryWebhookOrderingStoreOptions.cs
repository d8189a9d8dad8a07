namespace Ordinavo.Webhooks.Receiving;

/// <summary>Bounds of the <see cref="InMemoryWebhookOrderingStore"/>.</summary>
public sealed class InMemoryWebhookOrderingStoreOptions
{
    /// <summary>How many entities are remembered at most; the least recently updated are forgotten first. Default 100,000.</summary>
    public int MaxEntries { get; set; } = 100_000;
}
