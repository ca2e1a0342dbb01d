using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

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
    /// delegates by reflection on every run. Each id list goes in as one (JSON array) parameter, so the SQL stays the
    /// same whatever the batch size and EF reuses one command instead of generating an <c>IN (@p1, @p2, …)</c> list
    /// per execution.
    /// </remarks>
    public async Task LoadAsync(IReadOnlyList<TicketCommand> commands, CancellationToken cancellationToken)
    {
        var ticketIds = commands.Select(c => c.TicketId).OfType<Guid>().Distinct().ToList();
        if (ticketIds.Count > 0)
        {
            _tickets = await _db.Tickets
                .Include(t => t.Requester)
                .Where(t => EF.Parameter(ticketIds).Contains(t.Id))
                .ToDictionaryAsync(t => t.Id, cancellationToken);
            await _db.Set<TicketMessage>()
                .Where(m => EF.Parameter(ticketIds).Contains(m.TicketId))
                .OrderBy(m => m.TicketId).ThenBy(m => m.Sequence)
                .LoadAsync(cancellationToken);
        }

        var emails = commands.OfType<CreateTicket>().Select(c => c.RequesterEmail).Distinct(StringComparer.Ordinal).ToList();
        if (emails.Count > 0)
        {
            var customers = await _db.Customers
                .Where(c => EF.Parameter(emails).Contains(c.Email))
                .ToListAsync(cancellationToken);
            _customers = customers.ToDictionary(c => c.Email, StringComparer.Ordinal);
        }
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

    public Task SaveAsync(CancellationToken cancellationToken) => _db.SaveChangesAsync(cancellationToken);
}
