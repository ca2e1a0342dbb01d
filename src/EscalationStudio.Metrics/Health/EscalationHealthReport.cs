namespace EscalationStudio.Metrics.Health;

/// <summary>A share with the counts behind it; <see cref="Value"/> is null when nothing was counted.</summary>
public readonly record struct Ratio(int Numerator, int Denominator)
{
    public double? Value => Denominator == 0 ? null : (double)Numerator / Denominator;
}

/// <summary>Percentiles (nearest rank) of durations in hours; <see cref="Measured"/> says how many of the figure's
/// tickets (or, for the policy reaction, escalations) had a duration.</summary>
public sealed record DurationFigure(Ratio Measured, double? P50Hours, double? P90Hours);

/// <param name="WallClock">Creation to first escalation, in hours; over escalated tickets.</param>
/// <param name="BusinessHours">The same in business hours of the first tier's calendar; tickets whose calendar is unknown are not measured.</param>
/// <param name="PolicyReaction">Trigger condition to escalation, over policy escalations (not tickets) whose trigger moment is recorded.</param>
public sealed record TimeToEscalateFigure(DurationFigure WallClock, DurationFigure BusinessHours, DurationFigure PolicyReaction);

/// <param name="Mean">Mean score of the rated tickets, null when none was rated.</param>
/// <param name="HighScores">Tickets scored 4 or 5 / rated tickets.</param>
public sealed record CsatFigure(double? Mean, Ratio HighScores);

/// <param name="TierMovesPerTicket">How many tickets had 0, 1, 2... tier changes (escalations plus de-escalations).</param>
public sealed record BounceFigure(Ratio Bounced, Ratio PingPong, IReadOnlyDictionary<int, int> TierMovesPerTicket);

public sealed record ReassignmentFigure(Ratio AtLeastOnce, Ratio MoreThanOnce);

/// <param name="Warnings">Warning entries of the metric; <paramref name="WarnedTickets"/> counts tickets with at least one.</param>
/// <param name="EscalatedBeforeBreach">Breached tickets escalated before their first breach / breached tickets.</param>
public sealed record SlaFigure(string Metric, int Warnings, Ratio WarnedTickets, int Breaches, Ratio BreachedTickets, Ratio EscalatedBeforeBreach);

/// <param name="Version">The policy version that decided, null when the event did not record one.</param>
/// <param name="Tickets">Tickets this policy version escalated / escalated tickets.</param>
public sealed record PolicySourceFigure(string Policy, int? Version, int Escalations, Ratio Tickets);

/// <param name="Tickets">Tickets a policy escalated on this trigger / escalated tickets.</param>
public sealed record TriggerSourceFigure(string Trigger, int Escalations, Ratio Tickets);

/// <param name="ManualTickets">Tickets escalated by hand at least once / escalated tickets.</param>
public sealed record EscalationSources(
    IReadOnlyList<PolicySourceFigure> ByPolicy,
    IReadOnlyList<TriggerSourceFigure> ByTrigger,
    int ManualEscalations,
    Ratio ManualTickets);

/// <param name="Open">Open tickets held by this tier now / open tickets.</param>
public sealed record TierLoadFigure(string Tier, Ratio Open, DateTimeOffset OldestOpenCreatedAt);

/// <summary>The escalation-health figures of the tickets a <see cref="HealthFilter"/> selected.</summary>
public sealed record EscalationHealthReport(
    int Tickets,
    Ratio EscalationRate,
    TimeToEscalateFigure TimeToEscalate,
    Ratio FirstTierResolution,
    CsatFigure CsatEscalated,
    CsatFigure CsatNotEscalated,
    Ratio DeEscalationRate,
    BounceFigure Bounce,
    ReassignmentFigure Reassignment,
    IReadOnlyList<SlaFigure> Sla,
    EscalationSources Sources,
    IReadOnlyList<TierLoadFigure> Load);

/// <summary>The figures of the tickets created in one period, which starts on <see cref="Start"/> (local date).</summary>
public sealed record PeriodHealth(DateOnly Start, EscalationHealthReport Health);

public enum HealthPeriod
{
    Day,

    /// <summary>Monday to Sunday.</summary>
    Week,
    Month,
}
