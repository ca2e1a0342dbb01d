using System.Globalization;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets;

// Who holds the case. Escalation is vertical (up a level, or to a specialist group); reassignment is lateral (another
// owner in the same tier); de-escalation hands the case back down with a note so nobody restarts from zero.
public sealed partial class Ticket
{
    /// <summary>The timeline-entry kind of a declined approval.</summary>
    public const string ApprovalRejectedKind = "approval-rejected";

    /// <summary>Lateral move: another agent of the same tier takes the case (also the first assignment).</summary>
    public void ReassignWithinTier(OrgDirectory org, string agentId, Actor by, DateTimeOffset now, string? note = null)
    {
        EnsureActive("reassign");
        TicketText.EnsureStorable(note, "note");
        var agent = org.FindAgent(agentId) ?? throw new TicketRuleViolationException($"unknown agent '{agentId}'", "agentId");
        if (!SameId(agent.TierId, TierId))
        {
            throw new TicketRuleViolationException(
                $"agent '{agent.Id}' works in {agent.TierId}, not in {TierId}; moving the case to another tier is an escalation or a de-escalation",
                "agentId");
        }

        if (SameId(agent.Id, OwnerAgentId ?? string.Empty))
        {
            return;
        }

        var from = OwnerAgentId;
        OwnerAgentId = agent.Id;
        Append(TicketEventType.Reassigned, by, now, new()
        {
            [TicketEventData.Tier] = TierId,
            [TicketEventData.FromOwner] = from ?? string.Empty,
            [TicketEventData.ToOwner] = agent.Id,
            [TicketEventData.Note] = note ?? string.Empty,
        });
    }

    /// <summary>An agent's manual flag: "this needs escalating, because...". Policies decide where it goes.</summary>
    public void RequestEscalation(string reason, Actor by, DateTimeOffset now)
    {
        EnsureActive("flag for escalation");
        TicketText.EnsureStorable(reason, "reason");
        EscalationRequestReason = reason;
        Append(TicketEventType.EscalationRequested, by, now, new()
        {
            [TicketEventData.Reason] = reason,
            [TicketEventData.Tier] = TierId,
            [TicketEventData.Owner] = OwnerAgentId ?? string.Empty,
        });
    }

    /// <summary>Vertical move up the ladder or to a specialist group, with the reason and who decided it.</summary>
    /// <param name="ownerAgentId">The receiving agent, or null to leave the case in the tier's queue.</param>
    /// <param name="decision">The policy, version and activity that decided it, when a policy did.</param>
    public void EscalateTo(OrgDirectory org, string tierId, string? ownerAgentId, string reason, Actor by, DateTimeOffset now, PolicyDecision? decision = null)
    {
        EnsureActive("escalate");
        TicketText.EnsureStorable(reason, "reason");
        var (current, target, owner) = ResolveMove(org, tierId, ownerAgentId);
        if (!target.IsEscalationFrom(current))
        {
            throw new TicketRuleViolationException(
                $"{target.Id} (level {target.Level}) is not above {current.Id} (level {current.Level}); use de-escalation to hand a case back",
                "tier");
        }

        Move(TicketEventType.Escalated, target, owner, by, now, reason, decision);
        EscalationRequestReason = null;
    }

    /// <summary>Hands the case back to a lower ladder level, with a note for the receiving agent.</summary>
    public void DeEscalateTo(OrgDirectory org, string tierId, string? ownerAgentId, string handBackNote, Actor by, DateTimeOffset now, PolicyDecision? decision = null)
    {
        EnsureActive("de-escalate");
        TicketText.EnsureStorable(handBackNote, "note");
        var (current, target, owner) = ResolveMove(org, tierId, ownerAgentId);
        if (!target.IsDeEscalationFrom(current))
        {
            throw new TicketRuleViolationException(
                $"{target.Id} is not a lower level than {current.Id}; a case is handed back to a ladder level below its current tier",
                "tier");
        }

        Move(TicketEventType.DeEscalated, target, owner, by, now, handBackNote, decision);
    }

