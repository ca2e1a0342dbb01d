using EscalationStudio.Domain.Actors;

namespace EscalationStudio.Metrics.Summaries;

public enum TierMoveKind
{
    /// <summary>Up a level or to a specialist group.</summary>
    Escalation,

    /// <summary>Handed back down to a lower level.</summary>
    DeEscalation,
}

/// <summary>One change of the ticket's tier, as its Escalated or DeEscalated event recorded it.</summary>
/// <param name="Policy">The deciding policy, or null for a manual move (an agent, a manager, an integration).</param>
/// <param name="PolicyVersion">The published version that decided, when recorded.</param>
/// <param name="Trigger">What made the policy act (keyword-matched, vip-customer, manager-requested, sla...), when recorded.</param>
/// <param name="TriggeredAt">When the trigger's condition held, when recorded.</param>
public sealed record TierMove(
    TierMoveKind Kind,
    string From,
    string To,
    DateTimeOffset At,
    Actor By,
    string? Policy,
    int? PolicyVersion,
    string? Trigger,
    DateTimeOffset? TriggeredAt)
{
    public bool IsManual => Policy is null;

    /// <summary>The runtime's reaction time: from the trigger's condition to the move; null when not recorded.</summary>
    public TimeSpan? Reaction => TriggeredAt is { } triggered && At >= triggered ? At - triggered : null;
}
