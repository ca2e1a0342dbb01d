using EscalationStudio.Metrics.Summaries;

namespace EscalationStudio.Metrics.Health;

/// <summary>Escalation-health figures over ticket summaries: one report, a trend per period, and the tickets behind a figure.</summary>
public static class EscalationHealth
{
    public static EscalationHealthReport Aggregate(IEnumerable<TicketSummary> tickets, HealthFilter filter)
    {
        var tally = new HealthTally();
        foreach (var ticket in tickets)
        {
            if (filter.Matches(ticket))
            {
                tally.Add(ticket);
            }
        }

        return tally.ToReport();
    }

    /// <summary>One report per period that has tickets, in order; a ticket counts in the period it was created in.</summary>
    /// <param name="zone">Where days, weeks and months begin; UTC when null.</param>
    public static IReadOnlyList<PeriodHealth> Trend(IEnumerable<TicketSummary> tickets, HealthFilter filter, HealthPeriod period, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Utc;
        var tallies = new SortedDictionary<DateOnly, HealthTally>();
        foreach (var ticket in tickets)
        {
            if (!filter.Matches(ticket))
            {
                continue;
            }

            var start = PeriodStart(ticket.CreatedAt, period, zone);
            if (!tallies.TryGetValue(start, out var tally))
            {
                tallies.Add(start, tally = new HealthTally());
            }

            tally.Add(ticket);
        }

        return [.. tallies.Select(t => new PeriodHealth(t.Key, t.Value.ToReport()))];
    }

    /// <summary>The tickets in a figure's denominator or numerator, for a click-through list.</summary>
    public static IEnumerable<Guid> TicketsBehind(IEnumerable<TicketSummary> tickets, HealthFilter filter, Figure figure, FigureSide side)
    {
        foreach (var ticket in tickets)
        {
            if (!filter.Matches(ticket))
            {
                continue;
            }

            var (inDenominator, inNumerator) = FigureDefinitions.Classify(figure, ticket);
            if (side == FigureSide.Numerator ? inNumerator : inDenominator)
            {
                yield return ticket.TicketId;
            }
        }
    }

    /// <summary>
    /// The tier flow (every from → to pair of tier moves) and, per tier, the tickets escalated out of it / the tickets
    /// that were in it, overall and per period (<see cref="HealthFigure.EscalatedFromTier"/> lists them).
    /// </summary>
    public static TierBreakdown Tiers(IEnumerable<TicketSummary> tickets, HealthFilter filter, HealthPeriod period, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Utc;
        var flow = new Dictionary<(string From, string To), (int Up, int Down, int Tickets)>();
        var tiers = new Dictionary<string, SortedDictionary<DateOnly, (int Escalated, int In)>>(StringComparer.OrdinalIgnoreCase);
        var pairs = new HashSet<(string, string)>();
        foreach (var ticket in tickets)
        {
            if (!filter.Matches(ticket))
            {
                continue;
            }

            pairs.Clear();
            foreach (var move in ticket.Moves)
            {
                var key = (move.From, move.To);
                var count = flow.GetValueOrDefault(key);
                flow[key] = move.Kind == TierMoveKind.Escalation
                    ? (count.Up + 1, count.Down, count.Tickets + (pairs.Add(key) ? 1 : 0))
                    : (count.Up, count.Down + 1, count.Tickets + (pairs.Add(key) ? 1 : 0));
            }

            var start = PeriodStart(ticket.CreatedAt, period, zone);
            foreach (var tier in ticket.Tiers)
            {
                if (!tiers.TryGetValue(tier, out var periods))
                {
                    tiers.Add(tier, periods = []);
                }

                var count = periods.GetValueOrDefault(start);
                periods[start] = (count.Escalated + (FigureDefinitions.EscalatedFrom(ticket, tier) ? 1 : 0), count.In + 1);
            }
        }

        return new TierBreakdown(
            [.. flow.OrderBy(f => f.Key.From, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Key.To, StringComparer.OrdinalIgnoreCase)
                .Select(f => new TierFlowFigure(f.Key.From, f.Key.To, f.Value.Up, f.Value.Down, f.Value.Tickets))],
            [.. tiers.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase).Select(t => new TierEscalationFigure(
                t.Key,
                new Ratio(t.Value.Values.Sum(p => p.Escalated), t.Value.Values.Sum(p => p.In)),
                [.. t.Value.Select(p => new TierPeriodFigure(p.Key, new Ratio(p.Value.Escalated, p.Value.In)))]))]);
    }

    /// <summary>Whether the ticket is on that side of the figure (the ticket list's test for one ticket).</summary>
    public static bool IsBehind(Figure figure, TicketSummary ticket, FigureSide side)
    {
        var (inDenominator, inNumerator) = FigureDefinitions.Classify(figure, ticket);
        return side == FigureSide.Numerator ? inNumerator : inDenominator;
    }

    public static DateOnly PeriodStart(DateTimeOffset at, HealthPeriod period, TimeZoneInfo zone)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        return period switch
        {
            HealthPeriod.Day => day,
            HealthPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            HealthPeriod.Month => new DateOnly(day.Year, day.Month, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "a period is a day, a week or a month"),
        };
    }
}
