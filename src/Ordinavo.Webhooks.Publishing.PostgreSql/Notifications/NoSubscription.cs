using System;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Notifications;

/// <summary>The subscription of a store that does not listen (notifications off): nothing to stop.</summary>
internal sealed class NoSubscription : IDisposable
{
    public static readonly NoSubscription Instance = new();

    private NoSubscription()
    {
    }

    public void Dispose()
    {
    }
}
