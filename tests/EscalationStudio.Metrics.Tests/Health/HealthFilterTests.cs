using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Health;
using EscalationStudio.Metrics.Tests.Histories;
using static EscalationStudio.Metrics.Tests.Health.HealthScenario;
using static EscalationStudio.Metrics.Tests.Histories.MetricsOrg;

namespace EscalationStudio.Metrics.Tests.Health;

/// <summary>Each cut of <see cref="HealthScenario"/>: which tickets it keeps, and that the figures follow.</summary>
public sealed class HealthFilterTests
{
    private readonly HealthScenario _scenario = new();

    public static TheoryData<string, HealthFilter, string[]> Cuts => new()
    {
        { "created this week", new HealthFilter { CreatedFrom = Monday, CreatedBefore = Monday.AddDays(7) },
            ["Solved", "Reopened", "EscalatedTwice", "HandedBackAndEscalatedAgain", "LateralOnly", "ToSpecialist", "BreachedThenEscalated", "EscalatedThenBreached"] },
        { "created before Monday", new HealthFilter { CreatedBefore = Monday }, ["DownToANewTier"] },
        { "ever in retention", new HealthFilter { Tier = "retention" }, ["ToSpecialist"] },
        { "ever in managers", new HealthFilter { Tier = "MANAGERS" }, ["EscalatedTwice", "DownToANewTier", "EscalatedThenBreached"] },
        { "owned by malik", new HealthFilter { Agent = "malik" }, ["Solved", "LateralOnly"] },
        { "moved or signalled by sla-policy", new HealthFilter { Policy = "sla-policy" }, ["BreachedThenEscalated", "EscalatedThenBreached"] },
        { "moved by refund-guard", new HealthFilter { Policy = "refund-guard" }, ["EscalatedTwice", "HandedBackAndEscalatedAgain"] },
        { "high priority now", new HealthFilter { Priority = TicketPriority.High }, ["Reopened"] },
        { "chat", new HealthFilter { Channel = TicketChannel.Chat }, ["ToSpecialist"] },
        { "VIP", new HealthFilter { Vip = true }, ["ToSpecialist"] },
        { "VIP and email", new HealthFilter { Vip = true, Channel = TicketChannel.Email }, [] },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void A_cut_keeps_exactly_its_tickets(string cut, HealthFilter filter, string[] expected)
    {
        var kept = EscalationHealth.TicketsBehind(_scenario.Summaries(), filter, new Figure(HealthFigure.EscalationRate), FigureSide.Denominator);

        Assert.True(Names(expected).SetEquals(kept), cut);
        Assert.Equal(expected.Length, EscalationHealth.Aggregate(_scenario.Summaries(), filter).Tickets);
    }

    [Fact]
    public void The_figures_follow_the_cut()
    {
        var vip = EscalationHealth.Aggregate(_scenario.Summaries(), new HealthFilter { Vip = true });
        var regular = EscalationHealth.Aggregate(_scenario.Summaries(), new HealthFilter { Vip = false });

        Assert.Equal(new Ratio(1, 1), vip.EscalationRate);
        Assert.Equal(new Ratio(1, 1), vip.Bounce.Bounced);
        Assert.Equal(new Ratio(5, 8), regular.EscalationRate);
        Assert.Equal(new Ratio(3, 4), regular.FirstTierResolution);
    }

    [Fact]
    public void The_trend_counts_each_ticket_in_the_period_it_was_created_in()
    {
        var daily = EscalationHealth.Trend(_scenario.Summaries(), HealthFilter.All, HealthPeriod.Day);
        var weekly = EscalationHealth.Trend(_scenario.Summaries(), HealthFilter.All, HealthPeriod.Week);
        var monthly = EscalationHealth.Trend(_scenario.Summaries(), HealthFilter.All, HealthPeriod.Month);

        Assert.Equal([(new DateOnly(2026, 11, 20), 1, 1), (new DateOnly(2026, 11, 23), 8, 5)], daily.Select(Point));
        Assert.Equal([(new DateOnly(2026, 11, 16), 1, 1), (new DateOnly(2026, 11, 23), 8, 5)], weekly.Select(Point));
        Assert.Equal([(new DateOnly(2026, 11, 1), 9, 6)], monthly.Select(Point));
    }

    [Fact]
    public void Periods_begin_in_the_given_time_zone()
    {
        // Friday 20:00 UTC is already Saturday in Tokyo; the week still starts on Monday the 16th there.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        Assert.Equal(new DateOnly(2026, 11, 21), EscalationHealth.PeriodStart(At(Friday, 20), HealthPeriod.Day, tokyo));
        Assert.Equal(new DateOnly(2026, 11, 16), EscalationHealth.PeriodStart(At(Friday, 20), HealthPeriod.Week, tokyo));
        Assert.Equal(new DateOnly(2026, 11, 23), EscalationHealth.PeriodStart(At(Monday.AddDays(6), 23), HealthPeriod.Week, TimeZoneInfo.Utc));
    }

    private static (DateOnly, int, int) Point(PeriodHealth period) =>
        (period.Start, period.Health.Tickets, period.Health.EscalationRate.Numerator);

    private HashSet<Guid> Names(IEnumerable<string> names) =>
        [.. names.Select(name => ((History)typeof(HealthScenario).GetField(name)!.GetValue(_scenario)!).TicketId)];
}
