namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// The committed ticket events that policies have not yet heard. The desk records them in the transaction that commits
/// them, and the dispatcher marks them handled once it has offered them to the policies: a process that dies in between
/// finds them here when it starts again, so no event goes unheard.
/// </summary>
public interface ITicketEventOutbox
{
    /// <summary>Tickets with unhandled events recorded at or before <paramref name="recordedBy"/>, oldest first.</summary>
    Task<IReadOnlyList<Guid>> ListPendingAsync(DateTimeOffset recordedBy, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// Each ticket as it is now, with its events not yet handled in sequence order, in the order the tickets are given;
    /// a ticket with nothing pending (or gone) is left out.
    /// </summary>
    Task<IReadOnlyList<PendingTicketEvents>> ReadPendingAsync(IReadOnlyList<Guid> ticketIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks each ticket's events from <see cref="HandledTicketEvents.FromSequence"/> up to and including
    /// <see cref="HandledTicketEvents.ThroughSequence"/> handled. A ticket with later events (committed meanwhile, by a
    /// policy's own move for instance) keeps its entry for those, stamped with the time of this call, so it queues behind
    /// the entries still waiting instead of ahead of them. A ticket with earlier events still waiting (a batch that
    /// failed) keeps its entry whole: they are not handled by handling what came after them.
    /// </summary>
    Task MarkHandledAsync(IReadOnlyCollection<HandledTicketEvents> handled, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stamps the tickets' entries with the time of this call, events unhandled: their dispatch failed, and they are
    /// tried again by a later sweep instead of holding up the entries behind them.
    /// </summary>
    Task PostponeAsync(IReadOnlyCollection<Guid> ticketIds, CancellationToken cancellationToken = default);
}

public sealed record PendingTicketEvents(Ticket Ticket, IReadOnlyList<TicketEvent> Events);

/// <summary>A ticket's events a dispatcher handled: <paramref name="FromSequence"/> through <paramref name="ThroughSequence"/>.</summary>
public readonly record struct HandledTicketEvents(Guid TicketId, int FromSequence, int ThroughSequence);
