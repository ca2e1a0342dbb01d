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
