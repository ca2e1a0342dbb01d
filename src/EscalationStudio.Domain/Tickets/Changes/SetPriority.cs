using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

public sealed record SetPriority(TicketPriority Priority, Actor By, string? Reason = null) : TicketChange(By)
{
    public override void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now) => ticket.SetPriority(Priority, By, now, Reason);
}
