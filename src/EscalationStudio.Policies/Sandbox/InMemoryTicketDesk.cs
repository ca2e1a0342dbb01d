using System.Runtime.CompilerServices;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Policies.Sandbox;

/// <summary>
/// The ticket desk contract over the domain's own verbs, kept in memory: every call applies one verb with the actor's
/// authority from the org directory and hands the new events to the observers, as the real desk does after commit.
/// Test runs use it so a policy acts on a sample ticket that no live policy, report or agent ever sees.
/// </summary>
internal sealed class InMemoryTicketDesk(IOrgDirectorySource org, TimeProvider time, Func<IEnumerable<ITicketEventObserver>> observers) : ITicketDesk
{
    private readonly Dictionary<Guid, Ticket> _tickets = [];
    private readonly Dictionary<Guid, List<TicketEvent>> _timelines = [];
    private readonly Dictionary<string, Customer> _customers = new(StringComparer.OrdinalIgnoreCase);

    public async Task<Ticket> CreateAsync(NewTicket ticket, Actor by, CancellationToken cancellationToken = default)
    {
        var directory = org.Current;
        var requester = _customers.TryGetValue(ticket.Requester.Email, out var known) ? known
            : _customers[ticket.Requester.Email] = new Customer(Guid.NewGuid(), ticket.Requester.Name, ticket.Requester.Email,
                ticket.Requester.Organisation, ticket.Requester.LifetimeValue, ticket.Requester.IsVip);
        var tier = ticket.TierId is { } tierId ? directory.FindTier(tierId)! : directory.EntryTier!;
        var created = Ticket.Create(Guid.NewGuid(), ticket.Subject, ticket.Description, requester, ticket.Channel, ticket.Priority,
            tier, ticket.OwnerAgentId is { } owner ? directory.FindAgent(owner) : null, ticket.Tags ?? [], by, time.GetUtcNow());
        _tickets[created.Id] = created;
        _timelines[created.Id] = [];
        await CommitAsync(created, cancellationToken);
        return created;
    }

    public Task<Ticket?> FindAsync(Guid ticketId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tickets.GetValueOrDefault(ticketId));

    public Task<IReadOnlyList<TicketEvent>> GetTimelineAsync(Guid ticketId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TicketEvent>>([.. _timelines.GetValueOrDefault(ticketId) ?? []]);

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

    public Task<Ticket> AddMessageAsync(Guid ticketId, MessageKind kind, string body, Actor by, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.AddMessage(kind, body, by, Now), cancellationToken);

    public Task<Ticket> AddInternalNoteAsync(Guid ticketId, string body, Actor by, CancellationToken cancellationToken = default) =>
        AddMessageAsync(ticketId, MessageKind.InternalNote, body, by, cancellationToken);

    public Task<Ticket> AddTimelineEntryAsync(Guid ticketId, string kind, string text, Actor by, IReadOnlyDictionary<string, string>? data = null, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.AddTimelineEntry(kind, text, by, Now, data), cancellationToken);

    public Task<Ticket> ChangeStatusAsync(Guid ticketId, TicketStatus status, Actor by, string? note = null, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.ChangeStatus(status, by, org.Current.AuthorityOf(by), Now, note), cancellationToken);

    public Task<Ticket> ReassignAsync(Guid ticketId, string agentId, Actor by, string? note = null, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.ReassignWithinTier(org.Current, agentId, by, Now, note), cancellationToken);

    public Task<Ticket> RequestEscalationAsync(Guid ticketId, string reason, Actor by, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.RequestEscalation(reason, by, Now), cancellationToken);

    public Task<Ticket> EscalateAsync(Guid ticketId, string tierId, string? ownerAgentId, string reason, Actor by, PolicyDecision? decision = null, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.EscalateTo(org.Current, tierId, ownerAgentId, reason, by, Now, decision), cancellationToken);

    public Task<Ticket> DeEscalateAsync(Guid ticketId, string tierId, string? ownerAgentId, string handBackNote, Actor by, PolicyDecision? decision = null, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.DeEscalateTo(org.Current, tierId, ownerAgentId, handBackNote, by, Now, decision), cancellationToken);

    public Task<Ticket> SetPriorityAsync(Guid ticketId, TicketPriority priority, Actor by, string? reason = null, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.SetPriority(priority, by, Now, reason), cancellationToken);

    public Task<Ticket> AddTagAsync(Guid ticketId, string tag, Actor by, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.AddTag(tag, by, Now), cancellationToken);

    public Task<Ticket> RecordCsatAsync(Guid ticketId, int score, string? comment, Actor by, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.RecordCsat(score, comment, by, Now), cancellationToken);

    public Task<Ticket> RequireSignOffAsync(Guid ticketId, string reason, Actor by, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.RequireSignOff(reason, by, Now), cancellationToken);

    public Task<Ticket> SignOffAsync(Guid ticketId, Actor by, string? note = null, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.SignOff(by, org.Current.AuthorityOf(by), Now, note), cancellationToken);

    public Task<Ticket> ApproveAsync(Guid ticketId, ApprovalKind kind, decimal? amount, Actor approver, string? note = null, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.RecordApproval(kind, amount, note, approver, org.Current.AuthorityOf(approver), Now), cancellationToken);

    public Task<Ticket> RejectApprovalAsync(Guid ticketId, ApprovalKind kind, decimal? amount, string reason, Actor by, CancellationToken cancellationToken = default) =>
        Apply(ticketId, t => t.RejectApproval(kind, amount, reason, by, Now), cancellationToken);

    /// <summary>Every ticket kept here, for a test run's summary.</summary>
    public IReadOnlyCollection<Ticket> Tickets => _tickets.Values;

    private DateTimeOffset Now => time.GetUtcNow();

    private async Task<Ticket> Apply(Guid ticketId, Action<Ticket> verb, CancellationToken cancellationToken)
    {
        var ticket = _tickets.GetValueOrDefault(ticketId) ?? throw new TicketNotFoundException(ticketId);
        verb(ticket);
        await CommitAsync(ticket, cancellationToken);
        return ticket;
    }

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
