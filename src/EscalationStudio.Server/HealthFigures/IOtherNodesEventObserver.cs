using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Server.HealthFigures;

/// <summary>
/// Hears the ticket events other nodes committed, as <see cref="LiveTicketSummaries"/> reads them (PostgreSQL, every
/// <see cref="EscalationHealthOptions.OtherNodesInterval"/>): the one reader of other nodes' commits, shared so that
/// the desk's live pages follow them too. An event this node committed itself may be heard here as well.
/// </summary>
internal interface IOtherNodesEventObserver
{
    /// <summary>Called on the summaries' loop: queue work, do not do it here.</summary>
    void OnOtherNodesCommitted(Guid ticketId, IReadOnlyList<TicketEvent> events);
}
