using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

/// <summary>Hands the case back to a lower ladder level with a note.</summary>
public sealed record DeEscalate(string TierId, string? OwnerAgentId, string HandBackNote, Actor By, PolicyDecision? Decision = null) : TicketChange(By)
{
    public override void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now) =>
        ticket.DeEscalateTo(directory, TierId, OwnerAgentId, HandBackNote, By, now, Decision);
}
