using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests;

public sealed class SqliteOptionsTests
{
    [Fact]
    public void A_store_needs_exactly_one_of_path_and_connection_string()
    {
        Assert.Throws<ArgumentException>(() => new SqliteWebhookOutboxStore(new SqliteWebhookOutboxStoreOptions()));
        Assert.Throws<ArgumentException>(() => new SqliteWebhookOutboxStore(new SqliteWebhookOutboxStoreOptions { DatabasePath = "a.db", ConnectionString = "Data Source=b.db" }));
        Assert.Throws<ArgumentException>(() => new SqliteWebhookOutboxStore(new SqliteWebhookOutboxStoreOptions { DatabasePath = "a.db", BusyTimeout = TimeSpan.Zero }));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=outbox;Mode=Memory;Cache=Shared")]
    [InlineData("Data Source=webhooks.db;Mode=ReadOnly")]
    public void In_memory_and_read_only_databases_are_refused(string connectionString)
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteWebhookOutboxStore(new SqliteWebhookOutboxStoreOptions { ConnectionString = connectionString }));
        Assert.Contains("SQLite outbox", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Use_sqlite_store_needs_a_path()
    {
        var builder = new ServiceCollection().AddOrdinavoWebhookPublisher();
        Assert.Throws<ArgumentException>(() => builder.UseSqliteStore(""));
    }

    [Fact]
    public async Task A_host_needs_nothing_but_a_file_path()
    {
        using var file = new TempDatabaseFile();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOrdinavoWebhookPublisher().UseSqliteStore(file.Path).UseInMemorySubscriptions();
        await using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<SqliteWebhookOutboxStore>(provider.GetRequiredService<IWebhookOutboxStore>());
        Assert.Same(store, provider.GetRequiredService<SqliteWebhookOutboxStore>());
        Assert.Equal(Path.GetFullPath(file.Path), store.DatabaseFile);
        foreach (var hosted in provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.True(File.Exists(file.Path));
        foreach (var hosted in provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Invalid_options_fail_validation_at_start()
    {
        var services = new ServiceCollection();
        services.AddOrdinavoWebhookPublisher().UseSqliteStore(o => o.BusyTimeout = TimeSpan.FromSeconds(-1));
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SqliteWebhookOutboxStoreOptions>>().Value);
        Assert.Contains("DatabasePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("BusyTimeout", error.Message, StringComparison.Ordinal);
    }
}
