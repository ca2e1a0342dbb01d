using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Persistence.Tickets;

internal sealed partial class TicketDesk
{
    public Task<Ticket> AddMessageAsync(Guid ticketId, MessageKind kind, string body, Actor by, CancellationToken cancellationToken = default) =>
        ChangeAsync(ticketId, (ticket, _, now) => ticket.AddMessage(kind, body, by, now), cancellationToken);

    public Task<Ticket> AddInternalNoteAsync(Guid ticketId, string body, Actor by, CancellationToken cancellationToken = default) =>
        AddMessageAsync(ticketId, MessageKind.InternalNote, body, by, cancellationToken);

    public Task<Ticket> AddTimelineEntryAsync(Guid ticketId, string kind, string text, Actor by, IReadOnlyDictionary<string, string>? data = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(ticketId, (ticket, _, now) => ticket.AddTimelineEntry(kind, text, by, now, data), cancellationToken);

    public Task<Ticket> ChangeStatusAsync(Guid ticketId, TicketStatus status, Actor by, string? note = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(ticketId, (ticket, directory, now) => ticket.ChangeStatus(status, by, directory.AuthorityOf(by), now, note), cancellationToken);

    public Task<Ticket> ReassignAsync(Guid ticketId, string agentId, Actor by, string? note = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(ticketId, (ticket, directory, now) => ticket.ReassignWithinTier(directory, agentId, by, now, note), cancellationToken);

    public Task<Ticket> RequestEscalationAsync(Guid ticketId, string reason, Actor by, CancellationToken cancellationToken = default) =>
        ChangeAsync(ticketId, (ticket, _, now) => ticket.RequestEscalation(reason, by, now), cancellationToken);

    public Task<Ticket> EscalateAsync(Guid ticketId, string tierId, string? ownerAgentId, string reason, Actor by, PolicyDecision? decision = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(ticketId, (ticket, directory, now) => ticket.EscalateTo(directory, tierId, ownerAgentId, reason, by, now, decision), cancellationToken);

    public Task<Ticket> DeEscalateAsync(Guid ticketId, string tierId, string? ownerAgentId, string handBackNote, Actor by, PolicyDecision? decision = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(ticketId, (ticket, directory, now) => ticket.DeEscalateTo(directory, tierId, ownerAgentId, handBackNote, by, now, decision), cancellationToken);

    public Task<Ticket> SetPriorityAsync(Guid ticketId, TicketPriority priority, Actor by, string? reason = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(ticketId, (ticket, _, now) => ticket.SetPriority(priority, by, now, reason), cancellationToken);

    public Task<Ticket> AddTagAsync(Guid ticketId, string tag, Actor by, CancellationToken cancellationToken = default) =>
        ChangeAsync(ticketId, (ticket, _, now) => ticket.AddTag(tag, by, now), cancellationToken);

    public Task<Ticket> RecordCsatAsync(Guid ticketId, int score, string? comment, Actor by, CancellationToken cancellationToken = default) =>
        ChangeAsync(ticketId, (ticket, _, now) => ticket.RecordCsat(score, comment, by, now), cancellationToken);

    public Task<Ticket> RequireSignOffAsync(Guid ticketId, string reason, Actor by, CancellationToken cancellationToken = default) =>
        ChangeAsync(ticketId, (ticket, _, now) => ticket.RequireSignOff(reason, by, now), cancellationToken);

    public Task<Ticket> SignOffAsync(Guid ticketId, Actor by, string? note = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(ticketId, (ticket, directory, now) => ticket.SignOff(by, directory.AuthorityOf(by), now, note), cancellationToken);

    public Task<Ticket> ApproveAsync(Guid ticketId, ApprovalKind kind, decimal? amount, Actor approver, string? note = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            ticketId,
            (ticket, directory, now) =>
            {
                // Approvals need a person with a cap: a policy or the system cannot approve on its own.
                if (approver.Kind is not (ActorKind.Agent or ActorKind.User))
                {
                    throw new AuthorityDeniedException($"{approver} cannot approve; an approval is given by an agent within their authority level");
                }

                ticket.RecordApproval(kind, amount, note, approver, directory.AuthorityOf(approver), now);
            },
            cancellationToken);

    public Task<Ticket> RejectApprovalAsync(Guid ticketId, ApprovalKind kind, decimal? amount, string reason, Actor by, CancellationToken cancellationToken = default) =>
        ChangeAsync(ticketId, (ticket, _, now) => ticket.RejectApproval(kind, amount, reason, by, now), cancellationToken);
}
