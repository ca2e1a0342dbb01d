using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets.Changes;

namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// The ticket verbs as callers say them, each one <see cref="TicketChange"/> handed to <see cref="ITicketDesk.ApplyAsync"/>:
/// written once here, so no desk maps a verb of its own.
/// </summary>
public static class TicketDeskVerbs
{
    public static Task<Ticket> AddMessageAsync(this ITicketDesk desk, Guid ticketId, MessageKind kind, string body, Actor by, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new AddMessage(kind, body, by), cancellationToken);

    /// <summary>Shorthand for an internal note (briefings arrive this way).</summary>
    public static Task<Ticket> AddInternalNoteAsync(this ITicketDesk desk, Guid ticketId, string body, Actor by, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new AddMessage(MessageKind.InternalNote, body, by), cancellationToken);

    /// <summary>A non-message timeline entry: <paramref name="kind"/> such as <c>briefing-sent</c>, <c>sla-warning</c>.</summary>
    public static Task<Ticket> AddTimelineEntryAsync(
        this ITicketDesk desk, Guid ticketId, string kind, string text, Actor by,
        IReadOnlyDictionary<string, string>? data = null, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new AddTimelineEntry(kind, text, by, data), cancellationToken);

    /// <summary>Throws <see cref="AuthorityDeniedException"/> when <paramref name="by"/> may not solve the ticket (VIP, sign-off).</summary>
    public static Task<Ticket> ChangeStatusAsync(this ITicketDesk desk, Guid ticketId, TicketStatus status, Actor by, string? note = null, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new ChangeStatus(status, by, note), cancellationToken);

    /// <summary>Lateral reassignment within the current tier.</summary>
    public static Task<Ticket> ReassignAsync(this ITicketDesk desk, Guid ticketId, string agentId, Actor by, string? note = null, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new ReassignWithinTier(agentId, by, note), cancellationToken);

    /// <summary>An agent's manual flag asking for escalation.</summary>
    public static Task<Ticket> RequestEscalationAsync(this ITicketDesk desk, Guid ticketId, string reason, Actor by, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new RequestEscalation(reason, by), cancellationToken);

    public static Task<Ticket> EscalateAsync(
        this ITicketDesk desk, Guid ticketId, string tierId, string? ownerAgentId, string reason, Actor by,
        PolicyDecision? decision = null, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new EscalateToTier(tierId, ownerAgentId, reason, by, decision), cancellationToken);

    public static Task<Ticket> DeEscalateAsync(
        this ITicketDesk desk, Guid ticketId, string tierId, string? ownerAgentId, string handBackNote, Actor by,
        PolicyDecision? decision = null, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new DeEscalate(tierId, ownerAgentId, handBackNote, by, decision), cancellationToken);

    public static Task<Ticket> SetPriorityAsync(this ITicketDesk desk, Guid ticketId, TicketPriority priority, Actor by, string? reason = null, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new SetPriority(priority, by, reason), cancellationToken);

    public static Task<Ticket> AddTagAsync(this ITicketDesk desk, Guid ticketId, string tag, Actor by, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new AddTag(tag, by), cancellationToken);

    public static Task<Ticket> RecordCsatAsync(this ITicketDesk desk, Guid ticketId, int score, string? comment, Actor by, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new RecordCsat(score, comment, by), cancellationToken);

    public static Task<Ticket> RequireSignOffAsync(this ITicketDesk desk, Guid ticketId, string reason, Actor by, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new RequireSignOff(reason, by), cancellationToken);

    public static Task<Ticket> SignOffAsync(this ITicketDesk desk, Guid ticketId, Actor by, string? note = null, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new SignOff(by, note), cancellationToken);

    /// <summary>
    /// Records an approval by <paramref name="approver"/> (an agent: their tier's caps apply). Throws
    /// <see cref="AuthorityDeniedException"/> with the reason when the amount is beyond their cap, or the approver is no person.
    /// </summary>
    public static Task<Ticket> ApproveAsync(
        this ITicketDesk desk, Guid ticketId, ApprovalKind kind, decimal? amount, Actor approver,
        string? note = null, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new Approve(kind, amount, approver, note), cancellationToken);

    /// <summary>Declines an approval: a timeline entry of kind <see cref="Ticket.ApprovalRejectedKind"/> with the reason.</summary>
    public static Task<Ticket> RejectApprovalAsync(this ITicketDesk desk, Guid ticketId, ApprovalKind kind, decimal? amount, string reason, Actor by, CancellationToken cancellationToken = default) =>
        desk.ApplyAsync(ticketId, new RejectApproval(kind, amount, reason, by), cancellationToken);
}
