using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

/// <summary>A move through the lifecycle; solving is checked against the actor's authority.</summary>
public sealed record ChangeStatus(TicketStatus Status, Actor By, string? Note = null) : TicketChange(By)
{
    public override void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now) =>
        ticket.ChangeStatus(Status, By, directory.AuthorityOf(By), now, Note);
}
