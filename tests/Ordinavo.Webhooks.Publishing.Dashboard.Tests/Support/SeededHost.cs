namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Support;

/// <summary>One host with the seeded deliveries, shared by the read-only page tests of a class (pages of 4 deliveries).</summary>
public sealed class SeededHost : IAsyncLifetime
{
    public Receiver Receiver { get; private set; } = null!;

    public DashboardTestHost Host { get; private set; } = null!;

    public Seed Seed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await Receiver.StartAsync();
        Host = await DashboardTestHost.StartAsync(new DashboardHostOptions { Dashboard = o => o.PageSize = 4 });
        Seed = await Seed.CreateAsync(Host, Receiver);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
