using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Persistence.Delivery;
using EscalationStudio.Persistence.Postgres;
using EscalationStudio.Persistence.Sqlite;
using EscalationStudio.Persistence.Tickets;
using EscalationStudio.Persistence.Tickets.Outbox;
using EscalationStudio.Persistence.Tickets.ReadMarks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// The meter of the node's ticket writer, for <c>/metrics</c>: how many desk calls each commit takes, how long it
    /// takes, how busy the writer is and how many calls wait for it.
    /// </summary>
    public const string MeterName = "EscalationStudio.Tickets";

    /// <summary>
    /// Registers <see cref="EscalationDbContext"/> (resolved to the configured provider's context) and the
    /// <see cref="ITicketDesk"/> with its node-wide writer. Configure <see cref="EscalationDatabaseOptions"/> separately; it is read lazily.
    /// </summary>
    public static IServiceCollection AddEscalationPersistence(this IServiceCollection services)
    {
        services.AddOptions<EscalationDatabaseOptions>();
        // Pooled contexts: every store call and desk command takes one, and a pooled one is reset instead of built.
        services.AddDbContextPool<SqliteEscalationDbContext>((sp, options) => options
            .UseSqlite(sp.GetRequiredService<IOptions<EscalationDatabaseOptions>>().Value.ConnectionString)
            .AddInterceptors(SqliteTuningInterceptor.Instance)
            .ConfigureWarnings(LogPendingModelChanges));
        services.AddDbContextPool<PostgresEscalationDbContext>((sp, options) => options
            .UseNpgsql(PostgresTuning.ConnectionString(sp.GetRequiredService<IOptions<EscalationDatabaseOptions>>().Value.ConnectionString))
            .ConfigureWarnings(LogPendingModelChanges));
        services.AddScoped<EscalationDbContext>(sp =>
            sp.GetRequiredService<IOptions<EscalationDatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.Postgres => sp.GetRequiredService<PostgresEscalationDbContext>(),
                _ => sp.GetRequiredService<SqliteEscalationDbContext>(),
            });
        services.AddSingleton<Locks.DatabaseLocks>();
        services.AddSingleton<TicketWriter>();
        services.AddScoped<ITicketDesk, TicketDesk>();
        services.AddScoped<DeskCallKeys>();
        services.AddSingleton<ITicketEventOutbox, EfTicketEventOutbox>();
        services.AddSingleton<IDeliveryOutbox, EfDeliveryOutbox>();
        services.AddSingleton<ITicketReadMarks, EfTicketReadMarks>();
        return services;
    }

    // A model that drifted from the migrations is caught by a test (MigrationsTests); at run time it is logged rather
    // than stopping the server, so one helper's entity in progress does not take the whole host down.
    private static void LogPendingModelChanges(WarningsConfigurationBuilder warnings) =>
        warnings.Log(RelationalEventId.PendingModelChangesWarning);

    /// <summary>Applies pending migrations of the configured provider (safe on several nodes: EF takes a migration lock).</summary>
    public static async Task MigrateEscalationDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
