using Medallion.Threading.Postgres;
using Npgsql;

namespace EscalationStudio.Persistence.Locks;

/// <summary>
/// A lock held for as long as its connection lives (<see cref="DatabaseLocks.TryLeaseAsync"/>): a session-level
/// advisory lock on a connection of its own, idle between <see cref="IsHeldAsync"/> checks.
/// </summary>
/// <remarks>
/// DistributedLock's own watch of a held lock (its <c>HandleLostToken</c>) keeps a minute-long <c>pg_sleep</c> running
/// on the lock's connection. A running statement holds a snapshot, and PostgreSQL then keeps every row version younger
/// than it: under the HTTP ticket load that was over 100,000 dead versions of 8,000 ticket rows (a 30 MB table), most
/// ticket updates no longer in place, and each lock and update slower by the minute. An idle connection holds no
/// snapshot, and PostgreSQL reads a killed client's closed socket at once, so a dead node's lease is free at once too,
/// where the sleeping one outlived it by up to a minute.
/// </remarks>
public sealed class DatabaseLease : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly PostgresDistributedLockHandle _handle;

    private DatabaseLease(NpgsqlConnection connection, PostgresDistributedLockHandle handle)
    {
        _connection = connection;
        _handle = handle;
    }

    internal static async Task<DatabaseLease?> TryTakeAsync(string connectionString, PostgresAdvisoryLockKey key, CancellationToken cancellationToken)
    {
        // Not pooled: closing the connection must end the session, and with it the lock, whatever else failed.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        DatabaseLease? lease = null;
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (await new PostgresDistributedLock(key, connection).TryAcquireAsync(TimeSpan.Zero, cancellationToken) is { } handle)
            {
                lease = new DatabaseLease(connection, handle);
            }

            return lease;
        }
        finally
        {
            if (lease is null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Whether the lease still holds: its session answers. A lost connection (the database restarted, the session was
    /// ended) has released the lock, and another node may hold it now.
    /// </summary>
    public async Task<bool> IsHeldAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", _connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _handle.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
            // The connection is gone, and the lock with it.
        }

        await _connection.DisposeAsync();
    }
}
