using System.Text.Json;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Health;
using EscalationStudio.Metrics.Summaries;
using EscalationStudio.Metrics.Tests.Histories;
using FsCheck.Xunit;
using static EscalationStudio.Metrics.Tests.Histories.MetricsOrg;

namespace EscalationStudio.Metrics.Tests.Properties;

/// <summary>Laws of the fold and the aggregation over generated histories (a seed and a number of tickets each).</summary>
public sealed class FoldProperties
{
    private static readonly HealthFilter[] Filters =
    [
        HealthFilter.All,
        new() { Vip = false },
        new() { Tier = "tier-2" },
        new() { Agent = "malik", Channel = TicketChannel.Email },
        new() { Policy = "refund-guard" },
        new() { CreatedFrom = Monday.AddDays(3), CreatedBefore = Monday.AddDays(10) },
    ];

    [Property(MaxTest = 60)]
    public bool Folding_the_interleaved_stream_in_one_pass_equals_folding_each_ticket_alone_and_merging(int seed, byte size)
    {
        var tickets = Generate(seed, size);
        var onePass = TicketHistoryFold.Summarise(GeneratedHistories.Interleaved(tickets), Org);
        var merged = tickets.SelectMany(t => TicketHistoryFold.Summarise(t.Events, Org));

        return Json(onePass) == Json(merged);
    }

    [Property(MaxTest = 60)]
    public bool Hearing_events_again_changes_no_summary(int seed, byte size)
    {
        var events = GeneratedHistories.Interleaved(Generate(seed, size));
        var random = new Random(seed);
        var repeated = events.SelectMany(e => random.Next(4) == 0 ? [e, e] : new[] { e }).Concat(events);

        return Json(TicketHistoryFold.Summarise(events, Org)) == Json(TicketHistoryFold.Summarise(repeated, Org));
    }

    [Property(MaxTest = 60)]
    public void Every_count_of_the_report_is_the_number_of_tickets_its_figure_lists(int seed, byte size)
    {
        var summaries = TicketHistoryFold.Summarise(GeneratedHistories.Interleaved(Generate(seed, size)), Org);
        var filter = Filters[(seed & int.MaxValue) % Filters.Length];
        var report = EscalationHealth.Aggregate(summaries, filter);

        void Check(Ratio ratio, HealthFigure figure, string? key = null)
        {
            var listed = new Ratio(
                EscalationHealth.TicketsBehind(summaries, filter, new Figure(figure, key), FigureSide.Numerator).Count(),
                EscalationHealth.TicketsBehind(summaries, filter, new Figure(figure, key), FigureSide.Denominator).Count());
            Assert.True(ratio == listed, $"{figure} {key}: report {ratio}, lists {listed}");
        }

        Check(report.EscalationRate, HealthFigure.EscalationRate);
        Check(report.TimeToEscalate.BusinessHours.Measured, HealthFigure.TimeToEscalate);
        Check(report.FirstTierResolution, HealthFigure.FirstTierResolution);
        Check(report.CsatEscalated.HighScores, HealthFigure.CsatEscalated);
        Check(report.CsatNotEscalated.HighScores, HealthFigure.CsatNotEscalated);
        Check(report.DeEscalationRate, HealthFigure.DeEscalationRate);
        Check(report.Bounce.Bounced, HealthFigure.Bounce);
        Check(report.Bounce.PingPong, HealthFigure.PingPong);
        Check(report.Reassignment.AtLeastOnce, HealthFigure.Reassigned);
        Check(report.Reassignment.MoreThanOnce, HealthFigure.ReassignedMoreThanOnce);
        foreach (var sla in report.Sla)
        {
            Check(sla.WarnedTickets, HealthFigure.SlaWarned, sla.Metric);
            Check(sla.BreachedTickets, HealthFigure.SlaBreached, sla.Metric);
            Check(sla.EscalatedBeforeBreach, HealthFigure.SlaEscalatedBeforeBreach, sla.Metric);
        }

        foreach (var source in report.Sources.ByPolicy)
        {
            Check(source.Tickets, HealthFigure.EscalatedByPolicy, Figure.PolicyKey(source.Policy, source.Version));
        }

        foreach (var trigger in report.Sources.ByTrigger)
        {
            Check(trigger.Tickets, HealthFigure.EscalatedByTrigger, trigger.Trigger);
        }

        Check(report.Sources.ManualTickets, HealthFigure.EscalatedManually);
        foreach (var load in report.Load)
        {
            Check(load.Open, HealthFigure.OpenInTier, load.Tier);
        }

        Assert.Equal(report.Tickets, report.Bounce.TierMovesPerTicket.Values.Sum());
    }

    [Property(MaxTest = 40)]
    public bool The_periods_of_a_trend_add_up_to_the_whole(int seed, byte size)
    {
        var summaries = TicketHistoryFold.Summarise(GeneratedHistories.Interleaved(Generate(seed, size)), Org);
        var whole = EscalationHealth.Aggregate(summaries, HealthFilter.All);
        var weeks = EscalationHealth.Trend(summaries, HealthFilter.All, HealthPeriod.Week);

        return weeks.Sum(w => w.Health.Tickets) == whole.Tickets
            && weeks.Sum(w => w.Health.EscalationRate.Numerator) == whole.EscalationRate.Numerator
            && weeks.Sum(w => w.Health.FirstTierResolution.Denominator) == whole.FirstTierResolution.Denominator
            && weeks.Sum(w => w.Health.Sources.ManualEscalations) == whole.Sources.ManualEscalations
            && weeks.Zip(weeks.Skip(1)).All(pair => pair.First.Start.AddDays(7) <= pair.Second.Start);
    }

    private static List<History> Generate(int seed, byte size) =>
        GeneratedHistories.Tickets(1 + (size % 40), seed, Monday, TimeSpan.FromDays(21));

    private static string Json(IEnumerable<TicketSummary> summaries) =>
        JsonSerializer.Serialize(summaries.OrderBy(s => s.TicketId));
}
