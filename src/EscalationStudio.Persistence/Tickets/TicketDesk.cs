using System.Runtime.CompilerServices;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// Applies one domain verb per call and commits the ticket with its new events in one SaveChanges (one
/// transaction), retrying when another writer committed the same ticket first; then tells the observers.
/// </summary>
internal sealed partial class TicketDesk(
    EscalationDbContext db,
    IOrgDirectorySource org,
    TimeProvider time,
    IEnumerable<ITicketEventObserver> observers,
    ILogger<TicketDesk> logger) : ITicketDesk
{
    private const int Attempts = 5;

    public async Task<Ticket> CreateAsync(NewTicket request, Actor by, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var directory = org.Current;
            var now = Now();
            var tier = request.TierId is null
                ? directory.EntryTier ?? throw new TicketRuleViolationException("the org directory has no tiers, so a ticket has nowhere to land", "tier")
                : directory.FindTier(request.TierId) ?? throw new TicketRuleViolationException($"unknown tier '{request.TierId}'", "tier");
            Agent? owner = null;
            if (request.OwnerAgentId is not null)
            {
                owner = directory.FindAgent(request.OwnerAgentId) ?? throw new TicketRuleViolationException($"unknown agent '{request.OwnerAgentId}'", "owner");
            }

            var email = Customer.NormaliseEmail(request.Requester.Email);
            var requester = await db.Customers.FirstOrDefaultAsync(c => c.Email == email, cancellationToken);
            if (requester is null)
            {
                var r = request.Requester;
                requester = new Customer(Guid.CreateVersion7(now), r.Name.Trim(), email, r.Organisation, r.LifetimeValue, r.IsVip);
                db.Customers.Add(requester);
            }

            var ticket = Ticket.Create(
                Guid.CreateVersion7(now), request.Subject, request.Description, requester, request.Channel, request.Priority, tier, owner, request.Tags ?? [], by, now);
            db.Tickets.Add(ticket);
            try
            {
                return await CommitAsync(ticket, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Most likely the same new customer opened two tickets at once; the retry finds the customer.
                LogRetry(ticket.Id, attempt);
            }
        }
    }

    public async Task<Ticket?> FindAsync(Guid ticketId, CancellationToken cancellationToken = default) =>
        await db.Tickets.AsNoTracking()
            .Include(t => t.Requester)
            .Include(t => t.Messages)
            .AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken);

    public async Task<IReadOnlyList<TicketEvent>> GetTimelineAsync(Guid ticketId, CancellationToken cancellationToken = default)
    {
        if (!await db.Tickets.AnyAsync(t => t.Id == ticketId, cancellationToken))
        {
            throw new TicketNotFoundException(ticketId);
        }

        return await db.TicketEvents.AsNoTracking()
            .Where(e => e.TicketId == ticketId)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
    }

    public async IAsyncEnumerable<TicketEvent> ReadEventsAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var events = db.TicketEvents.AsNoTracking()
            .Where(e => e.OccurredAt >= from && e.OccurredAt < to)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.TicketId).ThenBy(e => e.Sequence)
            .AsAsyncEnumerable();
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            yield return e;
        }
    }

    public async Task<IReadOnlyList<Guid>> ListActiveTicketIdsAsync(DateTimeOffset createdBy, Guid? after, int take, CancellationToken cancellationToken = default)
    {
        var open = db.Tickets.AsNoTracking()
            .Where(t => t.Status != TicketStatus.Solved && t.Status != TicketStatus.Closed && t.CreatedAt <= createdBy);
        if (after is { } last)
        {
            open = open.Where(t => t.Id > last);
        }

        // Keyset paging on the primary key: each page is an index range, however deep into the backlog it is.
        return await open.OrderBy(t => t.Id).Select(t => t.Id).Take(take).ToListAsync(cancellationToken);
    }

    private async Task<Ticket> ChangeAsync(Guid ticketId, Action<Ticket, OrgDirectory, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ticket = await db.Tickets
                .Include(t => t.Requester)
                .Include(t => t.Messages)
                .AsSplitQuery()
                .FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken)
                ?? throw new TicketNotFoundException(ticketId);
            try
            {
                change(ticket, org.Current, Now());
                return await CommitAsync(ticket, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another writer committed this ticket first: either the version check or the unique
                // (ticket, sequence) index of the events tripped, depending on which statement ran first.
                LogRetry(ticketId, attempt);
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }
    }

    private async Task<Ticket> CommitAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var events = ticket.UncommittedEvents.ToArray();
        if (events.Length == 0)
        {
            db.ChangeTracker.Clear();
            return ticket;
        }

        db.TicketEvents.AddRange(events);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            // Success or failure, the next command of this scope starts from the database, not from this one's leftovers.
            db.ChangeTracker.Clear();
        }

        ticket.TakeUncommittedEvents();
        await NotifyAsync(ticket, events, cancellationToken);
        return ticket;
    }

    private async Task NotifyAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.OnCommittedAsync(ticket, events, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogObserverFailed(e, observer.GetType().Name, events[0].TicketId);
            }
        }
    }

    // Whole milliseconds: SQLite keeps a tenth of a millisecond and PostgreSQL a microsecond, so a time is stored and
    // read back unchanged on both, and what a command answers equals what a later read returns.
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    [LoggerMessage(LogLevel.Information, "Ticket {TicketId} was changed by another writer; retrying (attempt {Attempt})")]
    private partial void LogRetry(Guid ticketId, int attempt);

    [LoggerMessage(LogLevel.Error, "Observer {Observer} failed on events of ticket {TicketId}; the change itself is committed")]
    private partial void LogObserverFailed(Exception exception, string observer, Guid ticketId);
}
