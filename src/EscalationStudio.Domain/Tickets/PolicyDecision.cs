namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// Which policy decided an escalation or de-escalation: the definition, the published version that ran and the
/// activity (node) that made the move, so the timeline can say exactly which rule moved the case.
/// </summary>
public sealed record PolicyDecision(string PolicyId, int Version, string ActivityId);
