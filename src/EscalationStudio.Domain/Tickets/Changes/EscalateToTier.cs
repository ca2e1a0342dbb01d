using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

/// <summary>A vertical move up the ladder or to a specialist group.</summary>
public sealed record EscalateToTier(string TierId, string? OwnerAgentId, string Reason, Actor By, PolicyDecision? Decision = null) : TicketChange(By)
{
    public override void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now) =>
        ticket.EscalateTo(directory, TierId, OwnerAgentId, Reason, By, now, Decision);
}
