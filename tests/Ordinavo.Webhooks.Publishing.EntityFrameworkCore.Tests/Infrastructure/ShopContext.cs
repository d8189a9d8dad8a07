using Microsoft.EntityFrameworkCore;

namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>The backend's own DbContext: one table <c>orders</c> (unqualified, so PostgreSQL finds it on the search path).</summary>
public sealed class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
{
    public const string CreateTableSql = "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, status text NOT NULL);";

    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("orders");
            order.Property(o => o.Id).HasColumnName("id").ValueGeneratedNever();
            order.Property(o => o.Status).HasColumnName("status");
        });
    }

    public static ShopContext Sqlite(string path) =>
        new(new DbContextOptionsBuilder<ShopContext>().UseSqlite($"Data Source={path}").Options);

    public static ShopContext Postgres(string connectionString, string schema) =>
        new(new DbContextOptionsBuilder<ShopContext>().UseNpgsql($"{connectionString};Search Path={schema}").Options);
}
