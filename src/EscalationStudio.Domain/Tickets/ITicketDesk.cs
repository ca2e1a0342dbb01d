using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets.Changes;

namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// The one way to change tickets, for the API and for policy activities alike. Each call loads the ticket, applies
/// one change (a domain verb) with the actor's authority (resolved from the org directory), and commits the ticket together with
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

    /// <summary>
    /// The ticket's events after <paramref name="afterSequence"/>, oldest first: what a reader that kept the earlier ones
    /// needs (events are never changed once committed). Empty when there are none, or no such ticket.
    /// </summary>
    Task<IReadOnlyList<TicketEvent>> GetTimelineAfterAsync(Guid ticketId, int afterSequence, CancellationToken cancellationToken = default);

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

    /// <summary>
    /// Applies one change to the ticket (the verbs of <see cref="TicketDeskVerbs"/> name them) and answers the ticket as
    /// the change left it. Throws <see cref="TicketNotFoundException"/> for an unknown ticket, and what the change throws.
    /// </summary>
    Task<Ticket> ApplyAsync(Guid ticketId, TicketChange change, CancellationToken cancellationToken = default);
}
