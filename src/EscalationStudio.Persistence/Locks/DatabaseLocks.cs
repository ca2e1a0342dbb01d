using Medallion.Threading.Postgres;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Persistence.Locks;

/// <summary>
/// Named locks that every node sharing the PostgreSQL database honours: session-level advisory locks through
/// DistributedLock.Postgres (the library Elsa uses). Several held locks share one connection (the library's
/// multiplexing), so holding a lock for each running policy instance costs no connection each.
/// </summary>
public sealed class DatabaseLocks(IOptions<EscalationDatabaseOptions> options)
{
    private readonly Lazy<PostgresDistributedSynchronizationProvider> _provider = new(() =>
        new PostgresDistributedSynchronizationProvider(options.Value.ConnectionString));

    private readonly Lazy<PostgresDistributedSynchronizationProvider> _alone = new(() =>
        new PostgresDistributedSynchronizationProvider(options.Value.ConnectionString, o => o.UseMultiplexing(false)));

    /// <summary>
    /// True on PostgreSQL, where several nodes may share the database. On SQLite there is one node per file, and
    /// callers keep to their in-process locks.
    /// </summary>
    public bool AcrossNodes => options.Value.Provider == DatabaseProvider.Postgres;

    /// <summary>The lock called <paramref name="name"/> (any text; names longer than an advisory key are hashed).</summary>
    public PostgresDistributedLock For(string name) => _provider.Value.CreateLock(new PostgresAdvisoryLockKey($"escalation:{name}", allowHashing: true));

    /// <summary>
    /// The lock called <paramref name="name"/>, on a connection of its own: for a lock held long whose holder watches
    /// its <c>HandleLostToken</c>. The library watches a connection by keeping a minute-long <c>pg_sleep</c> running
    /// on it, and PostgreSQL notices a killed client only when that statement ends, so a killed process keeps every lock
    /// of the watched connection for up to a minute. Shared with the tier-pick and instance locks, a node's crash
    /// stopped every node's escalations into the tier it was picking for (the restart's catch-up waited 40 to 60 s);
    /// alone, only this lock outlives the process that long.
    /// </summary>
    public PostgresDistributedLock ForWatchedHold(string name) => _alone.Value.CreateLock(new PostgresAdvisoryLockKey($"escalation:{name}", allowHashing: true));

    /// <summary>
    /// Takes the lock <paramref name="name"/> for the rest of the transaction (released by its commit or rollback):
    /// for work that is one transaction anyway, this costs no connection of its own.
    /// </summary>
    public static async Task AcquireForTransactionAsync(string name, System.Data.IDbTransaction transaction, CancellationToken cancellationToken) =>
        await PostgresDistributedLock.AcquireWithTransactionAsync(new PostgresAdvisoryLockKey($"escalation:{name}", allowHashing: true), transaction, cancellationToken: cancellationToken);
}
