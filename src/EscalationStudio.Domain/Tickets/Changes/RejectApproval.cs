using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

/// <summary>Declines an approval; a policy waiting for it takes its Rejected path.</summary>
internal sealed record RejectApproval(ApprovalKind Kind, decimal? Amount, string Reason, Actor By) : TicketChange(By)
{
    public override void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now) => ticket.RejectApproval(Kind, Amount, Reason, By, now);
}