    /// <summary>Records an approval (refund, credit, contract change) if the approver's authority covers it.</summary>
    /// <remarks>An approval needs a person with a cap: a policy or the system cannot approve on its own.</remarks>
    public void RecordApproval(ApprovalKind kind, decimal? amount, string? note, Actor approver, AuthorityLevel authority, DateTimeOffset now)
    {
        if (approver.Kind is not (ActorKind.Agent or ActorKind.User))
        {
            throw new AuthorityDeniedException($"{approver} cannot approve; an approval is given by an agent within their authority level");
        }

        if (!Rules.TakesApprovals)
        {
            throw new TicketRuleViolationException($"a {Describe(Status)} ticket takes no approvals");
        }

        TicketText.EnsureStorable(note, "note");
        var decision = authority.Decide(kind, amount);
        if (!decision.IsAllowed)
        {
            throw new AuthorityDeniedException($"{approver} may not approve: {decision.Reason}");
        }

        Append(TicketEventType.ApprovalGranted, approver, now, new()
        {
            [TicketEventData.ApprovalKind] = kind.ToText(),
            [TicketEventData.Amount] = amount is null ? string.Empty : Format(amount.Value),
            [TicketEventData.Note] = note ?? string.Empty,
        });
    }

    /// <summary>
    /// Declines a requested approval. Anyone may say no; the entry (a timeline entry of kind
    /// <see cref="ApprovalRejectedKind"/>) lets a waiting policy take its Rejected path.
    /// </summary>
    public void RejectApproval(ApprovalKind kind, decimal? amount, string reason, Actor by, DateTimeOffset now)
    {
        if (!Rules.TakesRejections)
        {
            throw new TicketRuleViolationException($"cannot reject an approval on a {Describe(Status)} ticket; reopen it first");
        }

        TicketText.EnsureStorable(reason, "reason");
        AddTimelineEntry(ApprovalRejectedKind, $"{kind.ToText()} approval rejected: {reason}", by, now, new Dictionary<string, string>
        {
            [TicketEventData.ApprovalKind] = kind.ToText(),
            [TicketEventData.Amount] = amount is null ? string.Empty : Format(amount.Value),
            [TicketEventData.Reason] = reason,
        });
    }

    private (Tier Current, Tier Target, Agent? Owner) ResolveMove(OrgDirectory org, string tierId, string? ownerAgentId)
    {
        var current = org.FindTier(TierId) ?? throw new TicketRuleViolationException($"the ticket's tier '{TierId}' is no longer in the org directory", "tier");
        var target = org.FindTier(tierId) ?? throw new TicketRuleViolationException($"unknown tier '{tierId}'", "tier");
        Agent? owner = null;
        if (!string.IsNullOrEmpty(ownerAgentId))
        {
            owner = org.FindAgent(ownerAgentId) ?? throw new TicketRuleViolationException($"unknown agent '{ownerAgentId}'", "owner");
            if (!SameId(owner.TierId, target.Id))
            {
                throw new TicketRuleViolationException($"agent '{owner.Id}' works in {owner.TierId}, not in {target.Id}", "owner");
            }
        }

        return (current, target, owner);
    }

    private void Move(TicketEventType type, Tier target, Agent? owner, Actor by, DateTimeOffset now, string reasonOrNote, PolicyDecision? decision)
    {
        var fromTier = TierId;
        var fromOwner = OwnerAgentId;
        TierId = target.Id;
        OwnerAgentId = owner?.Id;
        var data = new Dictionary<string, string>
        {
            [TicketEventData.From] = fromTier,
            [TicketEventData.To] = target.Id,
            [TicketEventData.FromOwner] = fromOwner ?? string.Empty,
            [TicketEventData.ToOwner] = owner?.Id ?? string.Empty,
            [type == TicketEventType.DeEscalated ? TicketEventData.Note : TicketEventData.Reason] = reasonOrNote,
            [TicketEventData.Policy] = decision?.PolicyId ?? (by.Kind == ActorKind.Policy ? by.Id : string.Empty),
            [TicketEventData.PolicyVersion] = decision?.Version.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            [TicketEventData.Activity] = decision?.ActivityId ?? string.Empty,
        };

        // Only when the runtime knows them, so earlier events and manual moves keep their shape.
        if (decision is { Trigger: { Length: > 0 } trigger })
        {
            data[TicketEventData.Trigger] = trigger;
            data[TicketEventData.TriggeredAt] = decision.TriggeredAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty;
        }

        Append(type, by, now, data);
    }
}
