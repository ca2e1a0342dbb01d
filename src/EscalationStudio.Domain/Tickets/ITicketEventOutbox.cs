namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// The committed ticket events that policies have not yet heard. The desk records them in the transaction that commits
/// them, and the dispatcher marks them handled once it has offered them to the policies: a process that dies in between
/// finds them here when it starts again, so no event goes unheard.
/// </summary>
public interface ITicketEventOutbox
{
    /// <summary>Tickets with unhandled events recorded before <paramref name="recordedBefore"/>, oldest first.</summary>
    Task<IReadOnlyList<Guid>> ListPendingAsync(DateTimeOffset recordedBefore, int take, CancellationToken cancellationToken = default);

    /// <summary>The ticket as it is now, with its events not yet handled in sequence order; null when nothing is pending.</summary>
    Task<PendingTicketEvents?> ReadPendingAsync(Guid ticketId, CancellationToken cancellationToken = default);

    /// <summary>Marks each ticket's events up to and including the given sequence handled.</summary>
    Task MarkHandledAsync(IReadOnlyCollection<HandledTicketEvents> handled, CancellationToken cancellationToken = default);
}

public sealed record PendingTicketEvents(Ticket Ticket, IReadOnlyList<TicketEvent> Events);

public readonly record struct HandledTicketEvents(Guid TicketId, int ThroughSequence);
