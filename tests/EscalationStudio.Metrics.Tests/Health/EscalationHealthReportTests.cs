using EscalationStudio.Metrics.Health;
using static EscalationStudio.Metrics.Tests.Health.HealthScenario;
using static EscalationStudio.Metrics.Tests.Histories.MetricsOrg;

namespace EscalationStudio.Metrics.Tests.Health;

/// <summary>The figures of <see cref="HealthScenario"/>, worked out by hand (the tickets are named as there).</summary>
public sealed class EscalationHealthReportTests
{
    private static readonly double TwoMinutes = TimeSpan.FromMinutes(2).TotalHours;
    private readonly EscalationHealthReport _report = EscalationHealth.Aggregate(new HealthScenario().Summaries(), HealthFilter.All);

    [Fact]
    public void The_history_without_a_creation_is_left_out_and_six_of_nine_tickets_escalated()
    {
        Assert.Equal(9, _report.Tickets);

        // EscalatedTwice, HandedBackAndEscalatedAgain, ToSpecialist, DownToANewTier, BreachedThenEscalated, EscalatedThenBreached.
        Assert.Equal(new Ratio(6, 9), _report.EscalationRate);
    }

    [Fact]
    public void Time_to_escalate_is_the_first_escalation_in_wall_clock_and_in_the_first_tiers_business_hours()
    {
        // Wall clock: 2 min, 1 h, 2 h, 4 h, 4 h, 18.5 h. Nearest rank: p50 is the 3rd, p90 the 6th.
        Assert.Equal(new Ratio(6, 6), _report.TimeToEscalate.WallClock.Measured);
        Assert.Equal(2, _report.TimeToEscalate.WallClock.P50Hours);
        Assert.Equal(18.5, _report.TimeToEscalate.WallClock.P90Hours);

        // Business hours (09–17 weekdays): 2 min, 1 h, 2 h, 2 h (Friday 15–17), 2.5 h (Mon 16–17 + Tue 9–10:30), 4 h.
        Assert.Equal(new Ratio(6, 6), _report.TimeToEscalate.BusinessHours.Measured);
        Assert.Equal(2, _report.TimeToEscalate.BusinessHours.P50Hours);
        Assert.Equal(4, _report.TimeToEscalate.BusinessHours.P90Hours);
    }

    [Fact]
    public void The_policy_reaction_time_runs_from_the_trigger_condition_over_every_policy_escalation()
    {
        // 30 s, 1 min, 2 min, 10 min, 30 min: five policy escalations, all with their trigger moment.
        var reaction = _report.TimeToEscalate.PolicyReaction;
        Assert.Equal(new Ratio(5, 5), reaction.Measured);
        Assert.Equal(TwoMinutes, reaction.P50Hours!.Value, 9);
        Assert.Equal(0.5, reaction.P90Hours!.Value, 9);
    }

    [Fact]
    public void First_tier_resolution_counts_solved_tickets_that_never_left_their_first_tier_the_reopened_one_once()
    {
        // Solved: Solved, Reopened, EscalatedTwice, LateralOnly, ToSpecialist; never left tier-1: Solved, Reopened, LateralOnly.
        Assert.Equal(new Ratio(3, 5), _report.FirstTierResolution);
    }

    [Fact]
    public void Csat_compares_escalated_with_non_escalated_tickets_and_leaves_unrated_ones_out()
    {
        // Escalated and rated: EscalatedTwice 4, ToSpecialist 5. Not escalated and rated: Solved 5, Reopened 2.
        Assert.Equal(4.5, _report.CsatEscalated.Mean);
        Assert.Equal(new Ratio(2, 2), _report.CsatEscalated.HighScores);
        Assert.Equal(3.5, _report.CsatNotEscalated.Mean);
        Assert.Equal(new Ratio(1, 2), _report.CsatNotEscalated.HighScores);
    }

    [Fact]
    public void De_escalation_counts_escalated_tickets_handed_back_including_to_a_tier_they_never_had()
    {
        Assert.Equal(new Ratio(2, 6), _report.DeEscalationRate);
    }

    [Fact]
    public void Bounce_counts_tier_changes_and_ping_pong_only_returns()
    {
        // Moves: Solved 0, Reopened 0, EscalatedTwice 2, HandedBack 3, LateralOnly 0, ToSpecialist 2, DownToANewTier 2,
        // BreachedThenEscalated 1, EscalatedThenBreached 1. Only HandedBack returned to tiers it had left.
        Assert.Equal(new Ratio(4, 9), _report.Bounce.Bounced);
        Assert.Equal(new Ratio(1, 9), _report.Bounce.PingPong);
        Assert.Equal(new Dictionary<int, int> { [0] = 3, [1] = 2, [2] = 3, [3] = 1 }, _report.Bounce.TierMovesPerTicket);
    }

    [Fact]
    public void Reassignment_is_lateral_and_a_first_assignment_is_not_one()
    {
        // Solved once (ana → malik); LateralOnly twice (its first assignment does not count).
        Assert.Equal(new Ratio(2, 9), _report.Reassignment.AtLeastOnce);
        Assert.Equal(new Ratio(1, 9), _report.Reassignment.MoreThanOnce);
    }

    [Fact]
    public void Sla_signals_are_counted_per_metric_and_breaches_say_whether_the_ticket_was_escalated_before()
    {
        Assert.Equal(
            [
                new SlaFigure("(not recorded)", 1, new Ratio(1, 9), 0, new Ratio(0, 9), new Ratio(0, 0)),
                new SlaFigure("first-response", 1, new Ratio(1, 9), 2, new Ratio(2, 9), new Ratio(1, 2)),
            ],
            _report.Sla);
    }

    [Fact]
    public void Escalations_come_from_policy_versions_triggers_and_manual_moves()
    {
        Assert.Equal(
            [
                new PolicySourceFigure("refund-guard", 3, 2, new Ratio(2, 6)),
                new PolicySourceFigure("retention-fast-lane", 2, 1, new Ratio(1, 6)),
                new PolicySourceFigure("sla-policy", 1, 1, new Ratio(1, 6)),
                new PolicySourceFigure("vip-fast-lane", 1, 1, new Ratio(1, 6)),
            ],
            _report.Sources.ByPolicy);
        Assert.Equal(
            [
                new TriggerSourceFigure("keyword", 2, new Ratio(2, 6)),
                new TriggerSourceFigure("sla", 2, new Ratio(2, 6)),
                new TriggerSourceFigure("vip", 1, new Ratio(1, 6)),
            ],
            _report.Sources.ByTrigger);

        // EscalatedTwice's second move, HandedBack's first, DownToANewTier, EscalatedThenBreached.
        Assert.Equal(4, _report.Sources.ManualEscalations);
        Assert.Equal(new Ratio(4, 6), _report.Sources.ManualTickets);
    }

    [Fact]
    public void Load_is_the_open_tickets_per_tier_holding_them_now_with_the_oldest()
    {
        Assert.Equal(
            [
                new TierLoadFigure("managers", new Ratio(1, 4), At(Monday, 9)),
                new TierLoadFigure("tier-2", new Ratio(3, 4), At(Friday, 15)),
            ],
            _report.Load);
    }
}
