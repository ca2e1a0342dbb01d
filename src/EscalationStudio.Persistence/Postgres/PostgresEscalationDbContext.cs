using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EscalationStudio.Persistence.Postgres;

/// <summary>PostgreSQL, for several server nodes sharing one database. Migrations live in Migrations/Postgres.</summary>
internal sealed class PostgresEscalationDbContext(DbContextOptions<PostgresEscalationDbContext> options) : EscalationDbContext(options);

internal sealed class PostgresEscalationDbContextFactory : IDesignTimeDbContextFactory<PostgresEscalationDbContext>
{
    // Generating migrations needs no server: the connection string is never opened.
    public PostgresEscalationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresEscalationDbContext>().UseNpgsql("Host=localhost;Database=escalation").Options);
}
