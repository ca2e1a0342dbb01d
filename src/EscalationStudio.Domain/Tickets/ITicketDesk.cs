using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// The one way to change tickets, for the API and for policy activities alike. Each call loads the ticket, applies
/// one domain verb with the actor's authority (resolved from the org directory), and commits the ticket together with
/// its new events in one transaction (which it may share with other calls made at the same moment: the store commits
/// them as a group); then <see cref="ITicketEventObserver"/>s hear about the committed events. A call answers the
/// ticket as its own change left it.
/// </summary>
/// <remarks>
/// Errors: <see cref="TicketNotFoundException"/> (404), <see cref="TicketRuleViolationException"/> (409, or 400 when it
/// names a field), <see cref="AuthorityDeniedException"/> (403). Nothing is written when a call throws.
/// </remarks>
public interface ITicketDesk
{
    Task<Ticket> CreateAsync(NewTicket ticket, Actor by, CancellationToken cancellationToken = default);

    /// <summary>The ticket with its requester and conversation, or null. The result is a detached snapshot.</summary>
    Task<Ticket?> FindAsync(Guid ticketId, CancellationToken cancellationToken = default);

    /// <summary>Every event of the ticket, oldest first.</summary>
    Task<IReadOnlyList<TicketEvent>> GetTimelineAsync(Guid ticketId, CancellationToken cancellationToken = default);

    /// <summary>Events of all tickets that occurred in [from, to), in order: the input of replays and metrics.</summary>
    IAsyncEnumerable<TicketEvent> ReadEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the open backlog: ids of the tickets neither solved nor closed that were created at or before
    /// <paramref name="createdBy"/>, in id order after <paramref name="after"/> (null: from the start). A background job
    /// walks the whole backlog page by page without loading it at once; an empty page means the walk is done.
    /// </summary>
    Task<IReadOnlyList<Guid>> ListActiveTicketIdsAsync(DateTimeOffset createdBy, Guid? after, int take, CancellationToken cancellationToken = default);

    /// <summary>Open tickets (neither solved nor closed) per owning agent: the workload that least-loaded routing reads.</summary>
    Task<IReadOnlyDictionary<string, int>> CountOpenTicketsByOwnerAsync(CancellationToken cancellationToken = default);

    Task<Ticket> AddMessageAsync(Guid ticketId, MessageKind kind, string body, Actor by, CancellationToken cancellationToken = default);

    /// <summary>Shorthand for an internal note (briefings arrive this way).</summary>
    Task<Ticket> AddInternalNoteAsync(Guid ticketId, string body, Actor by, CancellationToken cancellationToken = default);

    /// <summary>A non-message timeline entry: <paramref name="kind"/> such as <c>briefing-sent</c>, <c>sla-warning</c>.</summary>
    Task<Ticket> AddTimelineEntryAsync(Guid ticketId, string kind, string text, Actor by, IReadOnlyDictionary<string, string>? data = null, CancellationToken cancellationToken = default);

    /// <summary>Throws <see cref="AuthorityDeniedException"/> when <paramref name="by"/> may not solve the ticket (VIP, sign-off).</summary>
    Task<Ticket> ChangeStatusAsync(Guid ticketId, TicketStatus status, Actor by, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>Lateral reassignment within the current tier.</summary>
    Task<Ticket> ReassignAsync(Guid ticketId, string agentId, Actor by, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>An agent's manual flag asking for escalation.</summary>
    Task<Ticket> RequestEscalationAsync(Guid ticketId, string reason, Actor by, CancellationToken cancellationToken = default);

    Task<Ticket> EscalateAsync(Guid ticketId, string tierId, string? ownerAgentId, string reason, Actor by, PolicyDecision? decision = null, CancellationToken cancellationToken = default);

    Task<Ticket> DeEscalateAsync(Guid ticketId, string tierId, string? ownerAgentId, string handBackNote, Actor by, PolicyDecision? decision = null, CancellationToken cancellationToken = default);

    Task<Ticket> SetPriorityAsync(Guid ticketId, TicketPriority priority, Actor by, string? reason = null, CancellationToken cancellationToken = default);

    Task<Ticket> AddTagAsync(Guid ticketId, string tag, Actor by, CancellationToken cancellationToken = default);

    Task<Ticket> RecordCsatAsync(Guid ticketId, int score, string? comment, Actor by, CancellationToken cancellationToken = default);

    Task<Ticket> RequireSignOffAsync(Guid ticketId, string reason, Actor by, CancellationToken cancellationToken = default);

    Task<Ticket> SignOffAsync(Guid ticketId, Actor by, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an approval by <paramref name="approver"/> (an agent: their tier's caps apply). Throws
    /// <see cref="AuthorityDeniedException"/> with the reason when the amount is beyond their cap.
    /// </summary>
    Task<Ticket> ApproveAsync(Guid ticketId, ApprovalKind kind, decimal? amount, Actor approver, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>Declines an approval: a timeline entry of kind <see cref="Ticket.ApprovalRejectedKind"/> with the reason.</summary>
    Task<Ticket> RejectApprovalAsync(Guid ticketId, ApprovalKind kind, decimal? amount, string reason, Actor by, CancellationToken cancellationToken = default);
}
