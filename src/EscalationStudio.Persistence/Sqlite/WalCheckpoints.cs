using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace EscalationStudio.Persistence.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file beside the ticket writer instead of inside its commits.
/// </summary>
/// <remarks>
/// SQLite checkpoints on the connection that commits, once the log passes 1,000 pages: with the ticket writer the one
/// busy committer, about one of its commits in five copied the log and synced the file twice, and those commits took
/// 28 % of the writer's time under the HTTP load (2–10 ms each where the others took 0.2–1 ms), the writer being the
/// node's ceiling. So the writer's connections do not checkpoint (<see cref="LeaveToBackground"/>), and a pass every
/// <see cref="Interval"/> on a connection of its own copies what readers allow, without the write lock, beside the
/// commits. A log only starts over from its beginning when a writer begins with every page of it copied and no reader
/// still inside it, which a pass racing a busy writer almost never leaves (the log grew to 2.8 GB in 90 s that way):
/// so once a pass finds the log longer than <see cref="LongLog"/> pages, the writer checkpoints once more on its own
/// connection right after its next commit (<see cref="AfterCommitAsync"/>), copying only what came since the pass, and
/// its next commit restarts the log. Under the HTTP load the log stayed under 19,000 pages (74 MB) and the writer
/// checkpointed about eight times a second instead of sixty.
/// </remarks>
internal sealed partial class WalCheckpoints : IAsyncDisposable, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Pages (of 4 KB) in the log past which the writer checkpoints after its next commit: 16 MB.</summary>
    public const int LongLog = 4096;

    // While the writer commits nothing, a pass a second is enough for what other connections add to the log.
    private const int IdleTicksPerPass = 20;

    // The native connections that no longer checkpoint on commit (see SqliteTuning for why per handle).
    private static readonly ConditionalWeakTable<sqlite3, object> Left = [];

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly int _longLog;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _logPages;
    private int _writerDue;
    private int _committed;

    /// <param name="interval">Between background passes; <see cref="Timeout.InfiniteTimeSpan"/> for none (a test running <see cref="PassAsync"/> itself).</param>
    public WalCheckpoints(IServiceScopeFactory scopes, Meter meter, ILogger logger, TimeSpan interval, int longLog = LongLog)
    {
        _scopes = scopes;
        _logger = logger;
        _longLog = longLog;
        meter.CreateObservableGauge("escalation.sqlite.wal_pages", () => Volatile.Read(ref _logPages), unit: "{page}",
            description: "Pages in SQLite's write-ahead log at the last background checkpoint; it starts over once they are all copied.");
        _loop = interval == Timeout.InfiniteTimeSpan ? Task.CompletedTask : Task.Run(() => RunAsync(interval));
    }

    /// <summary>Pages in the log when the last checkpoint (a pass or the writer's) ended.</summary>
    public long LogPages => Volatile.Read(ref _logPages);

    /// <summary>Turns off SQLite's checkpoint on commit for the connection's native handle (once per handle).</summary>
    public static void LeaveToBackground(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            SqliteTuning.OncePerHandle(sqlite, Left, "PRAGMA wal_autocheckpoint = 0");
        }
    }

    /// <summary>
    /// Called by the writer after a commit, on the connection it committed on: when the log has grown long, copies the
    /// rest of it, so the writer's next commit starts the log over. Never fails the commit it follows.
    /// </summary>
    public async Task AfterCommitAsync(DbConnection connection)
    {
        Volatile.Write(ref _committed, 1);

        // Once per long log a pass found: the checkpoint that follows leaves the log just as long until it starts over.
        if (Interlocked.Exchange(ref _writerDue, 0) == 0)
        {
            return;
        }

        try
        {
            await CheckpointAsync(connection, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The commit stands whatever happens here; the next pass finds the log long again.
            LogFailed(e);
        }
    }

    /// <summary>One background pass: copies what the readers allow, without taking the write lock.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await CheckpointAsync(db.Database.GetDbConnection(), cancellationToken);
        Volatile.Write(ref _writerDue, LogPages > _longLog ? 1 : 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    // Stops the passes without waiting for the one under way.
    public void Dispose() => _stop.Cancel();

    private async Task RunAsync(TimeSpan interval)
    {
        // Real time, not the injected clock: this is the file's housekeeping, and a test's frozen clock must not stop it.
        using var timer = new PeriodicTimer(interval);
        try
        {
            var idleTicks = 0;
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (Interlocked.Exchange(ref _committed, 0) == 0 && ++idleTicks < IdleTicksPerPass)
                {
                    continue;
                }

                idleTicks = 0;
                try
                {
                    await PassAsync(_stop.Token);
                }
                catch (Exception e) when (e is DbException or InvalidOperationException)
                {
                    // The next pass tries again; meanwhile the writer's commits go on, the log only longer.
                    LogFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task CheckpointAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        // One row: whether it was blocked, the pages in the log, the pages copied so far (-1 and -1 when not in WAL mode).
        if (await reader.ReadAsync(cancellationToken))
        {
            Volatile.Write(ref _logPages, Math.Max(0, reader.GetInt64(1)));
        }
    }

    [LoggerMessage(LogLevel.Debug, "A checkpoint of SQLite's write-ahead log failed; the next one tries again")]
    private partial void LogFailed(Exception exception);
}
