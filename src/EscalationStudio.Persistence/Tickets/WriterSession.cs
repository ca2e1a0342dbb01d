using System.Data.Common;
using EscalationStudio.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// The context, connection and prepared statements one group commit of the <see cref="TicketWriter"/> works with.
/// On SQLite the writer keeps one session open for as long as it runs: its connection's page cache stays warm from
/// one commit to the next and each statement is prepared once. A connection taken from the pool for each commit may
/// have served a reader last, and SQLite drops a connection's page cache when another connection has committed since
/// its last transaction: such a commit read its b-tree pages back from the log, and every commit prepared its
/// statements anew. On PostgreSQL, where nodes share the server and a connection may break, each commit takes a
/// session of its own from the pools.
/// </summary>
internal sealed class WriterSession : IAsyncDisposable
{
    // The writer's page cache (negative: in KB). SQLite's 2 MB default holds less than the pages a busy node's commits
    // touch again within seconds (the open tickets' rows and their events' and messages' index pages).
    private const string SqliteCachePragma = "PRAGMA cache_size = -32768";

    private readonly AsyncServiceScope _scope;

    private WriterSession(AsyncServiceScope scope, EscalationDbContext db, bool kept)
    {
        _scope = scope;
        Db = db;
        IsKept = kept;
        Statements = kept ? new Dictionary<string, DbCommand>(StringComparer.Ordinal) : null;
    }

    public EscalationDbContext Db { get; }

    /// <summary>Whether the session outlives its commit (SQLite) rather than ending with it.</summary>
    public bool IsKept { get; }

    /// <summary>The statements prepared on this session's connection, by SQL, when it is kept; otherwise null (a batch prepares its own).</summary>
    public Dictionary<string, DbCommand>? Statements { get; }

    /// <summary>A session for the next commit: one to keep on SQLite, one for this commit alone on PostgreSQL.</summary>
    public static async Task<WriterSession> OpenAsync(IServiceScopeFactory scopes)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();

            // One connection open for the loads and the commit, instead of one per statement.
            await db.Database.OpenConnectionAsync();
            var keep = db.Database.IsSqlite();
            if (keep)
            {
                var connection = db.Database.GetDbConnection();
                WalCheckpoints.LeaveToBackground(connection);
                await using var cache = connection.CreateCommand();
                cache.CommandText = SqliteCachePragma;
                await cache.ExecuteNonQueryAsync();
            }

            return new WriterSession(scope, db, keep);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>Readies a kept session for the next commit: nothing the last one loaded stays tracked.</summary>
    public void Reset() => Db.ChangeTracker.Clear();

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in Statements?.Values ?? Enumerable.Empty<DbCommand>())
        {
            await statement.DisposeAsync();
        }

        await _scope.DisposeAsync();
    }
}
