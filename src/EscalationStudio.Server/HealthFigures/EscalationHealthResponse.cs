using EscalationStudio.Metrics.Health;

namespace EscalationStudio.Server.HealthFigures;

/// <summary>
/// The escalation-health figures of the tickets the cuts select, shaped for a dashboard: the figures as tiles (every
/// share with its numerator and denominator), one trend series per period, per tier and per policy, the tier flow,
/// and the healthy band to draw on the escalation-rate trend.
/// </summary>
/// <param name="TicketQuery">The cuts as <c>GET /api/tickets</c> parameters: add <c>figure</c>, <c>side</c> and (for
/// per-tier, per-policy, per-trigger and per-SLA figures) <c>key</c> to list the tickets behind a figure.</param>
/// <param name="Tiers">Per tier: tickets escalated out of it / tickets that were in it, overall and per period.</param>
/// <param name="TierFlow">Every from → to pair of tier moves, with escalations, de-escalations and tickets.</param>
internal sealed record EscalationHealthResponse(
    HealthPeriod Period,
    string Zone,
    DateTimeOffset? From,
    DateTimeOffset? To,
    HealthyBand HealthyBand,
    string TicketQuery,
    EscalationHealthReport Figures,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<TierEscalationFigure> Tiers,
    IReadOnlyList<PolicyTrend> Policies,
    IReadOnlyList<TierFlowFigure> TierFlow);

/// <param name="Low">The lowest healthy escalation rate, a share (0.10 = 10 %).</param>
/// <param name="High">The highest healthy escalation rate.</param>
internal sealed record HealthyBand(double Low, double High);

/// <summary>The main figures of the tickets created in the period starting on <see cref="Start"/>.</summary>
/// <param name="EscalationRateHealth">below, within or above the healthy band; null when no ticket was counted.</param>
internal sealed record TrendPoint(
    DateOnly Start,
    int Tickets,
    Ratio EscalationRate,
    string? EscalationRateHealth,
    double? TimeToEscalateP50Hours,
    double? TimeToEscalateP90Hours,
    double? PolicyReactionP50Hours,
    Ratio FirstTierResolution,
    Ratio DeEscalationRate,
    Ratio Bounced,
    Ratio PingPong,
    Ratio Reassigned,
    double? CsatEscalated,
    double? CsatNotEscalated,
    Ratio ManualEscalations)
{
    public static TrendPoint From(PeriodHealth period, HealthyBand band)
    {
        var h = period.Health;
        return new TrendPoint(
            period.Start,
            h.Tickets,
            h.EscalationRate,
            band.Judge(h.EscalationRate),
            h.TimeToEscalate.WallClock.P50Hours,
            h.TimeToEscalate.WallClock.P90Hours,
            h.TimeToEscalate.PolicyReaction.P50Hours,
            h.FirstTierResolution,
            h.DeEscalationRate,
            h.Bounce.Bounced,
            h.Bounce.PingPong,
            h.Reassignment.AtLeastOnce,
            h.CsatEscalated.Mean,
            h.CsatNotEscalated.Mean,
            h.Sources.ManualTickets);
    }
}

/// <summary>One policy version's escalations, overall and per period.</summary>
/// <param name="Key">The <c>key</c> that lists its tickets (<c>figure=escalated-by-policy</c>): policy@version.</param>
internal sealed record PolicyTrend(string Policy, int? Version, string Key, int Escalations, Ratio Tickets, IReadOnlyList<PolicyPeriod> Trend);

/// <param name="Tickets">Tickets of the period this policy version escalated / escalated tickets of the period.</param>
internal sealed record PolicyPeriod(DateOnly Start, int Escalations, Ratio Tickets);

internal static class HealthyBandJudgement
{
    public const string Below = "below";
    public const string Within = "within";
    public const string Above = "above";

    public static string? Judge(this HealthyBand band, Ratio rate) => rate.Value switch
    {
        null => null,
        var v when v < band.Low => Below,
        var v when v > band.High => Above,
        _ => Within,
    };
}
