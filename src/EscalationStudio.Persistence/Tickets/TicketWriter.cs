using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Persistence.Sqlite;
using EscalationStudio.Persistence.Tickets.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// The one writer of tickets on this node (group commit). Desk calls queue their command; the writer takes every
/// command waiting at that moment, takes their tickets (as it committed them lately, else loaded in one go), applies
/// each domain verb and commits them all in one transaction, then tells the observers and answers each caller. Many
/// concurrent callers so pay for one transaction instead of one each, and never queue inside SQLite for its single
/// write lock.
/// </summary>
/// <remarks>
/// A ticket takes at most one command per batch, so each caller gets the ticket exactly as its own change left it
/// and observers hear each change as its own commit; further commands on that ticket wait for the next batch, in
/// order. A verb that throws fails its own caller only. When the whole commit fails because of one command (another
/// node changed one of the tickets first, two nodes added the same new customer, a value the database refuses) the
/// batch's commands are committed one by one, as lone desk calls would be; only conflicts are retried, since a value
/// the database refuses is refused again (see <see cref="CommitFailure"/>). While the writer commits, the dispatcher's
/// outbox marks ride along in its next commit (<see cref="MarkHandledAlongAsync"/>), so no second writer takes the
/// database's write lock from under it.
/// </remarks>
internal sealed partial class TicketWriter : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 256;
    private const int Attempts = 10;

    // Tickets kept as committed, per generation (two generations): the open tickets a busy node changes again within
    // minutes. The byte bound (an estimate, see CommittedTickets) holds them to 64 MB when conversations run long.
    private const int TicketsKept = 4096;
    private const long BytesKept = 32L * 1024 * 1024;

    private readonly Channel<TicketCommand> _commands = Channel.CreateUnbounded<TicketCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly IOrgDirectorySource _org;
    private readonly TimeProvider _time;
    private readonly Lazy<ITicketEventObserver[]> _observers;
    private readonly Lazy<IDeliveryPlanner?> _deliveries;
    private readonly ILogger<TicketWriter> _logger;
    private readonly Task _loop;
    private readonly CommittedTickets _committed = new(TicketsKept, BytesKept);
    private readonly Meter? _ownMeter;
    private readonly Figures _figures;
    private readonly bool _onSqlite;
    private readonly WalCheckpoints? _checkpoints;
    private readonly MarksAlong _marks = new();
    private WriterSession? _session;
    private int _queued;

    public TicketWriter(IServiceScopeFactory scopes, IServiceProvider services, IOrgDirectorySource org, TimeProvider time, ILogger<TicketWriter> logger)
    {
        _scopes = scopes;
        _org = org;
        _time = time;
        _logger = logger;

        // Resolved on the first commit: an observer may itself depend on the desk.
        _observers = new Lazy<ITicketEventObserver[]>(() => [.. services.GetServices<ITicketEventObserver>()]);
        _deliveries = new Lazy<IDeliveryPlanner?>(services.GetService<IDeliveryPlanner>);

        var meter = services.GetService<IMeterFactory>()?.Create(PersistenceServiceCollectionExtensions.MeterName)
            ?? (_ownMeter = new Meter(PersistenceServiceCollectionExtensions.MeterName));
        _figures = new Figures(meter, () => Volatile.Read(ref _queued));
        _onSqlite = services.GetService<IOptions<EscalationDatabaseOptions>>()?.Value.Provider == DatabaseProvider.Sqlite;
        if (_onSqlite)
        {
            _checkpoints = new WalCheckpoints(scopes, meter, logger, WalCheckpoints.Interval);
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues the command and answers once it is committed (or failed). The caller's cancellation only stops its own wait.</summary>
    public Task<Ticket> WriteAsync(TicketCommand command)
    {
        Interlocked.Increment(ref _queued);
        if (!_commands.Writer.TryWrite(command))
        {
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(TicketWriter), "the ticket writer has stopped: the server is shutting down");
        }

        return command.Answer.WaitAsync(command.CancellationToken);
    }

    /// <summary>
    /// On SQLite, while the writer is busy committing, queues the dispatcher's outbox marks for its next commit and
    /// answers once that commit is done (see <see cref="EfTicketEventOutbox.MarkHandledAsync"/>); null while it is idle,
    /// and on PostgreSQL: the caller then commits them itself.
    /// </summary>
    /// <remarks>
    /// PostgreSQL locks rows, not the database, so there the marks' own transaction runs beside the writer's; inside the
    /// writer's commits they took 14 % of its time (two statements of their own, 3.4 ms a commit that carried them).
    /// </remarks>
    public Task? MarkHandledAlongAsync(IReadOnlyCollection<HandledTicketEvents> handled, DateTimeOffset handledAt) =>
        _onSqlite ? _marks.TryJoin(handled, handledAt) : null;

    /// <summary>The ticket as this node's writer last committed it, if it still keeps it; never to be changed (copy it first).</summary>
    public Ticket? Committed(Guid ticketId) => _committed.Peek(ticketId);

    /// <summary>Takes no more commands and lets those already queued finish.</summary>
    public async ValueTask DisposeAsync()
    {
        _commands.Writer.TryComplete();
        await _loop;
        if (_checkpoints is not null)
        {
            await _checkpoints.DisposeAsync();
        }

        _ownMeter?.Dispose();
    }

    // A container disposed synchronously does not wait: the loop finishes the queued commands on its own.
    public void Dispose()
    {
        _commands.Writer.TryComplete();
        _checkpoints?.Dispose();
        _ownMeter?.Dispose();
    }

    private async Task RunAsync()
    {
        var waiting = new List<TicketCommand>();
        var more = false;
        while (more || await _commands.Reader.WaitToReadAsync())
        {
            _marks.BeginRound();

            var batch = new List<TicketCommand>();
            var next = new List<TicketCommand>();
            var tickets = new HashSet<Guid>();
            var cancelled = 0;
            foreach (var command in waiting)
            {
                Take(command);
            }

            while (batch.Count < MaxBatch && _commands.Reader.TryRead(out var command))
            {
                Take(command);
            }

            waiting = next;
            Interlocked.Add(ref _queued, -(batch.Count + cancelled));
            var marks = _marks.Take();
            if (batch.Count > 0 || marks.Count > 0)
            {
                var started = Stopwatch.GetTimestamp();
                await CommitAsync(batch, marks);
                _figures.Committed(batch.Count, Stopwatch.GetElapsedTime(started));
            }

            // Idle from here unless more waits: marks made while idle commit on their own.
            more = _marks.EndRound(() => waiting.Count > 0 || _commands.Reader.TryPeek(out _));

            void Take(TicketCommand command)
            {
                if (command.CancellationToken.IsCancellationRequested)
                {
                    command.Cancel();
                    cancelled++;
                }
                else if (batch.Count >= MaxBatch || (command.TicketId is { } id && !tickets.Add(id)))
                {
                    next.Add(command);
                }
                else
                {
                    batch.Add(command);
                }
            }
        }

        if (_session is not null)
        {
            await _session.DisposeAsync();
            _session = null;
        }
    }

    private async Task CommitAsync(List<TicketCommand> batch, List<OutboxMarks> marks)
    {
        try
        {
            await CommitTogetherAsync(batch, marks);
        }
        catch (Exception e) when (CommitFailures.Classify(e) is var failure and not CommitFailure.Database)
        {
            var left = batch.Where(c => !c.IsAnswered).ToList();
            if (left.Count == 1 && marks.Count == 0)
            {
                // A batch of one has already had its first attempt.
                await AfterFailedAttemptAsync(left[0], e, failure, attempt: 1);
            }
            else
            {
                if (left.Count > 1)
                {
                    LogBatchFailed(e, left.Count);
                }

                foreach (var command in left)
                {
                    await CommitAloneAsync(command, firstAttempt: 1);
                }

                if (marks.Count > 0)
                {
                    await CommitMarksAloneAsync(marks);
                }
            }
        }
        catch (Exception e)
        {
            foreach (var command in batch)
            {
                command.Fail(e);
            }

            foreach (var mark in marks)
            {
                mark.Fail(e);
            }
        }
    }

    // Marks fail only if they fail alone: the dispatcher then leaves their events to the outbox's sweep.
    private async Task CommitMarksAloneAsync(List<OutboxMarks> marks)
    {
        try
        {
            await CommitTogetherAsync([], marks);
        }
        catch (Exception e)
        {
            foreach (var mark in marks)
            {
                mark.Fail(e);
            }
        }
    }

    private async Task CommitAloneAsync(TicketCommand command, int firstAttempt)
    {
        try
        {
            await CommitTogetherAsync([command], []);
        }
        catch (Exception e)
        {
            await AfterFailedAttemptAsync(command, e, CommitFailures.Classify(e), firstAttempt);
        }
    }

    private async Task AfterFailedAttemptAsync(TicketCommand command, Exception failed, CommitFailure failure, int attempt)
    {
        while (failure == CommitFailure.Conflict && attempt < Attempts)
        {
            // Another writer committed this ticket first: the version check, a serialization failure or deadlock, or
            // the unique (ticket, sequence) index of the events tripped; or the same new customer was added elsewhere.
            // The retry starts from the database again, after a random pause: two nodes retrying in lockstep would
            // trip each other again, and a node still committing a run of changes to the ticket wins every race.
            LogRetry(command.TicketId, attempt);
            await Task.Delay(RetryPause(attempt));
            attempt++;
            try
            {
                await CommitTogetherAsync([command], []);
                return;
            }
            catch (Exception e)
            {
                (failed, failure) = (e, CommitFailures.Classify(e));
            }
        }

        if (failure == CommitFailure.Data)
        {
            LogRefused(failed, command.TicketId);
        }

        command.Fail(failed);
    }

    private async Task CommitTogetherAsync(IReadOnlyList<TicketCommand> commands, List<OutboxMarks> marks)
    {
        var applied = new List<(TicketCommand Command, Ticket Ticket)>(commands.Count);
        var repeats = new List<(TicketCommand Command, Ticket Ticket)>();
        var session = _session ?? await WriterSession.OpenAsync(_scopes);
        _session = null;
        try
        {
            var db = session.Db;
            await using var batch = new TicketBatch(db, _committed, session.Statements);
            foreach (var mark in marks)
            {
                batch.StageHandled(mark.Handled, mark.HandledAt);
            }

            await batch.LoadAsync(commands, CancellationToken.None);

            var directory = _org.Current;
            foreach (var command in commands)
            {
                if (batch.IsRepeat(command))
                {
                    // Made before (a policy run replayed after a crash): answered with the ticket as it is, nothing written.
                    repeats.Add((command, batch.Ticket(command.TicketId!.Value)));
                    continue;
                }

                try
                {
                    var now = Now();
                    var ticket = command.Apply(batch, directory, now);
                    if (ticket.UncommittedEvents.Count > 0 && _deliveries.Value is { } planner)
                    {
                        batch.StageDeliveries(planner.Plan(ticket, ticket.UncommittedEvents, directory), now);
                    }

                    batch.Stage(ticket, command.Key);
                    applied.Add((command, ticket));
                }
                catch (Exception e)
                {
                    if (command.TicketId is { } id)
                    {
                        batch.Forget(id);
                    }

                    command.Fail(e);
                }
            }

            if (batch.HasChanges)
            {
                try
                {
                    // Not any caller's token: one caller giving up must not undo the others' commit.
                    await batch.SaveAsync(CancellationToken.None);
                }
                catch
                {
                    // A kept ticket may be what made it fail (another node changed it): the retries load them afresh.
                    foreach (var command in commands)
                    {
                        if (command.TicketId is { } id)
                        {
                            _committed.Forget(id);
                        }
                    }

                    throw;
                }

                if (_checkpoints is not null)
                {
                    await _checkpoints.AfterCommitAsync(db.Database.GetDbConnection());
                }
            }
        }
        catch
        {
            // Whatever failed may have left the connection unusable: the next commit opens a session afresh.
            await session.DisposeAsync();
            throw;
        }

        if (session.IsKept)
        {
            session.Reset();
            _session = session;
        }
        else
        {
            await session.DisposeAsync();
        }

        foreach (var (command, ticket) in applied)
        {
            var events = ticket.TakeUncommittedEvents();
            _committed.Keep(ticket);
            if (events.Count > 0)
            {
                await NotifyAsync(ticket, events);
            }

            command.Succeed(ticket);
        }

        foreach (var (command, ticket) in repeats)
        {
            command.Succeed(ticket);
        }

        foreach (var mark in marks)
        {
            mark.Succeed();
        }
    }

    private async ValueTask NotifyAsync(Ticket ticket, IReadOnlyList<TicketEvent> events)
    {
        foreach (var observer in _observers.Value)
        {
            try
            {
                await observer.OnCommittedAsync(ticket, events, CancellationToken.None);
            }
            catch (Exception e)
            {
                LogObserverFailed(e, observer.GetType().Name, ticket.Id);
            }
        }
    }

    // 1-2 ms after the first conflict, doubling up to 64-128 ms: ten attempts wait at most about half a second.
    private static TimeSpan RetryPause(int attempt)
    {
        var ceiling = 1 << Math.Min(attempt - 1, 6);
        return TimeSpan.FromMilliseconds(ceiling + Random.Shared.NextDouble() * ceiling);
    }

    // Whole milliseconds: SQLite keeps a tenth of a millisecond and PostgreSQL a microsecond, so a time is stored and
    // read back unchanged on both, and what a command answers equals what a later read returns.
    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    /// <summary>
    /// The writer's figures at <c>/metrics</c>. Whether the one writer is the node's ceiling: busy time near one second a
    /// second means desk calls queue behind it, whatever the CPU shows (0.90-0.95 under the HTTP load's closed loop).
    /// </summary>
    private sealed class Figures
    {
        private static readonly int[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256];
        private static readonly double[] MillisecondBuckets = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000];

        private readonly Histogram<int> _batchSize;
        private readonly Histogram<double> _commitTime;
        private readonly Counter<double> _busyTime;

        public Figures(Meter meter, Func<int> queued)
        {
            _batchSize = meter.CreateHistogram("escalation.ticket_writer.batch_size", unit: "{command}",
                description: "Desk calls committed together in one transaction by this node's ticket writer.",
                advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });
            _commitTime = meter.CreateHistogram("escalation.ticket_writer.commit_time", unit: "ms",
                description: "Time from taking a batch of desk calls to answering them: loads, domain verbs, statements and commit.",
                advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MillisecondBuckets });
            _busyTime = meter.CreateCounter<double>("escalation.ticket_writer.busy_time", unit: "s",
                description: "Time the ticket writer spent committing; its rate is the share of the time it is busy (1 = saturated).");
            meter.CreateObservableGauge("escalation.ticket_writer.queue_depth", queued, unit: "{command}",
                description: "Desk calls waiting for the ticket writer.");
        }

        public void Committed(int commands, TimeSpan took)
        {
            _batchSize.Record(commands);
            _commitTime.Record(took.TotalMilliseconds);
            _busyTime.Add(took.TotalSeconds);
        }
    }

    [LoggerMessage(LogLevel.Information, "A group commit of {Commands} ticket commands failed; committing them one by one")]
    private partial void LogBatchFailed(Exception exception, int commands);

    [LoggerMessage(LogLevel.Information, "Ticket {TicketId} was changed by another writer; retrying (attempt {Attempt})")]
    private partial void LogRetry(Guid? ticketId, int attempt);

    [LoggerMessage(LogLevel.Warning, "A change to ticket {TicketId} holds data the database refuses; that change fails, without retries")]
    private partial void LogRefused(Exception exception, Guid? ticketId);

    [LoggerMessage(LogLevel.Error, "Observer {Observer} failed on events of ticket {TicketId}; the change itself is committed")]
    private partial void LogObserverFailed(Exception exception, string observer, Guid ticketId);
}
