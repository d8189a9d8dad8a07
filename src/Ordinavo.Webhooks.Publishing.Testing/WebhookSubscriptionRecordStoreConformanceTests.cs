using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Ordinavo.Webhooks.Publishing.Testing;

/// <summary>
/// The behaviour every <see cref="IWebhookSubscriptionRecordStore"/> (where managed subscriptions are kept) must show:
/// inserts that never overwrite, reads by id, tenant-scoped listing in id order with keyset paging, and optimistic
/// concurrency on replace and delete. A store's xunit test project derives a class from this one and implements
/// <see cref="CreateStoreAsync"/> (an empty store per call); every test runs on a new store. Times are explicit (no
/// clock), whole milliseconds; ids are ASCII.
/// </summary>
/// <remarks>The in-memory, SQLite and PostgreSQL record stores pass this suite.</remarks>
public abstract class WebhookSubscriptionRecordStoreConformanceTests : IAsyncLifetime
{
    /// <summary>The base time of every test: 2026-06-18T16:40:00Z.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 6, 18, 16, 40, 0, TimeSpan.Zero);

    private IWebhookSubscriptionRecordStore? _store;

    /// <summary>The store under test (a new, empty one for every test).</summary>
    protected IWebhookSubscriptionRecordStore Store => _store ?? throw new InvalidOperationException("The store is not created yet.");

    /// <summary>Creates a new, empty store.</summary>
    protected abstract Task<IWebhookSubscriptionRecordStore> CreateStoreAsync();

