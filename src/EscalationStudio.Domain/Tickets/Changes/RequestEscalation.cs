using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

/// <summary>An agent's manual flag asking for escalation; the policies decide where the case goes.</summary>
public sealed record RequestEscalation(string Reason, Actor By) : TicketChange(By)
{
    public override void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now) => ticket.RequestEscalation(Reason, By, now);
}
