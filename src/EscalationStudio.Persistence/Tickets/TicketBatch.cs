using System.Data.Common;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Persistence.Delivery;
using EscalationStudio.Persistence.Rows;
using EscalationStudio.Persistence.Tickets.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// The tickets and customers of one group commit: loaded together, changed by the commands' domain verbs, written
/// together in one transaction.
/// </summary>
/// <remarks>
/// EF Core loads the tickets (and joins each conversation up with its ticket); the writes are plain statements
/// (<see cref="RowShape"/>), not SaveChanges: the writer is the one serial path of every ticket change on a node, and
/// SaveChanges was most of its time in the runtime benchmark's profile (a modification command per row, sorting and
/// batching them, and SQLite preparing every statement of every batch anew). A batch prepares each kind of statement
/// once and runs it once per row, and nothing is tracked, since the batch's context is thrown away after its commit.
/// Messages are only ever appended and customers never change once written, so what a batch writes is known without
/// change tracking: each staged ticket's row, the messages past those it was loaded with, its new events, and the
/// customers new tickets brought.
/// </remarks>
internal sealed class TicketBatch : IAsyncDisposable
{
    private readonly EscalationDbContext _db;
    private readonly CommittedTickets _committed;
    private readonly Dictionary<Guid, Ticket> _tickets = [];
    private readonly Dictionary<string, Customer> _customers = new(StringComparer.Ordinal);

    // What each ticket was when the batch took it: the version the update checks, the messages already written, the
    // column values the update compares with.
    private readonly Dictionary<Guid, (int Version, int Messages, object?[] Row)> _loaded = [];
    private readonly List<Customer> _newCustomers = [];
    private readonly List<Ticket> _staged = [];
    private readonly List<AppliedTicketCommand> _newKeys = [];
    private readonly HashSet<(Guid, string)> _appliedKeys = [];
    private readonly List<DeliveryOutboxEntry> _deliveries = [];
    private readonly List<(IReadOnlyCollection<HandledTicketEvents> Events, DateTimeOffset At)> _handled = [];
    private readonly Dictionary<string, DbCommand>? _statements;

    /// <param name="statements">Statements prepared on the context's connection by earlier batches, by SQL, to run again and add to; null for a batch that prepares its own.</param>
    public TicketBatch(EscalationDbContext db, CommittedTickets committed, Dictionary<string, DbCommand>? statements = null)
    {
        _db = db;
        _committed = committed;
        _statements = statements;
    }

    /// <summary>
    /// Queues what the ticket's new events send (<see cref="IDeliveryPlanner"/>) for the delivery outbox, in the same
    /// commit as the events: a delivery is written exactly when its cause is.
    /// </summary>
    public void StageDeliveries(IReadOnlyList<PlannedDelivery> deliveries, DateTimeOffset now) =>
        _deliveries.AddRange(deliveries.Select(d => DeliveryOutboxEntry.From(d, now)));

    /// <summary>
    /// Every ticket the commands change, with requester and conversation, and the customers the new tickets name
    /// by e-mail. A ticket this node committed lately starts as a copy of the one kept in <see cref="CommittedTickets"/>;
    /// the others are loaded in two queries (EF Core joins the messages up with their tickets as it tracks them).
    /// </summary>
    /// <remarks>
    /// The messages come in a plain query rather than a collection <c>Include</c>, whose split-query shaper builds
    /// delegates by reflection on every run.
    /// </remarks>
    public async Task LoadAsync(IReadOnlyList<TicketCommand> commands, CancellationToken cancellationToken)
    {
        var loads = CompiledQueries<CompiledLoads>.For(_db);
        var ticketIds = commands.Select(c => c.TicketId).OfType<Guid>().Distinct().ToList();
        if (ticketIds.Count > 0)
        {
            var toLoad = new List<Guid>(ticketIds.Count);
            foreach (var id in ticketIds)
            {
                if (_committed.TryGet(id, out var kept))
                {
                    _tickets.Add(id, kept.Copy());
                }
                else
                {
                    toLoad.Add(id);
                }
            }

            if (toLoad.Count > 0)
            {
                // Locked before they are read, so what is read is what the commit changes.
                await LockForOtherNodesAsync(ticketIds, cancellationToken);
                await foreach (var ticket in loads.TicketsWithRequesters(_db, toLoad).WithCancellation(cancellationToken))
                {
                    _tickets.Add(ticket.Id, ticket);
                }

                // Tracking them is all: EF Core puts each message into its ticket's conversation.
                await foreach (var _ in loads.Conversations(_db, toLoad).WithCancellation(cancellationToken))
                {
                }
            }

            var rows = RowShape.For<Ticket>(_db);
            foreach (var ticket in _tickets.Values)
            {
                _loaded.Add(ticket.Id, (ticket.Version, ticket.Messages.Count, rows.Snapshot(ticket)));
            }
        }

        await LoadAppliedKeysAsync(commands, cancellationToken);
        var emails = commands.OfType<CreateTicket>().Select(c => c.RequesterEmail).Distinct(StringComparer.Ordinal).ToList();
        if (emails.Count > 0)
        {
            await foreach (var customer in loads.CustomersByEmail(_db, emails).WithCancellation(cancellationToken))
            {
                _customers.Add(customer.Email, customer);
            }
        }
    }

