using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

/// <summary>Lateral reassignment to another agent of the ticket's tier.</summary>
public sealed record ReassignWithinTier(string AgentId, Actor By, string? Note = null) : TicketChange(By)
{
    public override void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now) =>
        ticket.ReassignWithinTier(directory, AgentId, By, now, Note);
}
