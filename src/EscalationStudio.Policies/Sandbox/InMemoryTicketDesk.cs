using System.Runtime.CompilerServices;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Domain.Tickets.Changes;

namespace EscalationStudio.Policies.Sandbox;

/// <summary>
/// The ticket desk contract kept in memory: every call applies one <see cref="TicketChange"/> (the same the real desk
/// applies) with the live org directory and hands the new events to the observers, as the real desk does after commit.
/// Test runs use it so a policy acts on a sample ticket that no live policy, report or agent ever sees.
/// </summary>
internal sealed class InMemoryTicketDesk(IOrgDirectorySource org, TimeProvider time, Func<IEnumerable<ITicketEventObserver>> observers) : ITicketDesk
{
    private readonly Dictionary<Guid, Ticket> _tickets = [];
    private readonly Dictionary<Guid, List<TicketEvent>> _timelines = [];
    private readonly Dictionary<string, Customer> _customers = new(StringComparer.Ordinal);

    public async Task<Ticket> CreateAsync(NewTicket ticket, Actor by, CancellationToken cancellationToken = default)
    {
        var open = new OpenTicket(ticket, by);
        var now = Now;
        var known = _customers.GetValueOrDefault(open.RequesterEmail);
        var created = open.Open(known ?? open.NewRequester(now), org.Current, now);
        _customers.TryAdd(open.RequesterEmail, created.Requester);
        _tickets[created.Id] = created;
        _timelines[created.Id] = [];
        await CommitAsync(created, cancellationToken);
        return created;
    }

    /// <summary>
    /// Keeps a copy of a ticket from elsewhere (a real one a test run works on) with its history, and hands that history
    /// to the observers as one commit, so policies see what happened to the ticket. The original is never changed.
    /// </summary>
    public async Task<Ticket> AdoptAsync(Ticket ticket, IReadOnlyList<TicketEvent> history, CancellationToken cancellationToken = default)
    {
        var copy = ticket.Copy();
        _customers.TryAdd(copy.Requester.Email, copy.Requester);
        _tickets[copy.Id] = copy;
        var events = history.OrderBy(e => e.Sequence).ToList();
        _timelines[copy.Id] = [.. events];
        foreach (var observer in observers())
        {
            await observer.OnCommittedAsync(copy, events, cancellationToken);
        }

        return copy;
    }

    public Task<Ticket?> FindAsync(Guid ticketId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tickets.GetValueOrDefault(ticketId));

    public Task<IReadOnlyList<TicketEvent>> GetTimelineAsync(Guid ticketId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TicketEvent>>([.. _timelines.GetValueOrDefault(ticketId) ?? []]);

    public Task<IReadOnlyList<TicketEvent>> GetTimelineAfterAsync(Guid ticketId, int afterSequence, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TicketEvent>>([.. (_timelines.GetValueOrDefault(ticketId) ?? []).Where(e => e.Sequence > afterSequence)]);

    public async IAsyncEnumerable<TicketEvent> ReadEventsAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        foreach (var e in _timelines.Values.SelectMany(t => t).Where(e => e.OccurredAt >= from && e.OccurredAt < to).OrderBy(e => e.OccurredAt))
        {
            yield return e;
        }
    }

    public Task<IReadOnlyList<Guid>> ListActiveTicketIdsAsync(DateTimeOffset createdBy, Guid? after, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. _tickets.Values
            .Where(t => t.IsActive && t.CreatedAt <= createdBy && (after is not { } last || t.Id.CompareTo(last) > 0))
            .Select(t => t.Id).Order().Take(take)]);

    public Task<IReadOnlyDictionary<string, int>> CountOpenTicketsByOwnerAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(_tickets.Values
            .Where(t => t.IsActive && t.OwnerAgentId is not null)
            .CountBy(t => t.OwnerAgentId!)
            .ToDictionary());

    public async Task<Ticket> ApplyAsync(Guid ticketId, TicketChange change, CancellationToken cancellationToken = default)
    {
        var committed = _tickets.GetValueOrDefault(ticketId) ?? throw new TicketNotFoundException(ticketId);

        // On a copy, as the real desk does: a change that throws part way leaves the ticket as it was.
        var ticket = committed.Copy();
        change.ApplyTo(ticket, org.Current, Now);
        _tickets[ticketId] = ticket;
        await CommitAsync(ticket, cancellationToken);
        return ticket;
    }

    /// <summary>Lets go of a closed ticket and its timeline, so a replay's memory follows its open tickets only.</summary>
    public void Forget(Guid ticketId)
    {
        _tickets.Remove(ticketId);
        _timelines.Remove(ticketId);
    }

    /// <summary>Every ticket kept here, for a test run's summary.</summary>
    public IReadOnlyCollection<Ticket> Tickets => _tickets.Values;

    private DateTimeOffset Now => time.GetUtcNow();

    private async Task CommitAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var events = ticket.TakeUncommittedEvents();
        _timelines[ticket.Id].AddRange(events);
        foreach (var observer in observers())
        {
            await observer.OnCommittedAsync(ticket, events, cancellationToken);
        }
    }
}