    /// <summary>
    /// On PostgreSQL, where several nodes share the database, a batch that reads tickets from the database holds their
    /// rows from the load to the commit. Without it two nodes' batches on the same tickets both fail the version check
    /// (and then retry), or deadlock on each other's event rows; with it the second waits for the first and reads its
    /// result. The rows are taken in id order, so two batches never each hold what the other waits for. A batch of
    /// tickets this node kept reads nothing: its updates take the same locks, being the first statements of its write
    /// and in id order (<see cref="SaveAsync"/>). A separate lock statement there wrote every row twice, the lock and
    /// then the change, and was the batch's dearest statement (0.44 ms a batch in <c>pg_stat_statements</c>). The
    /// version checks catch a copy another node made stale: its update changes nothing, and the ticket's first event
    /// then collides with that node's (one sequence per ticket), failing the batch before it reaches the ticket's outbox
    /// row, whose ticket it holds no lock on. SQLite has one writer per file.
    /// </summary>
    private async Task LockForOtherNodesAsync(List<Guid> ticketIds, CancellationToken cancellationToken)
    {
        if (!_db.Database.IsNpgsql())
        {
            return;
        }

        await _db.Database.BeginTransactionAsync(cancellationToken);
        var ids = ticketIds.ToArray();
        await _db.Database.ExecuteSqlAsync($"SELECT 1 FROM tickets WHERE \"Id\" = ANY({ids}) ORDER BY \"Id\" FOR UPDATE", cancellationToken);
    }