    /// <summary>Releases a store made by <see cref="CreateStoreAsync"/> (default: disposes it when it is disposable).</summary>
    protected virtual async Task DisposeStoreAsync(IWebhookSubscriptionRecordStore store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await DisposeStoreAsync(_store);
        }
    }

    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>A record of version 1 created at <paramref name="createdAt"/> (default <see cref="T0"/>).</summary>
    protected static WebhookSubscriptionRecord NewRecord(string id, string tenantId = "tenant-1", string? document = null, DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        TenantId = tenantId,
        Version = 1,
        CreatedAt = createdAt ?? T0,
        UpdatedAt = createdAt ?? T0,
        Document = document ?? $"{{\"id\":\"{id}\"}}",
    };

    /// <summary>The change the manager makes: the same keys, a new document and time, the next version.</summary>
    private static WebhookSubscriptionRecord Changed(WebhookSubscriptionRecord record, string document, DateTimeOffset updatedAt) => new()
    {
        Id = record.Id,
        TenantId = record.TenantId,
        Version = record.Version + 1,
        CreatedAt = record.CreatedAt,
        UpdatedAt = updatedAt,
        Document = document,
    };

    private static void AssertSame(WebhookSubscriptionRecord expected, WebhookSubscriptionRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.TenantId, actual.TenantId);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.Document, actual.Document, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<string>> ListAllIdsAsync(string tenantId, int pageSize)
    {
        var ids = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await Store.ListAsync(tenantId, after, pageSize, Ct);
            Assert.True(page.Count <= pageSize);
            ids.AddRange(page.Select(r => r.Id));
            if (page.Count < pageSize)
            {
                return ids;
            }

            after = page[^1].Id;
        }
    }

    // ---------------------------------------------------------------- insert and get

    /// <summary>An inserted record is read back with every field as stored.</summary>
    [Fact]
    public async Task Insert_then_get_returns_the_record_unchanged()
    {
        var record = new WebhookSubscriptionRecord
        {
            Id = "sub_01",
            TenantId = "tenant-1",
            Version = 7,
            CreatedAt = T0.AddMilliseconds(123),
            UpdatedAt = T0.AddMinutes(5),
            Document = "{\"id\":\"sub_01\"}",
        };

        Assert.True(await Store.TryInsertAsync(record, Ct));

        AssertSame(record, await Store.GetAsync("sub_01", Ct));
    }

    /// <summary>The document is opaque: kept character for character, however it is formatted or escaped.</summary>
    [Fact]
    public async Task The_document_is_kept_exactly_as_given()
    {
        var document = "{ \"b\" : 1,\n\t\"a\":\"\u00e4\\u00e4 \ud83d\ude00 \\\"q\\\" '\",  \"z\": [ ] ,\"n\":1.50e+01 }  ";
        var large = "{\"x\":\"" + new string('y', 100_000) + "\"}";
        await Store.TryInsertAsync(NewRecord("sub_a", document: document), Ct);
        await Store.TryInsertAsync(NewRecord("sub_b", document: large), Ct);

        Assert.Equal(document, (await Store.GetAsync("sub_a", Ct))!.Document, StringComparer.Ordinal);
        Assert.Equal(large, (await Store.GetAsync("sub_b", Ct))!.Document, StringComparer.Ordinal);
        Assert.Equal(document, (await Store.ListAsync("tenant-1", null, 10, Ct))[0].Document, StringComparer.Ordinal);
    }

    /// <summary>Inserting an id that exists changes nothing (whatever the tenant) and says so.</summary>
    [Fact]
    public async Task Insert_of_an_existing_id_changes_nothing_and_returns_false()
    {
        var first = NewRecord("sub_01", document: "{\"first\":true}");
        Assert.True(await Store.TryInsertAsync(first, Ct));

        Assert.False(await Store.TryInsertAsync(NewRecord("sub_01", document: "{\"second\":true}", createdAt: T0.AddHours(1)), Ct));
        Assert.False(await Store.TryInsertAsync(NewRecord("sub_01", tenantId: "tenant-2"), Ct));

        AssertSame(first, await Store.GetAsync("sub_01", Ct));
        Assert.Empty(await Store.ListAsync("tenant-2", null, 10, Ct));
    }

    /// <summary>Concurrent inserts of one id store it once.</summary>
    [Fact]
    public async Task Concurrent_inserts_of_one_id_store_it_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Store.TryInsertAsync(NewRecord("sub_race", document: $"{{\"n\":{i}}}"), Ct))));

        Assert.Equal(1, results.Count(won => won));
        var winner = Array.IndexOf(results, true);
        Assert.Equal($"{{\"n\":{winner}}}", (await Store.GetAsync("sub_race", Ct))!.Document);
    }

    /// <summary>An unknown id is <see langword="null"/>, ids are exact (no prefix or case match).</summary>
    [Fact]
    public async Task Get_of_an_unknown_id_returns_null()
    {
        await Store.TryInsertAsync(NewRecord("sub_abc"), Ct);

        Assert.Null(await Store.GetAsync("sub_unknown", Ct));
        Assert.Null(await Store.GetAsync("sub_ab", Ct));
        Assert.Null(await Store.GetAsync("SUB_ABC", Ct));
        Assert.NotNull(await Store.GetAsync("sub_abc", Ct));
    }

    // ---------------------------------------------------------------- list

    /// <summary>A tenant's records come in ascending (ordinal) id order, page by page after the last id, each page at most the limit.</summary>
    [Fact]
    public async Task List_returns_the_tenants_records_in_id_order_with_keyset_paging_and_limit()
    {
        string[] ids = ["sub_0B", "sub_01", "sub_0A", "sub_10", "sub_02", "sub_0a", "sub_1", "sub_9"];
        foreach (var id in ids)
        {
            await Store.TryInsertAsync(NewRecord(id), Ct);
        }

        var expected = ids.Order(StringComparer.Ordinal).ToArray();

        var first = await Store.ListAsync("tenant-1", null, 3, Ct);
        Assert.Equal(expected[..3], first.Select(r => r.Id));
        var second = await Store.ListAsync("tenant-1", first[^1].Id, 3, Ct);
        Assert.Equal(expected[3..6], second.Select(r => r.Id));
        var third = await Store.ListAsync("tenant-1", second[^1].Id, 3, Ct);
        Assert.Equal(expected[6..], third.Select(r => r.Id));
        Assert.Empty(await Store.ListAsync("tenant-1", third[^1].Id, 3, Ct));

        Assert.Equal(expected, await ListAllIdsAsync("tenant-1", 1));
        Assert.Equal(expected, await ListAllIdsAsync("tenant-1", 100));
        AssertSame(NewRecord("sub_0B"), (await Store.ListAsync("tenant-1", "sub_0A", 1, Ct)).Single());
    }

    /// <summary>The cursor need not be a stored id: the page starts at the first id after it.</summary>
    [Fact]
    public async Task List_after_an_id_that_does_not_exist_starts_at_the_next_one()
    {
        foreach (var id in new[] { "sub_a", "sub_c", "sub_e" })
        {
            await Store.TryInsertAsync(NewRecord(id), Ct);
        }

        Assert.Equal(["sub_c", "sub_e"], (await Store.ListAsync("tenant-1", "sub_b", 10, Ct)).Select(r => r.Id));
        Assert.Equal(["sub_a"], (await Store.ListAsync("tenant-1", "", 1, Ct)).Select(r => r.Id));
        Assert.Empty(await Store.ListAsync("tenant-1", "sub_z", 10, Ct));
    }

    /// <summary>Listing never shows another tenant's records, however alike the tenant ids are.</summary>
    [Fact]
    public async Task Other_tenants_are_never_listed()
    {
        await Store.TryInsertAsync(NewRecord("sub_1", tenantId: "tenant-1"), Ct);
        await Store.TryInsertAsync(NewRecord("sub_2", tenantId: "tenant-10"), Ct);
        await Store.TryInsertAsync(NewRecord("sub_3", tenantId: "Tenant-1"), Ct);
        await Store.TryInsertAsync(NewRecord("sub_4", tenantId: "tenant-1 "), Ct);
        await Store.TryInsertAsync(NewRecord("sub_5", tenantId: "tenant-1"), Ct);

        Assert.Equal(["sub_1", "sub_5"], (await Store.ListAsync("tenant-1", null, 10, Ct)).Select(r => r.Id));
        Assert.Equal(["sub_5"], (await Store.ListAsync("tenant-1", "sub_1", 10, Ct)).Select(r => r.Id));
        Assert.Equal(["sub_2"], (await Store.ListAsync("tenant-10", null, 10, Ct)).Select(r => r.Id));
        Assert.Equal(["sub_3"], (await Store.ListAsync("Tenant-1", null, 10, Ct)).Select(r => r.Id));
        Assert.Empty(await Store.ListAsync("tenant-", null, 10, Ct));
        Assert.Empty(await Store.ListAsync("tenant-2", null, 10, Ct));
    }

    // ---------------------------------------------------------------- replace

    /// <summary>A replace with the current version stores the new document and time and raises the version by exactly one; id, tenant and creation time stay.</summary>
    [Fact]
    public async Task Replace_with_the_current_version_stores_the_change_and_raises_the_version_by_one()
    {
        var record = NewRecord("sub_01");
        await Store.TryInsertAsync(record, Ct);

        var second = Changed(record, "{\"v\":2}", T0.AddMinutes(1));
        Assert.True(await Store.TryReplaceAsync(second, expectedVersion: 1, Ct));
        AssertSame(second, await Store.GetAsync("sub_01", Ct));

        var third = Changed(second, "{\"v\":3}", T0.AddMinutes(2));
        Assert.True(await Store.TryReplaceAsync(third, expectedVersion: 2, Ct));
        var stored = await Store.GetAsync("sub_01", Ct);
        AssertSame(third, stored);
        Assert.Equal(3, stored!.Version);
        AssertSame(third, (await Store.ListAsync("tenant-1", null, 10, Ct)).Single());
    }

    /// <summary>A replace with an older or a newer version than the stored one changes nothing and says so.</summary>
    [Fact]
    public async Task Replace_with_a_wrong_version_changes_nothing_and_returns_false()
    {
        var record = NewRecord("sub_01");
        await Store.TryInsertAsync(record, Ct);
        var second = Changed(record, "{\"v\":2}", T0.AddMinutes(1));
        await Store.TryReplaceAsync(second, 1, Ct);

        Assert.False(await Store.TryReplaceAsync(Changed(record, "{\"stale\":true}", T0.AddMinutes(2)), expectedVersion: 1, Ct));
        Assert.False(await Store.TryReplaceAsync(Changed(second, "{\"ahead\":true}", T0.AddMinutes(2)), expectedVersion: 3, Ct));
        Assert.False(await Store.TryReplaceAsync(Changed(second, "{\"zero\":true}", T0.AddMinutes(2)), expectedVersion: 0, Ct));

        AssertSame(second, await Store.GetAsync("sub_01", Ct));
    }

    /// <summary>A replace of a record that does not exist creates nothing.</summary>
    [Fact]
    public async Task Replace_of_a_missing_record_creates_nothing_and_returns_false()
    {
        Assert.False(await Store.TryReplaceAsync(Changed(NewRecord("sub_missing"), "{}", T0), expectedVersion: 1, Ct));

        Assert.Null(await Store.GetAsync("sub_missing", Ct));
        Assert.Empty(await Store.ListAsync("tenant-1", null, 10, Ct));
    }

    /// <summary>Replaces racing with the same expected version: exactly one wins, and its document is the one stored.</summary>
    [Fact]
    public async Task Concurrent_replaces_with_the_same_expected_version_let_exactly_one_win()
    {
        var record = NewRecord("sub_01");
        await Store.TryInsertAsync(record, Ct);
        await Store.TryInsertAsync(NewRecord("sub_02"), Ct);

        for (var round = 0; round < 5; round++)
        {
            var current = (await Store.GetAsync("sub_01", Ct))!;
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                Task.Run(() => Store.TryReplaceAsync(Changed(current, $"{{\"round\":{round},\"writer\":{i}}}", T0.AddSeconds(round)), current.Version, Ct))));

            Assert.Equal(1, results.Count(won => won));
            var stored = (await Store.GetAsync("sub_01", Ct))!;
            Assert.Equal(current.Version + 1, stored.Version);
            Assert.Equal($"{{\"round\":{round},\"writer\":{Array.IndexOf(results, true)}}}", stored.Document);
        }

        Assert.Equal(6, (await Store.GetAsync("sub_01", Ct))!.Version);
        Assert.Equal(1, (await Store.GetAsync("sub_02", Ct))!.Version);
    }

    // ---------------------------------------------------------------- delete

    /// <summary>A delete with the current version removes the record from reads and lists; the id can be used again.</summary>
    [Fact]
    public async Task Delete_with_the_current_version_removes_the_record()
    {
        var record = NewRecord("sub_01");
        await Store.TryInsertAsync(record, Ct);
        await Store.TryInsertAsync(NewRecord("sub_02"), Ct);
        await Store.TryReplaceAsync(Changed(record, "{\"v\":2}", T0.AddMinutes(1)), 1, Ct);

        Assert.True(await Store.TryDeleteAsync("sub_01", expectedVersion: 2, Ct));

        Assert.Null(await Store.GetAsync("sub_01", Ct));
        Assert.Equal(["sub_02"], (await Store.ListAsync("tenant-1", null, 10, Ct)).Select(r => r.Id));
        Assert.False(await Store.TryDeleteAsync("sub_01", expectedVersion: 2, Ct));
        Assert.True(await Store.TryInsertAsync(NewRecord("sub_01", document: "{\"again\":true}"), Ct));
        Assert.Equal("{\"again\":true}", (await Store.GetAsync("sub_01", Ct))!.Document);
    }

    /// <summary>A delete with another version, or of a missing record, changes nothing and says so.</summary>
    [Fact]
    public async Task Delete_with_a_wrong_version_or_of_a_missing_record_changes_nothing_and_returns_false()
    {
        var record = NewRecord("sub_01");
        await Store.TryInsertAsync(record, Ct);
        await Store.TryReplaceAsync(Changed(record, "{\"v\":2}", T0.AddMinutes(1)), 1, Ct);

        Assert.False(await Store.TryDeleteAsync("sub_01", expectedVersion: 1, Ct));
        Assert.False(await Store.TryDeleteAsync("sub_01", expectedVersion: 3, Ct));
        Assert.False(await Store.TryDeleteAsync("sub_missing", expectedVersion: 1, Ct));

        Assert.Equal(2, (await Store.GetAsync("sub_01", Ct))!.Version);
    }

    // ---------------------------------------------------------------- arguments

    /// <summary>Missing arguments and a limit below one are refused with argument exceptions.</summary>
    [Fact]
    public async Task Invalid_arguments_are_refused()
    {
        await Assert.ThrowsAnyAsync<ArgumentNullException>(() => Store.TryInsertAsync(null!, Ct));
        await Assert.ThrowsAnyAsync<ArgumentNullException>(() => Store.GetAsync(null!, Ct));
        await Assert.ThrowsAnyAsync<ArgumentNullException>(() => Store.ListAsync(null!, null, 10, Ct));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => Store.ListAsync("tenant-1", null, 0, Ct));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => Store.ListAsync("tenant-1", null, -1, Ct));
        await Assert.ThrowsAnyAsync<ArgumentNullException>(() => Store.TryReplaceAsync(null!, 1, Ct));
        await Assert.ThrowsAnyAsync<ArgumentNullException>(() => Store.TryDeleteAsync(null!, 1, Ct));
    }

    /// <summary>Strings other than ASCII survive in ids, tenants and documents.</summary>
    [Fact]
    public async Task Text_other_than_ascii_round_trips_in_every_column()
    {
        var record = NewRecord("sub_\u00e9t\u00e9", tenantId: "mandant-\u00fc\u4e2d", document: Encoding.UTF8.GetString(Encoding.UTF8.GetBytes("{\"s\":\"\u00df\u4e2d\ud83d\ude00\"}")));
        await Store.TryInsertAsync(record, Ct);

        AssertSame(record, await Store.GetAsync(record.Id, Ct));
        AssertSame(record, (await Store.ListAsync(record.TenantId, null, 10, Ct)).Single());
    }
}
