using System.Diagnostics;
using System.Threading.Channels;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Summaries;
using EscalationStudio.Persistence;
using EscalationStudio.Persistence.Locks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Server.HealthFigures;

/// <summary>
/// One <see cref="TicketSummary"/> per ticket, kept by the metrics library's fold (<see cref="TicketHistoryFold"/>)
/// in memory: rebuilt from the event history when the node starts, then updated with each commit of this node's desk,
/// so the figures never re-read histories per request. The history is the only record: nothing here is persisted, so a
/// restart cannot leave a summary behind its events.
/// </summary>
/// <remarks>
/// <para>
/// Commits are heard on the desk's writer and only queued (an observer must not hold up the next commit); one loop
/// applies them. It starts collecting before the rebuild reads the history, and the fold ignores an event it has
/// applied, so an event committed during the rebuild is applied once, whichever of the two brings it first.
/// </para>
/// <para>
/// A ticket's events must reach the fold in order. On PostgreSQL other nodes commit too: the loop reads what they
/// committed every <see cref="EscalationHealthOptions.OtherNodesInterval"/>, and before applying a commit whose ticket
/// has events the fold has not seen, reads those first.
/// </para>
/// </remarks>
internal sealed partial class LiveTicketSummaries(
    IServiceScopeFactory scopes,
    IOrgDirectorySource org,
    EscalationCounters counters,
    DatabaseLocks locks,
    IEnumerable<IOtherNodesEventObserver> otherNodesObservers,
    IOptions<EscalationHealthOptions> options,
    TimeProvider time,
    ILogger<LiveTicketSummaries> logger) : BackgroundService, ITicketEventObserver
{
    // Events of other nodes are read again for this long back: a commit's events carry the time it was applied, and a
    // slower transaction (or a node's clock) may make them visible after later ones were read.
    private static readonly TimeSpan OtherNodesOverlap = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan OwnChangesWait = TimeSpan.FromSeconds(1);

    // Tickets whose events one statement reads: an id list well under PostgreSQL's parameter limit.
    private const int TicketsPerRead = 500;

    private readonly Channel<IReadOnlyList<TicketEvent>> _commits = Channel.CreateUnbounded<IReadOnlyList<TicketEvent>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ReaderWriterLockSlim _gate = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TicketHistoryFold _fold = new(OrgDirectory.Empty);
    private DateTimeOffset _otherNodesFrom = DateTimeOffset.MinValue;
    private long _heard;
    private long _applied;

    /// <summary>Completes once the history has been folded.</summary>
    public Task Ready => _ready.Task;

    public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _heard);
        _commits.Writer.TryWrite(events);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Reads the summaries once the history is folded and the commits heard before the call are applied (a caller
    /// sees its own change; under a backlog it waits at most <see cref="OwnChangesWait"/>); <paramref name="read"/>
    /// runs while no commit is applied.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<IReadOnlyCollection<TicketSummary>, T> read, CancellationToken cancellationToken)
    {
        await _ready.Task.WaitAsync(cancellationToken);
        var heard = Interlocked.Read(ref _heard);
        var waiting = Stopwatch.StartNew();
        while (Interlocked.Read(ref _applied) < heard && waiting.Elapsed < OwnChangesWait)
        {
            await Task.Delay(1, cancellationToken);
        }

        _gate.EnterReadLock();
        try
        {
            return read(_fold.Summaries);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Waits until every commit heard so far is applied (tests).</summary>
    internal async Task WhenCaughtUpAsync(CancellationToken cancellationToken = default)
    {
        await _ready.Task.WaitAsync(cancellationToken);
        while (Interlocked.Read(ref _applied) < Interlocked.Read(ref _heard))
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RebuildAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _ready.TrySetCanceled(stoppingToken);
            return;
        }
        catch (Exception e)
        {
            // Figures from part of a history would be wrong figures: the API says the summaries are unavailable.
            LogRebuildFailed(e);
            _ready.TrySetException(e);
            return;
        }

        using var otherNodes = locks.AcrossNodes ? new PeriodicTimer(options.Value.OtherNodesInterval, time) : null;
        var otherNodesDue = otherNodes?.WaitForNextTickAsync(stoppingToken).AsTask();
        Task<bool>? commitWaiting = null;
        try
        {
            while (true)
            {
                commitWaiting ??= _commits.Reader.WaitToReadAsync(stoppingToken).AsTask();
                await (otherNodesDue is null ? commitWaiting : (Task)Task.WhenAny(commitWaiting, otherNodesDue));
                if (otherNodesDue is { IsCompleted: true })
                {
                    if (!await otherNodesDue)
                    {
                        return;
                    }

                    await ReadOtherNodesAsync(stoppingToken);
                    otherNodesDue = otherNodes!.WaitForNextTickAsync(stoppingToken).AsTask();
                }

                if (commitWaiting.IsCompleted)
                {
                    if (!await commitWaiting)
                    {
                        return;
                    }

                    commitWaiting = null;
                    await ApplyQueuedAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the history keeps whatever was not applied, and the next start folds it.
        }
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var fold = new TicketHistoryFold(org.Current);
        var events = 0;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();

            // One statement, so one snapshot of the history; commits after it arrive through the queue.
            await foreach (var ticketEvent in db.TicketEvents.AsNoTracking().OrderBy(e => e.TicketId).ThenBy(e => e.Sequence)
                               .AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                fold.Apply(ticketEvent);
                events++;
                _otherNodesFrom = ticketEvent.OccurredAt > _otherNodesFrom ? ticketEvent.OccurredAt : _otherNodesFrom;
            }
        }

        _gate.EnterWriteLock();
        try
        {
            _fold = fold;
        }
        finally
        {
            _gate.ExitWriteLock();
        }

        LogRebuilt(fold.Summaries.Count, events, started.Elapsed.TotalMilliseconds);
        _ready.TrySetResult();
    }

    private async Task ApplyQueuedAsync(CancellationToken cancellationToken)
    {
        while (_commits.Reader.TryRead(out var events))
        {
            try
            {
                await ApplyCommitAsync(events, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Left out here, the commit is still in the history: the next commit of the ticket reads it from there.
                LogCommitFailed(e, events[0].TicketId);
            }
            finally
            {
                Interlocked.Increment(ref _applied);
            }
        }
    }

    private async Task ApplyCommitAsync(IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        // A gap (another node's commit of this ticket not read yet) is filled from the history first.
        if (SeenThrough(events[0].TicketId) < events[0].Sequence - 1)
        {
            await ApplyFromHistoryAsync(events[0].TicketId, events[0].Sequence, cancellationToken);
        }

        Apply(events, count: true);
    }

    private void Apply(IEnumerable<TicketEvent> events, bool count)
    {
        _gate.EnterWriteLock();
        try
        {
            foreach (var ticketEvent in events)
            {
                _fold.Apply(ticketEvent);
                if (count)
                {
                    counters.Count(ticketEvent, _fold.Find(ticketEvent.TicketId));
                }
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    private int SeenThrough(Guid ticketId)
    {
        _gate.EnterReadLock();
        try
        {
            return _fold.Find(ticketId)?.Version ?? 0;
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    private async Task ApplyFromHistoryAsync(Guid ticketId, int before, CancellationToken cancellationToken)
    {
        var after = SeenThrough(ticketId);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var missing = await db.TicketEvents.AsNoTracking()
            .Where(e => e.TicketId == ticketId && e.Sequence > after && e.Sequence < before)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        Apply(missing, count: false);
    }

    private async Task ReadOtherNodesAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Before any event was seen (a node started on an empty database) everything is read: MinValue less the
            // overlap would throw, and the reader would never start.
            var from = _otherNodesFrom == DateTimeOffset.MinValue ? DateTimeOffset.MinValue : _otherNodesFrom - OtherNodesOverlap;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();

            // First one row a ticket: how far its events in the window go. Only the tickets with events the fold has
            // not seen are read in full. Reading every event of the window (a minute of overlap, mostly this node's own
            // commits, long applied) was 130,000 rows every 5 s at 2,000 events a second, 130-330 ms of PostgreSQL's
            // time each: the HTTP load's p99 at 1,000 requests/s went from 174-433 ms to 12-37 ms without it.
            var touched = await db.TicketEvents.AsNoTracking()
                .Where(e => e.OccurredAt >= from)
                .GroupBy(e => e.TicketId)
                .Select(t => new { TicketId = t.Key, Through = t.Max(e => e.Sequence), Latest = t.Max(e => e.OccurredAt) })
                .ToListAsync(cancellationToken);
            foreach (var behind in touched.Where(t => t.Through > SeenThrough(t.TicketId)).Select(t => t.TicketId).Chunk(TicketsPerRead))
            {
                var ids = behind.ToList();
                var recent = await db.TicketEvents.AsNoTracking()
                    .Where(e => ids.Contains(e.TicketId) && e.OccurredAt >= from)
                    .OrderBy(e => e.TicketId).ThenBy(e => e.Sequence)
                    .ToListAsync(cancellationToken);
                foreach (var ticket in recent.GroupBy(e => e.TicketId))
                {
                    await ApplyOtherNodesAsync(ticket, cancellationToken);
                }
            }

            if (touched.Count > 0)
            {
                _otherNodesFrom = touched.Max(t => t.Latest);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogOtherNodesFailed(e);
        }
    }

    /// <summary>A ticket's events of the window, in order: those before them the fold misses first, then these.</summary>
    private async Task ApplyOtherNodesAsync(IGrouping<Guid, TicketEvent> ticket, CancellationToken cancellationToken)
    {
        var first = ticket.First();
        var seen = SeenThrough(first.TicketId);
        if (seen < first.Sequence - 1)
        {
            await ApplyFromHistoryAsync(first.TicketId, first.Sequence, cancellationToken);
        }

        Apply(ticket, count: false);
        if (ticket.Where(e => e.Sequence > seen).ToList() is { Count: > 0 } fresh)
        {
            foreach (var observer in otherNodesObservers)
            {
                observer.OnOtherNodesCommitted(first.TicketId, fresh);
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(LogLevel.Information, "Escalation health: {Tickets} ticket summaries folded from {Events} events in {Milliseconds:F0} ms")]
    private partial void LogRebuilt(int tickets, int events, double milliseconds);

    [LoggerMessage(LogLevel.Error, "Escalation health: folding the ticket history failed; the figures are unavailable until the node restarts")]
    private partial void LogRebuildFailed(Exception exception);

    [LoggerMessage(LogLevel.Error, "Escalation health: applying a commit of ticket {TicketId} failed; its next commit reads the history again")]
    private partial void LogCommitFailed(Exception exception, Guid ticketId);

    [LoggerMessage(LogLevel.Warning, "Escalation health: reading other nodes' ticket events failed; the next interval tries again")]
    private partial void LogOtherNodesFailed(Exception exception);
}
