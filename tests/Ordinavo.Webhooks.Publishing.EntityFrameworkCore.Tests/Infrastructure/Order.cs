namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>The backend's business entity in the tests.</summary>
public sealed class Order
{
    public long Id { get; set; }

    public string Status { get; set; } = "Open";
}
