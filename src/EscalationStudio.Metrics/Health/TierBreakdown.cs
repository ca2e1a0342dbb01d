namespace EscalationStudio.Metrics.Health;

/// <summary>Moves between two tiers: how often, and how many tickets made them (a ticket counts once per pair).</summary>
public sealed record TierFlowFigure(string From, string To, int Escalations, int DeEscalations, int Tickets);

/// <summary>One tier's escalations out: tickets escalated from it at least once / tickets that were in it.</summary>
public sealed record TierEscalationFigure(string Tier, Ratio EscalatedFrom, IReadOnlyList<TierPeriodFigure> Trend);

/// <summary>The tier's figure over the tickets created in the period starting on <see cref="Start"/>.</summary>
public sealed record TierPeriodFigure(DateOnly Start, Ratio EscalatedFrom);

/// <summary>How tickets moved between tiers, and where escalations start, in one pass over the summaries.</summary>
public sealed record TierBreakdown(IReadOnlyList<TierFlowFigure> Flow, IReadOnlyList<TierEscalationFigure> Tiers);
