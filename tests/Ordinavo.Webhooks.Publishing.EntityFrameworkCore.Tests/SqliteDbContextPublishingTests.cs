using Microsoft.EntityFrameworkCore;
using Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Tests;

/// <summary>A backend publishes inside its EF Core unit of work on one SQLite file (real file, real worker, real receiver).</summary>
public sealed class SqliteDbContextPublishingTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private SqliteScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await SqliteScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task SaveChangesAndPublish_commits_the_change_and_the_webhook_together_and_delivers_it()
    {
        var input = SqliteScenario.NewEvent(1);
        await using var db = _scenario.NewContext();
        var order = new Order { Id = 1, Status = "Approved" };
        db.Orders.Add(order);

        var result = await _scenario.Publisher.SaveChangesAndPublishAsync(db, input, CancellationToken.None);

        Assert.Equal(input.EventId, result.EventId);
        Assert.Equal(1, result.DeliveriesEnqueued);
        Assert.False(result.IsDuplicate);
        Assert.Null(db.Database.CurrentTransaction);
        Assert.Equal(EntityState.Unchanged, db.Entry(order).State);
        Assert.True(await _scenario.OrderExistsAsync(1));
        Assert.True(await _scenario.Receiver.WaitForDistinctAsync(1, Timeout));
        Assert.Equal(1, _scenario.Receiver.CountOf(input.EventId!));
    }

    [Fact]
    public async Task Rollback_of_the_backends_transaction_leaves_no_order_and_no_delivery()
    {
        var rolledBack = SqliteScenario.NewEvent(2);
        var committed = SqliteScenario.NewEvent(3);
        await using (var db = _scenario.NewContext())
        {
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Orders.Add(new Order { Id = 2 });
                await _scenario.Publisher.SaveChangesAndPublishAsync(db, rolledBack, CancellationToken.None);
                Assert.Same(transaction, db.Database.CurrentTransaction);   // the caller's transaction stays the caller's
                await transaction.RollbackAsync();
            }

            db.ChangeTracker.Clear();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Orders.Add(new Order { Id = 3 });
                await db.SaveChangesAsync();
                await _scenario.Publisher.PublishAsync(db, committed, CancellationToken.None);
                await transaction.CommitAsync();
            }
        }

        // The event committed after the rolled-back one arrives: the worker has looked past the rolled-back one.
        Assert.True(await _scenario.Receiver.WaitForDistinctAsync(1, Timeout));
        await Task.Delay(300);
        Assert.Equal(1, _scenario.Receiver.CountOf(committed.EventId!));
        Assert.Equal(0, _scenario.Receiver.CountOf(rolledBack.EventId!));
        Assert.Equal(0, await _scenario.StoredDeliveriesAsync(rolledBack.EventId!));
        Assert.False(await _scenario.OrderExistsAsync(2));
        Assert.True(await _scenario.OrderExistsAsync(3));
    }

    [Fact]
    public async Task Commit_of_the_backends_transaction_delivers()
    {
        var input = SqliteScenario.NewEvent(4);
        await using var db = _scenario.NewContext();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Orders.Add(new Order { Id = 4 });
            await db.SaveChangesAsync();
            var result = await _scenario.Publisher.PublishAsync(db, input, CancellationToken.None);
            Assert.Equal(1, result.DeliveriesEnqueued);
            Assert.Equal(0, await _scenario.StoredDeliveriesAsync(input.EventId!));   // not visible before the commit
            await transaction.CommitAsync();
        }

        Assert.Equal(1, await _scenario.StoredDeliveriesAsync(input.EventId!));
        Assert.True(await _scenario.Receiver.WaitForDistinctAsync(1, Timeout));
        Assert.Equal(1, _scenario.Receiver.CountOf(input.EventId!));
    }

    [Fact]
    public async Task Publish_without_a_current_transaction_is_a_typed_error_and_opens_none()
    {
        var input = SqliteScenario.NewEvent(5);
        await using var db = _scenario.NewContext();
        db.Orders.Add(new Order { Id = 5 });

        var error = await Assert.ThrowsAsync<WebhookPublishingException>(() => _scenario.Publisher.PublishAsync(db, input, CancellationToken.None));

        Assert.Equal(WebhookPublishingErrorReason.TransactionRequired, error.Reason);
        Assert.Contains("BeginTransactionAsync", error.Message, StringComparison.Ordinal);
        Assert.Null(db.Database.CurrentTransaction);
        Assert.Equal(0, await _scenario.StoredDeliveriesAsync(input.EventId!));
        Assert.False(await _scenario.OrderExistsAsync(5));
    }

    [Fact]
    public async Task A_failing_SaveChanges_rolls_the_webhook_back_too()
    {
        await using (var db = _scenario.NewContext())
        {
            db.Orders.Add(new Order { Id = 6 });
            await db.SaveChangesAsync();
        }

        var input = SqliteScenario.NewEvent(6);
        await using (var db = _scenario.NewContext())
        {
            db.Orders.Add(new Order { Id = 6 });   // the primary key exists: SaveChanges fails
            await Assert.ThrowsAsync<DbUpdateException>(() => _scenario.Publisher.SaveChangesAndPublishAsync(db, input, CancellationToken.None));
            Assert.Null(db.Database.CurrentTransaction);
        }

        Assert.Equal(0, await _scenario.StoredDeliveriesAsync(input.EventId!));
        Assert.Equal(0L, _scenario.Meters.PublishedCount);
    }

    [Fact]
    public async Task Republishing_an_event_id_is_a_duplicate_and_delivers_once()
    {
        var input = SqliteScenario.NewEvent(7);
        await using var db = _scenario.NewContext();
        db.Orders.Add(new Order { Id = 7 });
        var first = await _scenario.Publisher.SaveChangesAndPublishAsync(db, input, CancellationToken.None);
        db.Orders.Add(new Order { Id = 8 });
        var again = await _scenario.Publisher.SaveChangesAndPublishAsync(db, input, CancellationToken.None);

        Assert.False(first.IsDuplicate);
        Assert.True(again.IsDuplicate);
        Assert.Equal(0, again.DeliveriesEnqueued);
        Assert.True(await _scenario.OrderExistsAsync(8));   // the business change of the second unit still commits
        Assert.Equal(1, await _scenario.StoredDeliveriesAsync(input.EventId!));
        Assert.True(await _scenario.Receiver.WaitForDistinctAsync(1, Timeout));
        await Task.Delay(300);
        Assert.Equal(1, _scenario.Receiver.Total);
    }

    [Fact]
    public async Task The_published_metric_counts_these_publishes_but_not_duplicates()
    {
        await using var db = _scenario.NewContext();
        db.Orders.Add(new Order { Id = 9 });
        var input = SqliteScenario.NewEvent(9);
        await _scenario.Publisher.SaveChangesAndPublishAsync(db, input, CancellationToken.None);
        Assert.Equal(1L, _scenario.Meters.PublishedCount);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await _scenario.Publisher.PublishAsync(db, SqliteScenario.NewEvent(10), CancellationToken.None);
            await _scenario.Publisher.PublishAsync(db, input, CancellationToken.None);   // duplicate
            await transaction.CommitAsync();
        }

        Assert.Equal(2L, _scenario.Meters.PublishedCount);
    }
}
