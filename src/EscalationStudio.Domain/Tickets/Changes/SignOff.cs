using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

public sealed record SignOff(Actor By, string? Note = null) : TicketChange(By)
{
    public override void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now) => ticket.SignOff(By, directory.AuthorityOf(By), now, Note);
}
