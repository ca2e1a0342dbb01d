using EscalationStudio.Persistence.Postgres;
using EscalationStudio.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Persistence.Tests.Migrations;

public sealed class MigrationsTests
{
    private const string Advice = "the entity model changed without new migrations: run src/EscalationStudio.Persistence/add-migration.sh <Name>";

    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteEscalationDbContext(new DbContextOptionsBuilder<SqliteEscalationDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(), Advice);
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        using var db = new PostgresEscalationDbContext(new DbContextOptionsBuilder<PostgresEscalationDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);

        Assert.False(db.Database.HasPendingModelChanges(), Advice);
    }
}
