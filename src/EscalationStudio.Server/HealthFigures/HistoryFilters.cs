using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Health;
using EscalationStudio.Metrics.Summaries;
using EscalationStudio.Server.Tickets;

namespace EscalationStudio.Server.HealthFigures;

/// <summary>
/// The ticket list's filters that need a ticket's history, answered from the live summaries with the metrics library's
/// own definitions (<see cref="HealthFilter"/> and <see cref="EscalationHealth"/>'s figures), so the list behind a
/// figure is the figure's tickets.
/// </summary>
internal static class HistoryFilters
{
    public static bool NeedsKey(HealthFigure figure) => figure is HealthFigure.SlaWarned or HealthFigure.SlaBreached
        or HealthFigure.SlaEscalatedBeforeBreach or HealthFigure.EscalatedByPolicy or HealthFigure.EscalatedByTrigger
        or HealthFigure.OpenInTier or HealthFigure.EscalatedFromTier;

    /// <summary>The test a ticket's summary must pass, or null when the query has no history filter.</summary>
    public static Func<TicketSummary, bool>? From(TicketQuery query)
    {
        HealthCuts.TryParseYesNo(query.Vip, out var vip);
        var cuts = new HealthFilter
        {
            Tier = Blank(query.WasInTier),
            Agent = Blank(query.Agent),
            Policy = Blank(query.Policy),
            Vip = vip,
        };
        var tests = new List<Func<TicketSummary, bool>>();
        if (cuts != HealthFilter.All)
        {
            tests.Add(cuts.Matches);
        }

        AddFigure(tests, query.Escalated, new Figure(HealthFigure.EscalationRate));
        AddFigure(tests, query.DeEscalated, new Figure(HealthFigure.DeEscalationRate));
        AddFigure(tests, query.Bounced, new Figure(HealthFigure.Bounce));
        if (HealthCuts.TryParseYesNo(query.SlaBreached, out var breached) && breached is { } wanted)
        {
            tests.Add(t => t.HasCreation && t.Sla.Any(s => s.Breaches > 0) == wanted);
        }

        if (Blank(query.Trigger) is { } trigger)
        {
            tests.Add(t => EscalationHealth.IsBehind(new Figure(HealthFigure.EscalatedByTrigger, trigger), t, FigureSide.Numerator));
        }

        if (TicketText.TryParse<HealthFigure>(query.Figure, out var kind))
        {
            var side = TicketText.TryParse<FigureSide>(query.Side, out var s) ? s : FigureSide.Numerator;
            var figure = new Figure(kind, Blank(query.Key));
            tests.Add(t => t.HasCreation && EscalationHealth.IsBehind(figure, t, side));
        }

        return tests.Count == 0 ? null : t => tests.TrueForAll(test => test(t));
    }

    // true: the figure's numerator; false: its denominator without the numerator (never escalated, never bounced...).
    private static void AddFigure(List<Func<TicketSummary, bool>> tests, string? text, Figure figure)
    {
        if (HealthCuts.TryParseYesNo(text, out var value) && value is { } wanted)
        {
            tests.Add(t => t.HasCreation && EscalationHealth.IsBehind(figure, t, FigureSide.Denominator)
                           && EscalationHealth.IsBehind(figure, t, FigureSide.Numerator) == wanted);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
