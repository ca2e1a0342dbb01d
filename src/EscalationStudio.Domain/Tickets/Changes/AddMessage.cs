using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

/// <summary>A message in the conversation (a customer reply may reopen the ticket).</summary>
public sealed record AddMessage(MessageKind Kind, string Body, Actor By) : TicketChange(By)
{
    public override void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now) => ticket.AddMessage(Kind, Body, By, now);
}
