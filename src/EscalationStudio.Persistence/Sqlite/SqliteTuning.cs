using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EscalationStudio.Persistence.Sqlite;

/// <summary>
/// How every SQLite connection the server opens is set up. SQLite's defaults (a rollback journal, a full fsync on
/// every commit) held instance saves to 63–985 per second in the engine's measurements; write-ahead logging lets
/// readers run beside the one writer, and synchronous=NORMAL syncs at checkpoints rather than on every commit. In WAL
/// mode that still never corrupts the database: a power cut can only lose the last commits, an application crash
/// nothing. The busy timeout makes a second writer (the timer store, a CLI on the same file) wait inside SQLite
/// instead of failing at once with "database is locked".
/// </summary>
public static class SqliteTuning
{
    public const int BusyTimeoutMilliseconds = 5_000;

    /// <summary>
    /// What the write-ahead log is cut back to after a checkpoint. Under a steady stream of writes with readers always
    /// open (100,000 timers firing within a minute), checkpoints never find a moment to restart the log, and without a
    /// limit the file kept its high-water mark: 160–740 MB beside a 54 MB database.
    /// </summary>
    public const long WalSizeLimitBytes = 64 * 1024 * 1024;

    // journal_mode is stored in the file, so only the first open changes anything; synchronous, busy_timeout and
    // journal_size_limit belong to the native connection and must be set on each one.
    private static readonly string Pragmas =
        $"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA journal_size_limit = {WalSizeLimitBytes};";

    // The native connections already tuned. Microsoft.Data.Sqlite pools them and hands the same native handle to
    // every SqliteConnection that rents it, and EF Core opens and closes its connection around every query: running
    // the three pragmas only when a handle is new spares a statement per query. A handle leaves this table when the
    // pool closes it and it is collected.
    private static readonly ConditionalWeakTable<sqlite3, object> Tuned = [];

    public static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public static async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Applies the tuning unless the open connection's native handle already has it (a pooled handle opened before).</summary>
    public static void ApplyOnce(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            OncePerHandle(sqlite, Tuned, Pragmas);
        }
        else
        {
            Apply(connection);
        }
    }

    /// <summary>
    /// Runs <paramref name="pragmas"/> on the open connection unless its native handle is in <paramref name="done"/>
    /// already (a pooled handle that ran them before), then records the handle there.
    /// </summary>
    internal static void OncePerHandle(SqliteConnection connection, ConditionalWeakTable<sqlite3, object> done, string pragmas)
    {
        var handle = connection.Handle;
        if (handle is not null && done.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
        if (handle is not null)
        {
            done.TryAdd(handle, done);
        }
    }

    /// <summary>A connection that applies the tuning whenever it opens, for code that opens connections itself (Quartz's store).</summary>
    public static DbDataSource DataSource(string connectionString) => TunedSqliteFactory.Instance.CreateDataSource(connectionString);

    private sealed class TunedSqliteFactory : DbProviderFactory
    {
        public static readonly TunedSqliteFactory Instance = new();

        public override DbConnection CreateConnection() => new TunedSqliteConnection();

        public override DbCommand CreateCommand() => SqliteFactory.Instance.CreateCommand();

        public override DbParameter CreateParameter() => SqliteFactory.Instance.CreateParameter();

        public override DbConnectionStringBuilder CreateConnectionStringBuilder() => SqliteFactory.Instance.CreateConnectionStringBuilder();
    }

    private sealed class TunedSqliteConnection : SqliteConnection
    {
        public override void Open()
        {
            base.Open();
            ApplyOnce(this);
        }

        // Opening a SQLite file is synchronous work anyway; one path keeps the tuning from running twice.
        public override Task OpenAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Open();
            return Task.CompletedTask;
        }
    }
}