    /// <summary>The keys among the commands' that their tickets have taken already: those commands are repeats.</summary>
    private async Task LoadAppliedKeysAsync(IReadOnlyList<TicketCommand> commands, CancellationToken cancellationToken)
    {
        var keyed = commands.Where(c => c is { Key: not null, TicketId: not null }).ToList();
        if (keyed.Count == 0)
        {
            return;
        }

        var ids = keyed.Select(c => c.TicketId!.Value).Distinct().ToList();
        var keys = keyed.Select(c => c.Key!).Distinct().ToList();
        await foreach (var applied in _db.Set<AppliedTicketCommand>().AsNoTracking()
            .Where(a => ids.Contains(a.TicketId) && keys.Contains(a.Key)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            _appliedKeys.Add((applied.TicketId, applied.Key));
        }
    }

    /// <summary>Whether the command's ticket has already taken its key: then it must change nothing.</summary>
    public bool IsRepeat(TicketCommand command) =>
        command is { Key: { } key, TicketId: { } id } && _appliedKeys.Contains((id, key));

    public Ticket Ticket(Guid ticketId) => _tickets.GetValueOrDefault(ticketId) ?? throw new TicketNotFoundException(ticketId);

    /// <summary>The customer with this (normalised) e-mail, including one a ticket earlier in the batch brought.</summary>
    public Customer? Customer(string email) => _customers.GetValueOrDefault(email);

    public void Add(Ticket ticket, Customer? newCustomer)
    {
        if (newCustomer is not null)
        {
            _newCustomers.Add(newCustomer);
            _customers[newCustomer.Email] = newCustomer;
        }

        _tickets.Add(ticket.Id, ticket);
    }

    /// <summary>
    /// Queues the ticket's new events for the commit, with the key of the command that made them; a ticket without any
    /// is left out of it.
    /// </summary>
    public void Stage(Ticket ticket, string? key)
    {
        if (ticket.UncommittedEvents.Count == 0)
        {
            Forget(ticket.Id);
            return;
        }

        _staged.Add(ticket);
        if (key is not null)
        {
            _newKeys.Add(new AppliedTicketCommand { TicketId = ticket.Id, Key = key });
        }
    }

    /// <summary>
    /// Leaves a ticket out of the commit, whatever a verb did to it before failing, so the other tickets commit without
    /// it: nothing of a ticket is written unless it is staged.
    /// </summary>
    public void Forget(Guid ticketId) => _tickets.Remove(ticketId);

    /// <summary>
    /// Queues the dispatcher's outbox marks for the commit (<see cref="EfTicketEventOutbox.WriteHandledAsync"/>), after
    /// the batch's own outbox rows: a row a ticket's new events extended keeps them, as marks committed after it would.
    /// SQLite only: on PostgreSQL a batch's locks cover its own tickets, not the marks'.
    /// </summary>
    public void StageHandled(IReadOnlyCollection<HandledTicketEvents> handled, DateTimeOffset handledAt) => _handled.Add((handled, handledAt));

    public bool HasChanges => _staged.Count > 0 || _handled.Count > 0;

    /// <summary>
    /// Writes the staged tickets in one transaction: changed tickets in id order (each only if no other writer changed
    /// it since the load, else a <see cref="DbUpdateConcurrencyException"/>), new customers and tickets, then the
    /// messages the verbs added, the events they raised and the events' outbox rows. A failure of the database comes
    /// out as a <see cref="DbUpdateException"/>, which the writer answers with one-by-one retries.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        var (customers, tickets, messages, events) = (RowShape.For<Customer>(_db), RowShape.For<Ticket>(_db), RowShape.For<TicketMessage>(_db), RowShape.For<TicketEvent>(_db));
        var transaction = _db.Database.CurrentTransaction ?? await _db.Database.BeginTransactionAsync(cancellationToken);
        await using var commands = new RowCommands(_db.Database.GetDbConnection(), transaction.GetDbTransaction(), batched: _db.Database.IsNpgsql(), _statements);
        try
        {
            // The updates come first and in id order: on PostgreSQL each takes its ticket's row lock, and a batch of
            // tickets this node kept, which read nothing, takes its locks that way (see LockForOtherNodesAsync).
            foreach (var ticket in _staged.Where(t => _loaded.ContainsKey(t.Id)).OrderBy(t => t.Id))
            {
                var loaded = _loaded[ticket.Id];
                await commands.UpdateAsync(tickets, ticket, loaded.Row, loaded.Version,
                    $"ticket {ticket.Id} was changed by another writer since its version {loaded.Version} was loaded", cancellationToken);
            }

            foreach (var customer in _newCustomers)
            {
                await commands.InsertAsync(customers, customer, cancellationToken);
            }

            foreach (var ticket in _staged.Where(t => !_loaded.ContainsKey(t.Id)))
            {
                await commands.InsertAsync(tickets, ticket, cancellationToken);
            }

            var (outbox, outboxConflict) = (RowShape.For<TicketEventOutboxEntry>(_db), OutboxConflict());
            foreach (var ticket in _staged)
            {
                var known = _loaded.TryGetValue(ticket.Id, out var loaded) ? loaded.Messages : 0;
                for (var i = known; i < ticket.Messages.Count; i++)
                {
                    await commands.InsertAsync(messages, ticket.Messages[i], cancellationToken);
                }

                foreach (var @event in ticket.UncommittedEvents)
                {
                    await commands.InsertAsync(events, @event, cancellationToken);
                }

                // The policies' queue: in this transaction, so an event committed is an event the dispatcher will hear.
                await commands.InsertAsync(outbox, outboxConflict, new TicketEventOutboxEntry
                {
                    TicketId = ticket.Id,
                    FromSequence = ticket.UncommittedEvents[0].Sequence,
                    ThroughSequence = ticket.UncommittedEvents[^1].Sequence,
                    RecordedAt = ticket.UncommittedEvents[0].OccurredAt,
                }, cancellationToken);
            }

            foreach (var key in _newKeys)
            {
                await commands.InsertAsync(RowShape.For<AppliedTicketCommand>(_db), key, cancellationToken);
            }

            foreach (var delivery in _deliveries)
            {
                await commands.InsertAsync(RowShape.For<DeliveryOutboxEntry>(_db), delivery, cancellationToken);
            }

            await commands.FlushAsync(cancellationToken);
            foreach (var (handled, at) in _handled)
            {
                await EfTicketEventOutbox.WriteHandledAsync(_db, handled, at, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"committing {_staged.Count} ticket changes failed: {e.Message}", e);
        }
    }

    // A pending row already there keeps its first sequence and time: the dispatcher has not heard those events yet either.
    private string OutboxConflict()
    {
        var sql = _db.GetService<ISqlGenerationHelper>();
        var (ticket, through) = (sql.DelimitIdentifier(nameof(TicketEventOutboxEntry.TicketId)), sql.DelimitIdentifier(nameof(TicketEventOutboxEntry.ThroughSequence)));
        return $"ON CONFLICT ({ticket}) DO UPDATE SET {through} = excluded.{through}";
    }

    /// <summary>Ends the batch's transaction; one not committed (nothing to write, a failed write) rolls back and lets go of its locks.</summary>
    public ValueTask DisposeAsync() => _db.Database.CurrentTransaction?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>
    /// The batch's statements. On SQLite (in process) each runs at once, one command per statement for the whole batch:
    /// prepared at its first row, run again for each further row. On PostgreSQL every statement is a round trip to the
    /// server, and one per row made a group commit of 16 changes about 50 round trips (29 ms, the writer 100 % busy at
    /// 450 requests/s): there they are queued and sent together as one <see cref="DbBatch"/> at <see cref="FlushAsync"/>,
    /// and the rows inserted into one table go as one statement (<see cref="RowShape.InsertManySql"/>), where the table's
    /// first row came. There the writer's connection was one PostgreSQL process at a full core under the HTTP load, a
    /// statement a row.
    /// </summary>
    private sealed class RowCommands(DbConnection connection, DbTransaction transaction, bool batched, Dictionary<string, DbCommand>? kept) : IAsyncDisposable
    {
        // The updates' SQL names the columns a verb changed, so a kept session holds one statement per combination met.
        private const int MaxKeptStatements = 128;

        private readonly Dictionary<string, DbCommand> _bySql = kept ?? new(StringComparer.Ordinal);
        private readonly List<DbCommand> _unkept = [];
        private readonly DbBatch? _batch = batched ? connection.CreateBatch() : null;
        private readonly List<(DbBatchCommand Command, string Conflict)> _guarded = [];
        private readonly Dictionary<(RowShape Shape, string OnConflict), (DbBatchCommand Command, List<object> Rows)> _inserts = [];
        private DbCommand? _parameters;

        public Task InsertAsync(RowShape shape, object row, CancellationToken cancellationToken) =>
            InsertAsync(shape, onConflict: "", row, cancellationToken);

        /// <summary>Inserts the row, with <paramref name="onConflict"/> (a conflict clause) after the insert.</summary>
        public async Task InsertAsync(RowShape shape, string onConflict, object row, CancellationToken cancellationToken)
        {
            if (_batch is not null)
            {
                if (!shape.CanInsertMany)
                {
                    shape.BindInsert(Parameters(), Queue(WithConflict(shape.InsertSql, onConflict)).Parameters, row);
                }
                else if (_inserts.TryGetValue((shape, onConflict), out var insert))
                {
                    insert.Rows.Add(row);
                }
                else
                {
                    _inserts.Add((shape, onConflict), (Queue(WithConflict(shape.InsertManySql, onConflict)), [row]));
                }

                return;
            }

            var command = For(WithConflict(shape.InsertSql, onConflict));
            shape.BindInsert(command, row);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>Updates the row while it still has <paramref name="originalToken"/>; otherwise the batch fails with <paramref name="conflict"/>.</summary>
        public async Task UpdateAsync(RowShape shape, object row, object?[] snapshot, object originalToken, string conflict, CancellationToken cancellationToken)
        {
            var (changed, sql) = shape.Update(row, snapshot);
            if (_batch is not null)
            {
                var queued = Queue(sql);
                shape.BindUpdate(Parameters(), queued.Parameters, row, changed, originalToken);
                _guarded.Add((queued, conflict));
                return;
            }

            var command = For(sql);
            shape.BindUpdate(command, row, changed, originalToken);
            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new DbUpdateConcurrencyException(conflict);
            }
        }

        /// <summary>Sends what is queued, in one round trip; an update that matched no row fails the batch (before its commit).</summary>
        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_batch is not { BatchCommands.Count: > 0 })
            {
                return;
            }

            foreach (var ((shape, _), (command, rows)) in _inserts)
            {
                shape.BindInsertMany(Parameters(), command.Parameters, rows);
            }

            _batch.Transaction = transaction;
            await _batch.ExecuteNonQueryAsync(cancellationToken);
            foreach (var (command, conflict) in _guarded)
            {
                if (command.RecordsAffected != 1)
                {
                    throw new DbUpdateConcurrencyException(conflict);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            // A kept statement stays with the session that keeps it; only one beyond its bound ends with the batch.
            IEnumerable<DbCommand> owned = kept is null ? _bySql.Values : _unkept;
            foreach (var command in owned)
            {
                await command.DisposeAsync();
            }

            if (_batch is not null)
            {
                await _batch.DisposeAsync();
            }

            if (_parameters is not null)
            {
                await _parameters.DisposeAsync();
            }
        }

        private static string WithConflict(string insert, string onConflict) => onConflict.Length == 0 ? insert : $"{insert} {onConflict}";

        private DbBatchCommand Queue(string sql)
        {
            var command = _batch!.CreateBatchCommand();
            command.CommandText = sql;
            _batch.BatchCommands.Add(command);
            return command;
        }

        // The type mappings make parameters through a command; one that never runs serves every batched statement.
        private DbCommand Parameters() => _parameters ??= connection.CreateCommand();

        private DbCommand For(string sql)
        {
            if (!_bySql.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                if (kept is null || kept.Count < MaxKeptStatements)
                {
                    _bySql.Add(sql, command);
                }
                else
                {
                    _unkept.Add(command);
                }
            }

            command.Transaction = transaction;
            return command;
        }
    }

    /// <summary>
    /// The batch's loads compiled once (per model): otherwise every batch runs each load's LINQ through the funcletizer,
    /// which built new delegates by reflection for the id-list parameters on every run (seen in profiles), and looks it
    /// up in the query cache. A compiled query takes no <c>EF.Parameter</c>, so each list goes in as EF Core's padded
    /// parameter list (one cached SQL per size bucket).
    /// </summary>
    private sealed class CompiledLoads
    {
        public Func<EscalationDbContext, List<Guid>, IAsyncEnumerable<Ticket>> TicketsWithRequesters { get; } =
            EF.CompileAsyncQuery((EscalationDbContext db, List<Guid> ids) =>
                db.Tickets.Include(t => t.Requester).Where(t => ids.Contains(t.Id)));

        // Type arguments spelled out: for an ordered query the compiler would pick the single-result overload.
        public Func<EscalationDbContext, List<Guid>, IAsyncEnumerable<TicketMessage>> Conversations { get; } =
            EF.CompileAsyncQuery<EscalationDbContext, List<Guid>, TicketMessage>((EscalationDbContext db, List<Guid> ids) =>
                db.Set<TicketMessage>().Where(m => ids.Contains(m.TicketId)).OrderBy(m => m.TicketId).ThenBy(m => m.Sequence));

        public Func<EscalationDbContext, List<string>, IAsyncEnumerable<Customer>> CustomersByEmail { get; } =
            EF.CompileAsyncQuery((EscalationDbContext db, List<string> emails) =>
                db.Customers.Where(c => emails.Contains(c.Email)));
    }
}
