namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// Which policy decided an escalation or de-escalation: the definition, the published version that ran and the
/// activity (node) that made the move, so the timeline can say exactly which rule moved the case.
/// </summary>
/// <param name="Trigger">What made the policy act (see <see cref="TicketEventData.Trigger"/>), when the runtime knows it.</param>
/// <param name="TriggeredAt">When the trigger's condition held, so the metrics can measure the runtime's reaction time.</param>
public sealed record PolicyDecision(string PolicyId, int Version, string ActivityId, string? Trigger = null, DateTimeOffset? TriggeredAt = null);
