namespace Ordinavo.Webhooks.Publishing;

/// <summary>Which page of a tenant's subscriptions to list (keyset paging by id).</summary>
public sealed class WebhookSubscriptionListQuery
{
    /// <summary>The largest page size accepted.</summary>
    public const int MaxPageSize = 200;

    /// <summary>How many subscriptions per page (1 to <see cref="MaxPageSize"/>; default 50).</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>The <see cref="WebhookSubscriptionPage.ContinuationToken"/> of the previous page, or <see langword="null"/> for the first.</summary>
    public string? After { get; init; }
}
