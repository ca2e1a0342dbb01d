using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Persistence;

/// <summary>
/// The one database of Escalation Studio. Each provider has a derived context (<see cref="Sqlite.SqliteEscalationDbContext"/>,
/// <see cref="Postgres.PostgresEscalationDbContext"/>) only so that each keeps its own migrations; the model is this one.
/// </summary>
public class EscalationDbContext : DbContext
{
    protected EscalationDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Ticket> Tickets => Set<Ticket>();

    public DbSet<TicketEvent> TicketEvents => Set<TicketEvent>();

    public DbSet<Customer> Customers => Set<Customer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Every IEntityTypeConfiguration in this assembly, so that a helper adding an entity adds one
        // <Entity>Configuration class and nothing else here.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EscalationDbContext).Assembly);
    }
}
