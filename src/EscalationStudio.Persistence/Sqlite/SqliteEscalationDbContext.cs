using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EscalationStudio.Persistence.Sqlite;

/// <summary>The embedded default: one SQLite file in the data folder. Migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteEscalationDbContext(DbContextOptions<SqliteEscalationDbContext> options) : EscalationDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time type and cannot order or compare DateTimeOffset text; a binary (ticks) column
        // keeps timelines and date filters in order.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

internal sealed class SqliteEscalationDbContextFactory : IDesignTimeDbContextFactory<SqliteEscalationDbContext>
{
    public SqliteEscalationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteEscalationDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
