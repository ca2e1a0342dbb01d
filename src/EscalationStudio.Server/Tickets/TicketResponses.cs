using System.Globalization;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Naming;

namespace EscalationStudio.Server.Tickets;

internal sealed record TicketResponse(
    Guid Id,
    string Subject,
    string Description,
    TicketStatus Status,
    TicketPriority Priority,
    TicketChannel Channel,
    string Tier,
    string? Owner,
    CustomerResponse Requester,
    IReadOnlyList<string> Tags,
    CsatResponse? Csat,
    string? EscalationRequest,
    SignOffResponse? SignOff,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    IReadOnlyList<MessageResponse> Messages)
{
    public static TicketResponse From(Ticket t) => new(
        t.Id,
        t.Subject,
        t.Description,
        t.Status,
        t.Priority,
        t.Channel,
        t.TierId,
        t.OwnerAgentId,
        CustomerResponse.From(t.Requester),
        t.Tags,
        t.CsatScore is { } score ? new CsatResponse(score, t.CsatComment) : null,
        t.EscalationRequestReason,
        t.SignOffRequiredReason is { } reason ? new SignOffResponse(reason, t.IsSignedOff) : null,
        t.CreatedAt,
        t.UpdatedAt,
        t.Version,
        [.. t.Messages.OrderBy(m => m.Sequence).Select(MessageResponse.From)]);
}

/// <summary>
/// What a write answers under <c>Prefer: return=minimal</c>: the ticket's state a change can touch, without its
/// description, requester, tags or conversation. <c>Version</c> says which change this is.
/// </summary>
internal sealed record TicketStateResponse(
    Guid Id,
    TicketStatus Status,
    TicketPriority Priority,
    string Tier,
    string? Owner,
    string? EscalationRequest,
    DateTimeOffset UpdatedAt,
    int Version,
    int MessageCount)
{
    public static TicketStateResponse From(Ticket t) =>
        new(t.Id, t.Status, t.Priority, t.TierId, t.OwnerAgentId, t.EscalationRequestReason, t.UpdatedAt, t.Version, t.Messages.Count);
}

/// <summary>A row of the ticket list: everything but the description and the conversation.</summary>
internal sealed record TicketSummaryResponse(
    Guid Id,
    string Subject,
    TicketStatus Status,
    TicketPriority Priority,
    TicketChannel Channel,
    string Tier,
    string? Owner,
    CustomerResponse Requester,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TicketSummaryResponse From(Ticket t) =>
        new(t.Id, t.Subject, t.Status, t.Priority, t.Channel, t.TierId, t.OwnerAgentId, CustomerResponse.From(t.Requester), t.Tags, t.CreatedAt, t.UpdatedAt);
}

internal sealed record CustomerResponse(Guid Id, string Name, string Email, string? Organisation, decimal LifetimeValue, bool Vip)
{
    public static CustomerResponse From(Customer c) => new(c.Id, c.Name, c.Email, c.Organisation, c.LifetimeValue, c.IsVip);
}

internal sealed record MessageResponse(Guid Id, MessageKind Kind, string Author, string Body, DateTimeOffset At)
{
    public static MessageResponse From(TicketMessage m) => new(m.Id, m.Kind, m.Author.ToString(), m.Body, m.At);
}

internal sealed record CsatResponse(int Score, string? Comment);

internal sealed record SignOffResponse(string Reason, bool SignedOff);

internal sealed record TicketPage(IReadOnlyList<TicketSummaryResponse> Items, int Page, int PageSize, int TotalCount, int TotalPages);

/// <param name="ActorName">The actor as people read it: a policy by its name (<see cref="Actor"/> keeps <c>policy:&lt;id&gt;</c>).</param>
/// <param name="PolicyName">The name of the policy the event names in <c>data.policy</c>, if any.</param>
/// <param name="StepName">The readable name of the policy step the event names in <c>data.activity</c>, if any.</param>
internal sealed record TimelineEventResponse(int Sequence, TicketEventType Type, string Actor, DateTimeOffset OccurredAt, IReadOnlyDictionary<string, string> Data,
    string ActorName, string? PolicyName, string? StepName)
{
    public static TimelineEventResponse From(TicketEvent e, PolicyNames? names = null)
    {
        var policy = e[TicketEventData.Policy] is { Length: > 0 } id ? id : e.Actor.Kind == ActorKind.Policy ? e.Actor.Id : null;
        var version = int.TryParse(e[TicketEventData.PolicyVersion], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
        var step = policy is not null && e[TicketEventData.Activity] is { Length: > 0 } activity ? names?.Step(policy, version, activity) ?? activity : null;
        return new(e.Sequence, e.Type, e.Actor.ToString(), e.OccurredAt, e.Data,
            names?.Actor(e.Actor) ?? e.Actor.ToString(), policy is null ? null : names?.Policy(policy) ?? policy, step);
    }
}
