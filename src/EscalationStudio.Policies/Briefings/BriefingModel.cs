namespace EscalationStudio.Policies.Briefings;

/// <summary>
/// Everything the receiving agent needs so nobody restarts a case from zero: what the case is, who the customer is,
/// where it has been, why it moves now and who decided, what was said, how the SLA stands and what the agent may do.
/// Templates see it in snake_case (<c>ticket.subject</c>, <c>handover.reason</c>, <c>authority.refund_cap</c>).
/// </summary>
public sealed record BriefingModel(
    BriefingTicket Ticket,
    BriefingCustomer Customer,
    BriefingHandover Handover,
    BriefingPolicy? Policy,
    IReadOnlyList<BriefingTierStep> TierHistory,
    BriefingConversation Conversation,
    IReadOnlyList<BriefingSla> Sla,
    BriefingAuthority Authority,
    BriefingSignals Signals,
    BriefingApproval? Approval,
    DateTimeOffset GeneratedAt,
    string TimeZone);

public sealed record BriefingTicket(
    string Id,
    string Subject,
    string Description,
    string Priority,
    string Status,
    string Channel,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Tags,
    string? SignOffRequiredReason);

public sealed record BriefingCustomer(string Name, string Email, string? Organisation, bool IsVip, decimal LifetimeValue);

/// <param name="Kind"><c>escalation</c>, <c>de-escalation</c> or <c>reassignment</c>.</param>
/// <param name="Note">The hand-back note of a de-escalation, or extra words from the deciding policy.</param>
public sealed record BriefingHandover(
    string Kind,
    string FromTier,
    string? FromOwner,
    string ToTier,
    string? ToOwner,
    string Reason,
    string? Note);

/// <summary>The policy that decided, so the agent can ask "why did this land on me?" and get a precise answer.</summary>
public sealed record BriefingPolicy(string Id, string Name, int Version, string? Activity);

/// <param name="Kind"><c>created</c>, <c>escalated</c>, <c>de-escalated</c> or <c>reassigned</c>.</param>
public sealed record BriefingTierStep(
    DateTimeOffset At,
    string Kind,
    string? FromTier,
    string ToTier,
    string? FromOwner,
    string? ToOwner,
    string? Reason,
    string? Policy,
    string By);

/// <param name="Author"><c>customer</c>, <c>agent</c> or <c>internal-note</c>.</param>
public sealed record BriefingMessage(DateTimeOffset At, string Author, string AuthorName, string Excerpt, bool IsTruncated);

/// <param name="Recent">The latest messages, oldest first.</param>
/// <param name="EarlierCount">Messages before <paramref name="Recent"/>, left out to keep the briefing short.</param>
public sealed record BriefingConversation(
    int CustomerMessageCount,
    int AgentReplyCount,
    int InternalNoteCount,
    int EarlierCount,
    IReadOnlyList<BriefingMessage> Recent);

/// <param name="Phase"><c>not-started</c>, <c>running</c>, <c>paused</c>, <c>achieved</c> or <c>missed</c>.</param>
public sealed record BriefingSla(
    string Metric,
    string Phase,
    string Target,
    string Elapsed,
    double PercentElapsed,
    DateTimeOffset? DueAt,
    bool IsBreached);

/// <param name="Abilities">Plain sentences such as "approve refunds up to 500", ready to list in a template.</param>
public sealed record BriefingAuthority(
    string Tier,
    decimal RefundCap,
    decimal CreditCap,
    bool MayCloseVipTickets,
    bool MayApproveContractChanges,
    bool MaySignOff,
    IReadOnlyList<string> Abilities,
    IReadOnlyList<string> Limits);

public sealed record BriefingSignals(
    double? Sentiment,
    IReadOnlyList<string> SentimentWords,
    IReadOnlyList<string> Keywords,
    string? ManagerRequestPhrase);

/// <param name="Kind"><c>refund</c>, <c>credit</c>, <c>contract-change</c> or <c>decision</c>.</param>
public sealed record BriefingApproval(string Kind, decimal? Amount, string RequestedBy, string Reason, string ApproverTier, DateTimeOffset? DecideBy);
