using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Policies.Briefings;

// Templates read these members by name (snake_case), and several are strings side by side: they are named, required
// members rather than positional records, so a value cannot land in its neighbour's place. templates/README.md lists
// every one of them, and a test holds the two together.

/// <summary>
/// Everything the receiving agent needs so nobody restarts a case from zero: what the case is, who the customer is,
/// where it has been, why it moves now and who decided, what was said, how the SLA stands and what the agent may do.
/// Templates see it in snake_case (<c>ticket.subject</c>, <c>handover.reason</c>, <c>authority.refund_cap</c>).
/// </summary>
internal sealed record BriefingModel
{
    public required BriefingTicket Ticket { get; init; }
    public required BriefingCustomer Customer { get; init; }
    public required BriefingHandover Handover { get; init; }
    public required BriefingPolicy? Policy { get; init; }
    public required IReadOnlyList<BriefingTierStep> TierHistory { get; init; }
    public required BriefingConversation Conversation { get; init; }
    public required IReadOnlyList<BriefingSla> Sla { get; init; }
    public required BriefingAuthority Authority { get; init; }
    public required BriefingSignals Signals { get; init; }
    public required BriefingApproval? Approval { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required string TimeZone { get; init; }
}

internal sealed record BriefingTicket
{
    public required string Id { get; init; }
    public required string Subject { get; init; }
    public required string Description { get; init; }
    public required string Priority { get; init; }
    public required string Status { get; init; }
    public required string Channel { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required string? SignOffRequiredReason { get; init; }
}

internal sealed record BriefingCustomer
{
    public required string Name { get; init; }
    public required string Email { get; init; }
    public required string? Organisation { get; init; }
    public required bool IsVip { get; init; }
    public required decimal LifetimeValue { get; init; }
}

internal sealed record BriefingHandover
{
    /// <summary><c>escalation</c>, <c>de-escalation</c> or <c>reassignment</c>.</summary>
    public required string Kind { get; init; }
    public required string FromTier { get; init; }
    public required string? FromOwner { get; init; }
    public required string ToTier { get; init; }
    public required string? ToOwner { get; init; }
    public required string Reason { get; init; }

    /// <summary>The hand-back note of a de-escalation, or extra words from the deciding policy.</summary>
    public required string? Note { get; init; }
}

/// <summary>The policy that decided, so the agent can ask "why did this land on me?" and get a precise answer.</summary>
internal sealed record BriefingPolicy
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required int Version { get; init; }
    public required string? Activity { get; init; }
}

internal sealed record BriefingTierStep
{
    public required DateTimeOffset At { get; init; }

    /// <summary><c>created</c>, <c>escalated</c>, <c>de-escalated</c> or <c>reassigned</c>.</summary>
    public required string Kind { get; init; }
    public required string? FromTier { get; init; }
    public required string ToTier { get; init; }
    public required string? FromOwner { get; init; }
    public required string? ToOwner { get; init; }
    public required string? Reason { get; init; }
    public required string? Policy { get; init; }
    public required string By { get; init; }
}

internal sealed record BriefingMessage
{
    public required DateTimeOffset At { get; init; }

    /// <summary><c>customer</c>, <c>agent</c> or <c>internal-note</c>.</summary>
    public required string Author { get; init; }
    public required string AuthorName { get; init; }
    public required string Excerpt { get; init; }
    public required bool IsTruncated { get; init; }
}

internal sealed record BriefingConversation
{
    public required int CustomerMessageCount { get; init; }
    public required int AgentReplyCount { get; init; }
    public required int InternalNoteCount { get; init; }

    /// <summary>Messages before <see cref="Recent"/>, left out to keep the briefing short.</summary>
    public required int EarlierCount { get; init; }

    /// <summary>The latest messages, oldest first.</summary>
    public required IReadOnlyList<BriefingMessage> Recent { get; init; }
}

internal sealed record BriefingSla
{
    public required string Metric { get; init; }

    /// <summary><c>not-started</c>, <c>running</c>, <c>paused</c>, <c>achieved</c> or <c>missed</c>.</summary>
    public required string Phase { get; init; }
    public required string Target { get; init; }
    public required string Elapsed { get; init; }

    /// <summary>Business time left before the breach, e.g. <c>1h 30m</c>; <c>0m</c> once breached.</summary>
    public required string Remaining { get; init; }
    public required double PercentElapsed { get; init; }
    public required DateTimeOffset? DueAt { get; init; }
    public required bool IsBreached { get; init; }
}

internal sealed record BriefingAuthority
{
    public required string Tier { get; init; }
    public required decimal RefundCap { get; init; }
    public required decimal CreditCap { get; init; }
    public required bool MayCloseVipTickets { get; init; }
    public required bool MayApproveContractChanges { get; init; }
    public required bool MaySignOff { get; init; }

    /// <summary>Plain sentences such as "approve refunds up to 500", ready to list in a template.</summary>
    public required IReadOnlyList<string> Abilities { get; init; }
    public required IReadOnlyList<string> Limits { get; init; }
}

internal sealed record BriefingSignals
{
    public required double? Sentiment { get; init; }
    public required IReadOnlyList<string> SentimentWords { get; init; }
    public required IReadOnlyList<string> Keywords { get; init; }
    public required string? ManagerRequestPhrase { get; init; }
}

internal sealed record BriefingApproval
{
    /// <summary><c>refund</c>, <c>credit</c>, <c>contract-change</c> or <c>decision</c>.</summary>
    public required string Kind { get; init; }
    public required decimal? Amount { get; init; }
    public required string RequestedBy { get; init; }
    public required string Reason { get; init; }
    public required string ApproverTier { get; init; }
    public required DateTimeOffset? DecideBy { get; init; }

    /// <summary>A request for <paramref name="kind"/> of <paramref name="amount"/> on the ticket, asked by its owner of <paramref name="approverTier"/>.</summary>
    public static BriefingApproval For(OrgDirectory org, Ticket ticket, ApprovalKind kind, decimal? amount, string reason, Tier? approverTier, DateTimeOffset? decideBy) => new()
    {
        Kind = kind.ToText(),
        Amount = amount,
        RequestedBy = ticket.OwnerAgentId is { } owner ? org.AgentName(owner) : "the tier queue",
        Reason = reason,
        ApproverTier = approverTier?.Name ?? "a manager",
        DecideBy = decideBy,
    };
}
