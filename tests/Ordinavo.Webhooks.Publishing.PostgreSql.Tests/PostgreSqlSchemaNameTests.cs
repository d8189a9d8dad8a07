using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests;

/// <summary>The schema name is validated as an identifier before it reaches SQL (no server needed).</summary>
public sealed class PostgreSqlSchemaNameTests
{
    [Theory]
    [InlineData("")]
    [InlineData("1webhooks")]
    [InlineData("web-hooks")]
    [InlineData("webhooks; DROP TABLE users")]
    [InlineData("\"quoted\"")]
    [InlineData("pg_webhooks")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void A_schema_name_that_is_not_a_plain_identifier_is_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new PostgreSqlWebhookOutboxStore(new PostgreSqlWebhookOutboxStoreOptions { ConnectionString = "Host=127.0.0.1", SchemaName = name }));
        Assert.Contains("SchemaName", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ordinavo_webhooks")]
    [InlineData("_outbox")]
    [InlineData("Webhooks2")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void A_plain_identifier_is_accepted(string name)
    {
        using var store = new PostgreSqlWebhookOutboxStore(new PostgreSqlWebhookOutboxStoreOptions { ConnectionString = "Host=127.0.0.1", SchemaName = name });
        Assert.Equal(name, store.Options.SchemaName);
    }

    [Fact]
    public void A_store_without_connection_string_or_data_source_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgreSqlWebhookOutboxStore(new PostgreSqlWebhookOutboxStoreOptions()));
        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dependency_injection_validates_the_options_and_registers_one_store_for_both_services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOrdinavoWebhookPublisher().UsePostgreSqlStore("Host=127.0.0.1;Username=x", o => o.SchemaName = "custom_outbox");
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<PostgreSqlWebhookOutboxStore>();
        Assert.Same(store, provider.GetRequiredService<IWebhookOutboxStore>());
        Assert.Equal("custom_outbox", store.Options.SchemaName);

        var invalid = new ServiceCollection();
        invalid.AddOrdinavoWebhookPublisher().UsePostgreSqlStore("Host=127.0.0.1", o => o.SchemaName = "bad name");
        using var invalidProvider = invalid.BuildServiceProvider();
        var failure = Assert.Throws<OptionsValidationException>(() => invalidProvider.GetRequiredService<IOptions<PostgreSqlWebhookOutboxStoreOptions>>().Value);
        Assert.Contains("SchemaName", failure.Message, StringComparison.Ordinal);

        var missing = new ServiceCollection();
        missing.AddOrdinavoWebhookPublisher().UsePostgreSqlStore(_ => { });
        using var missingProvider = missing.BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => missingProvider.GetRequiredService<IOptions<PostgreSqlWebhookOutboxStoreOptions>>().Value);
    }
}
