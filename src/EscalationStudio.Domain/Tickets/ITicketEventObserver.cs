namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// Hears every ticket event right after it is committed, in order, in-process. Register any number as singletons
/// (<c>services.AddSingleton&lt;ITicketEventObserver, MyObserver&gt;()</c>). Keep the call short: hand the events to
/// a channel or queue and return; an exception is logged and never undoes the committed change.
/// </summary>
/// <remarks>
/// Observers are told on the node's one ticket writer, before the next group commit starts: an observer that awaited
/// a desk command of its own would wait for itself. Queue such follow-ups and make them elsewhere (as the policy
/// dispatcher does).
/// </remarks>
public interface ITicketEventObserver
{
    /// <param name="ticket">The ticket as committed with <paramref name="events"/>, conversation included. Observers share it: read it, never change it.</param>
    /// <param name="events">The events of one commit, in sequence order.</param>
    ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken);
}
