using EscalationStudio.Metrics.Health;

namespace EscalationStudio.Server.HealthFigures.Dashboard;

/// <summary>
/// One figure as a tile: its value, the counts behind it (numerator of denominator) and the ticket pages of both
/// sides. <paramref name="Judgement"/> is below, within or above the healthy band (the escalation rate only).
/// </summary>
internal sealed record FigureTile(
    string Id,
    string Title,
    string Value,
    Ratio Counts,
    string CountsText,
    string NumeratorHref,
    string DenominatorHref,
    string? Note = null,
    string? Judgement = null);

/// <summary>The figures of one answer of the figures' API, as the dashboard's tiles, in the order managers read them.</summary>
internal static class FigureTiles
{
    public static IReadOnlyList<FigureTile> From(EscalationHealthResponse health)
    {
        var f = health.Figures;
        var band = health.HealthyBand;
        var tiles = new List<FigureTile>
        {
            Tile(health, "escalation-rate", "Escalation rate", HealthDashboard.Percent(f.EscalationRate.Value), f.EscalationRate, "tickets escalated",
                new Figure(HealthFigure.EscalationRate),
                $"healthy {HealthDashboard.Percent(band.Low)}–{HealthDashboard.Percent(band.High)}", band.Judge(f.EscalationRate)),
            Tile(health, "time-to-escalate", "Time to escalate",
                $"{HealthDashboard.Hours(f.TimeToEscalate.WallClock.P50Hours)} / {HealthDashboard.Hours(f.TimeToEscalate.WallClock.P90Hours)}",
                f.TimeToEscalate.BusinessHours.Measured, "escalated tickets measured in business hours",
                new Figure(HealthFigure.TimeToEscalate),
                $"p50 / p90 wall clock; business hours {HealthDashboard.Hours(f.TimeToEscalate.BusinessHours.P50Hours)} / {HealthDashboard.Hours(f.TimeToEscalate.BusinessHours.P90Hours)}"),
            Tile(health, "policy-reaction-time", "Policy reaction time",
                $"{HealthDashboard.Hours(f.TimeToEscalate.PolicyReaction.P50Hours)} / {HealthDashboard.Hours(f.TimeToEscalate.PolicyReaction.P90Hours)}",
                f.TimeToEscalate.PolicyReaction.Measured, "policy escalations with their trigger moment",
                new Figure(HealthFigure.PolicyReactionTime), "p50 / p90, from the trigger's condition to the escalation"),
            Tile(health, "first-tier-resolution", "First-tier resolution", HealthDashboard.Percent(f.FirstTierResolution.Value), f.FirstTierResolution,
                "solved tickets never left their first tier", new Figure(HealthFigure.FirstTierResolution)),
            Tile(health, "csat-escalated", "CSAT after escalation", HealthDashboard.Score(f.CsatEscalated.Mean), f.CsatEscalated.HighScores,
                "rated escalated tickets scored 4–5", new Figure(HealthFigure.CsatEscalated)),
            Tile(health, "csat-not-escalated", "CSAT without escalation", HealthDashboard.Score(f.CsatNotEscalated.Mean), f.CsatNotEscalated.HighScores,
                "rated other tickets scored 4–5", new Figure(HealthFigure.CsatNotEscalated)),
            Tile(health, "de-escalation-rate", "De-escalation rate", HealthDashboard.Percent(f.DeEscalationRate.Value), f.DeEscalationRate,
                "escalated tickets handed back down", new Figure(HealthFigure.DeEscalationRate)),
            Tile(health, "bounce", "Bounce", HealthDashboard.Percent(f.Bounce.Bounced.Value), f.Bounce.Bounced,
                "tickets changed tier more than once", new Figure(HealthFigure.Bounce)),
            Tile(health, "ping-pong", "Ping-pong", HealthDashboard.Percent(f.Bounce.PingPong.Value), f.Bounce.PingPong,
                "tickets returned to a tier they had left", new Figure(HealthFigure.PingPong)),
            Tile(health, "reassigned", "Reassignment", HealthDashboard.Percent(f.Reassignment.AtLeastOnce.Value), f.Reassignment.AtLeastOnce,
                "tickets reassigned inside a tier", new Figure(HealthFigure.Reassigned),
                $"more than once: {f.Reassignment.MoreThanOnce.Numerator}"),
            Tile(health, "manual-escalations", "Manual escalations", HealthDashboard.Percent(f.Sources.ManualTickets.Value), f.Sources.ManualTickets,
                "escalated tickets escalated by hand", new Figure(HealthFigure.EscalatedManually)),
        };

        foreach (var sla in f.Sla)
        {
            tiles.Add(Tile(health, $"sla-breached-{sla.Metric}", $"SLA breaches · {sla.Metric}", HealthDashboard.Percent(sla.BreachedTickets.Value),
                sla.BreachedTickets, "tickets breached", new Figure(HealthFigure.SlaBreached, sla.Metric),
                $"{sla.Warnings} warnings on {sla.WarnedTickets.Numerator} tickets; "
                + $"{sla.EscalatedBeforeBreach.Numerator} of {sla.EscalatedBeforeBreach.Denominator} breached escalated before the breach"));
        }

        return tiles;
    }

    private static FigureTile Tile(
        EscalationHealthResponse health, string id, string title, string value, Ratio counts, string countsText, Figure figure, string? note = null, string? judgement = null) =>
        new(id, title, value, counts, countsText,
            HealthDashboard.TicketsBehind(health.TicketQuery, figure.Kind, FigureSide.Numerator, figure.Key),
            HealthDashboard.TicketsBehind(health.TicketQuery, figure.Kind, FigureSide.Denominator, figure.Key),
            note, judgement);
}
