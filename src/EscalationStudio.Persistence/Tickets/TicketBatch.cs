using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// The tickets and customers of one group commit, tracked by one context: loaded together, changed by the
/// commands' domain verbs, saved together in one transaction.
/// </summary>
internal sealed class TicketBatch(EscalationDbContext db)
{
    private Dictionary<Guid, Ticket> _tickets = [];
    private Dictionary<string, Customer> _customers = new(StringComparer.Ordinal);

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
            _tickets = await db.Tickets
                .Include(t => t.Requester)
                .Where(t => EF.Parameter(ticketIds).Contains(t.Id))
                .ToDictionaryAsync(t => t.Id, cancellationToken);
            await db.Set<TicketMessage>()
                .Where(m => EF.Parameter(ticketIds).Contains(m.TicketId))
                .OrderBy(m => m.TicketId).ThenBy(m => m.Sequence)
                .LoadAsync(cancellationToken);
        }

        var emails = commands.OfType<CreateTicket>().Select(c => c.RequesterEmail).Distinct(StringComparer.Ordinal).ToList();
        if (emails.Count > 0)
        {
            var customers = await db.Customers
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
            db.Customers.Add(newCustomer);
            _customers[newCustomer.Email] = newCustomer;
        }

        db.Tickets.Add(ticket);
    }

    /// <summary>Queues the ticket's new events for the commit; a ticket without any is left out of it.</summary>
    public void Stage(Ticket ticket)
    {
        if (ticket.UncommittedEvents.Count == 0)
        {
            Forget(ticket);
            return;
        }

        db.TicketEvents.AddRange(ticket.UncommittedEvents);
        HasChanges = true;
    }

    /// <summary>
    /// Leaves a loaded ticket out of the commit, whatever a verb did to it before failing: the ticket and its conversation
    /// stop being tracked, so the other tickets commit without it. (The ticket first, so that a message the verb
    /// added is found and tracked by then, and detached with the rest.)
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
        db.Entry(ticket).State = EntityState.Detached;
        foreach (var message in ticket.Messages)
        {
            db.Entry(message).State = EntityState.Detached;
        }

        _tickets.Remove(ticket.Id);
    }

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
