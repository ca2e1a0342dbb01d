using System.Runtime.CompilerServices;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// The tickets and customers of one group commit, tracked by one context: loaded together, changed by the
/// commands' domain verbs, saved together in one transaction.
/// </summary>
/// <remarks>
/// Changes are detected per staged ticket rather than by EF Core's automatic scan: that scan runs over every tracked
/// entity, loaded messages and requesters included, although only the staged tickets (and the messages a verb added to
/// them) can have changed. Messages and customers are never changed once written.
/// </remarks>
internal sealed class TicketBatch
{
    // One set of compiled loads per model: a compiled query serves only the model it was first run with, and one
    // process may hold a SQLite and a PostgreSQL model (the provider tests, a migration tool).
    private static readonly ConditionalWeakTable<IModel, CompiledLoads> LoadsByModel = [];

    private readonly EscalationDbContext _db;
    private Dictionary<Guid, Ticket> _tickets = [];
    private Dictionary<string, Customer> _customers = new(StringComparer.Ordinal);

    public TicketBatch(EscalationDbContext db)
    {
        _db = db;

        // A pooled context gets its default back when it is returned to the pool.
        _db.ChangeTracker.AutoDetectChangesEnabled = false;
    }

    public bool HasChanges { get; private set; }

    /// <summary>
    /// Every ticket the commands change, with requester and conversation, and the customers the new tickets name
    /// by e-mail: two queries, three with new tickets. EF Core joins the messages up with their tickets as it tracks them.
    /// </summary>
    /// <remarks>
    /// The messages come in a plain query rather than a collection <c>Include</c>, whose split-query shaper builds
    /// delegates by reflection on every run.
    /// </remarks>
    public async Task LoadAsync(IReadOnlyList<TicketCommand> commands, CancellationToken cancellationToken)
    {
        var loads = LoadsByModel.GetValue(_db.Model, _ => new CompiledLoads());
        var ticketIds = commands.Select(c => c.TicketId).OfType<Guid>().Distinct().ToList();
        if (ticketIds.Count > 0)
        {
            await LockForOtherNodesAsync(ticketIds, cancellationToken);
            _tickets = new Dictionary<Guid, Ticket>(ticketIds.Count);
            await foreach (var ticket in loads.TicketsWithRequesters(_db, ticketIds).WithCancellation(cancellationToken))
            {
                _tickets.Add(ticket.Id, ticket);
            }

            // Tracking them is all: EF Core puts each message into its ticket's conversation.
            await foreach (var _ in loads.Conversations(_db, ticketIds).WithCancellation(cancellationToken))
            {
            }
        }

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
    /// On PostgreSQL, where several nodes share the database, the batch holds its tickets' rows from the load to the
    /// commit. Without it two nodes' batches on the same tickets both fail the version check (and then retry), or
    /// deadlock on each other's event rows; with it the second waits for the first and reads its result. The rows are
    /// taken in id order, so two batches never each hold what the other waits for. SQLite has one writer per file.
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

    public Ticket Ticket(Guid ticketId) => _tickets.GetValueOrDefault(ticketId) ?? throw new TicketNotFoundException(ticketId);

    /// <summary>The customer with this (normalised) e-mail, including one a ticket earlier in the batch brought.</summary>
    public Customer? Customer(string email) => _customers.GetValueOrDefault(email);

    public void Add(Ticket ticket, Customer? newCustomer)
    {
        if (newCustomer is not null)
        {
            _db.Customers.Add(newCustomer);
            _customers[newCustomer.Email] = newCustomer;
        }

        _db.Tickets.Add(ticket);
    }

    /// <summary>Queues the ticket's new events for the commit; a ticket without any is left out of it.</summary>
    public void Stage(Ticket ticket)
    {
        if (ticket.UncommittedEvents.Count == 0)
        {
            Forget(ticket);
            return;
        }

        // The ticket's own columns and the messages a verb appended to its conversation (tracked as new from here).
        _db.Entry(ticket).DetectChanges();
        _db.TicketEvents.AddRange(ticket.UncommittedEvents);
        HasChanges = true;
    }

    /// <summary>
    /// Leaves a loaded ticket out of the commit, whatever a verb did to it before failing: the ticket and its conversation
    /// stop being tracked, so the other tickets commit without it. (A message the verb added was never tracked: changes
    /// are only detected when a ticket is staged.)
    /// </summary>
    public void Forget(Guid ticketId)
    {
        if (_tickets.TryGetValue(ticketId, out var ticket))
        {
            Forget(ticket);
        }
    }

    private void Forget(Ticket ticket)
    {
        _db.Entry(ticket).State = EntityState.Detached;
        foreach (var message in ticket.Messages)
        {
            _db.Entry(message).State = EntityState.Detached;
        }

        _tickets.Remove(ticket.Id);
    }

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await _db.SaveChangesAsync(cancellationToken);

        // The rows locked at the load; without changes the transaction rolls back as the context goes back to its pool.
        if (_db.Database.CurrentTransaction is { } locks)
        {
            await locks.CommitAsync(cancellationToken);
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
