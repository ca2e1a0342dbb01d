using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Domain.Delivery;

/// <summary>
/// Says what the events of one commit send, so the desk writes them to the delivery outbox in that commit. A desk
/// without a planner (the sandbox, a replay, a server with delivery off) sends nothing.
/// </summary>
public interface IDeliveryPlanner
{
    /// <param name="ticket">The ticket as committed with <paramref name="events"/>, conversation included.</param>
    IReadOnlyList<PlannedDelivery> Plan(Ticket ticket, IReadOnlyList<TicketEvent> events, OrgDirectory directory);
}
