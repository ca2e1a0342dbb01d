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

    /// <summary>
    /// True on PostgreSQL, where several nodes may share the database. On SQLite there is one node per file, and
    /// callers keep to their in-process locks.
    /// </summary>
    public bool AcrossNodes => options.Value.Provider == DatabaseProvider.Postgres;

    /// <summary>The lock called <paramref name="name"/> (any text; names longer than an advisory key are hashed).</summary>
    public PostgresDistributedLock For(string name) => _provider.Value.CreateLock(Key(name));

    /// <summary>
    /// Takes the lock called <paramref name="name"/> if it is free, on a connection of its own, and holds it until the
    /// lease is disposed or its connection is lost: for a lock held long, such as the policy folder's leader.
    /// </summary>
    public Task<DatabaseLease?> TryLeaseAsync(string name, CancellationToken cancellationToken) =>
        DatabaseLease.TryTakeAsync(options.Value.ConnectionString, Key(name), cancellationToken);

    /// <summary>
    /// Takes the lock <paramref name="name"/> for the rest of the transaction (released by its commit or rollback):
    /// for work that is one transaction anyway, this costs no connection of its own.
    /// </summary>
    public static async Task AcquireForTransactionAsync(string name, System.Data.IDbTransaction transaction, CancellationToken cancellationToken) =>
        await PostgresDistributedLock.AcquireWithTransactionAsync(Key(name), transaction, cancellationToken: cancellationToken);

    private static PostgresAdvisoryLockKey Key(string name) => new($"escalation:{name}", allowHashing: true);
}
