namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// Hears every ticket event right after it is committed, in order, in-process. Register any number as singletons
/// (<c>services.AddSingleton&lt;ITicketEventObserver, MyObserver&gt;()</c>). Keep the call short: hand the events to
/// a channel or queue and return; an exception is logged and never undoes the committed change.
/// </summary>
public interface ITicketEventObserver
{
    ValueTask OnCommittedAsync(IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken);
}
