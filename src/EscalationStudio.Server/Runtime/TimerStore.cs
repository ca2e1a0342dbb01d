using System.Security.Cryptography;
using System.Text;
using EscalationStudio.Persistence;
using EscalationStudio.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace EscalationStudio.Server.Runtime;

/// <summary>
/// Where Quartz keeps the armed timers: its ADO store, on the same database provider as everything else, so an armed
/// timer survives a restart and a PostgreSQL cluster fires each timer on one node only.
/// </summary>
internal static class TimerStore
{
    public const string SqliteFileSuffix = ".timers.db";

    /// <summary>
    /// The store for the configured provider. The connection string is read when the scheduler starts (from
    /// <see cref="EscalationDatabaseOptions"/>), so configuration overrides made after registration apply.
    /// </summary>
    public static void UseTimerStore(this IQuartzBuilder quartz, DatabaseProvider provider) =>
        quartz.UsePersistentStore(store =>
        {
            if (provider == DatabaseProvider.Postgres)
            {
                store.UsePostgres(source => source.DataSourceFactory = services => NpgsqlDataSource.Create(DatabaseOf(services).ConnectionString));
                store.UseClustering();
            }
            else
            {
                store.UseSqlite(source => source.DataSourceFactory = services => SqliteTuning.DataSource(SqliteConnectionString(DatabaseOf(services))));
            }

            store.ProvisionSchema();
        });

    /// <summary>
    /// The scheduler's name, which is also the key of its rows in the store. It must stay the same across restarts
    /// (or the new scheduler would not see the old one's timers) and, in a PostgreSQL cluster, across nodes. Quartz
    /// also keeps its schedulers in a process-wide registry by name; a SQLite store is named after its file, so
    /// several hosts on their own data folders can share one process, as the API tests do.
    /// </summary>
    public static string SchedulerName(EscalationDatabaseOptions database) =>
        database.Provider == DatabaseProvider.Postgres
            ? "escalation"
            : $"escalation-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SqliteFile(database))))[..16]}";

    /// <summary>
    /// A SQLite file of its own beside the escalation database: SQLite has one writer at a time, and timers armed by
    /// the policies would otherwise queue behind (and hold up) ticket commits on the same file.
    /// </summary>
    public static string SqliteFile(EscalationDatabaseOptions database)
    {
        var source = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (string.IsNullOrWhiteSpace(source.DataSource) || source.DataSource == ":memory:" || source.Mode == SqliteOpenMode.Memory)
        {
            throw new InvalidOperationException(
                "The timer store needs the escalation database in a SQLite file; ConnectionStrings:Escalation names an in-memory database.");
        }

        var file = Path.GetFullPath(source.DataSource);
        return Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + SqliteFileSuffix);
    }

    private static string SqliteConnectionString(EscalationDatabaseOptions database) =>
        new SqliteConnectionStringBuilder { DataSource = SqliteFile(database), Pooling = true }.ConnectionString;

    private static EscalationDatabaseOptions DatabaseOf(IServiceProvider services) =>
        services.GetRequiredService<IOptions<EscalationDatabaseOptions>>().Value;
}
