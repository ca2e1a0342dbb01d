using EscalationStudio.Domain.Actors;

namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// One append-only entry of a ticket's history. The timeline, the metrics and policy replays are all computed from
/// these events, so an event is never changed once committed.
/// </summary>
/// <param name="Sequence">1, 2, 3, ... per ticket, without gaps: the order of the timeline.</param>
/// <param name="Data">Details of the change as text (e.g. <c>from</c>/<c>to</c> tiers, <c>reason</c>); keys are in <see cref="TicketEventData"/>.</param>
public sealed record TicketEvent(
    Guid Id,
    Guid TicketId,
    int Sequence,
    TicketEventType Type,
    Actor Actor,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string> Data)
{
    public string? this[string key] => Data.GetValueOrDefault(key);
}

/// <summary>The keys used in <see cref="TicketEvent.Data"/>.</summary>
public static class TicketEventData
{
    public const string Subject = "subject";
    public const string Priority = "priority";
    public const string Channel = "channel";
    public const string Tier = "tier";
    public const string Owner = "owner";
    public const string From = "from";
    public const string To = "to";
    public const string FromOwner = "fromOwner";
    public const string ToOwner = "toOwner";
    public const string Reason = "reason";
    public const string Note = "note";
    public const string MessageId = "messageId";
    public const string MessageKind = "messageKind";
    public const string Body = "body";
    public const string Tag = "tag";

    /// <summary>The comma-separated tags of a new ticket (Created).</summary>
    public const string Tags = "tags";
    public const string Score = "score";
    public const string Comment = "comment";
    public const string ApprovalKind = "approvalKind";
    public const string Amount = "amount";
    public const string Kind = "kind";
    public const string Text = "text";
    public const string Policy = "policy";

    /// <summary>The version of the deciding policy's definition (Escalated/DeEscalated; empty when no policy decided).</summary>
    public const string PolicyVersion = "policyVersion";

    /// <summary>The id of the policy activity that decided the move (Escalated/DeEscalated; empty when no policy decided).</summary>
    public const string Activity = "activity";

    /// <summary>
    /// What made the deciding policy act (Escalated/DeEscalated, only when recorded): <c>keyword</c>, <c>vip</c>,
    /// <c>sentiment</c>, <c>manager-requested</c>, <c>manual-flag</c>, <c>sla</c>, or another trigger's name.
    /// Events written before it existed lack the key.
    /// </summary>
    public const string Trigger = "trigger";

    /// <summary>When the trigger's condition held (the message, the SLA breach), round-trip UTC (<c>O</c>); only with <see cref="Trigger"/>.</summary>
    public const string TriggeredAt = "triggeredAt";

    /// <summary>The SLA metric of an <c>sla-warning</c>/<c>sla-breached</c>/<c>sla-met</c> timeline entry, e.g. <c>first-response</c>.</summary>
    public const string SlaMetric = "slaMetric";

    /// <summary>On a <c>manager-alert</c> about a policy's refused move: the refusal's kind (<c>escalation-refused</c>...).</summary>
    public const string RefusedMove = "refusedMove";
    public const string Customer = "customer";
    public const string Vip = "vip";
}
