using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

/// <summary>An approval within the approver's authority level (their tier's caps); only a person approves.</summary>
public sealed record Approve(ApprovalKind Kind, decimal? Amount, Actor By, string? Note = null) : TicketChange(By)
{
    public override void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now) =>
        ticket.RecordApproval(Kind, Amount, Note, By, directory.AuthorityOf(By), now);
}
