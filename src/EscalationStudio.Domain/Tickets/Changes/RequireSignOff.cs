using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

public sealed record RequireSignOff(string Reason, Actor By) : TicketChange(By)
{
    public override void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now) => ticket.RequireSignOff(Reason, By, now);
}
