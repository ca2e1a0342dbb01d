using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Health;
using EscalationStudio.Metrics.Summaries;
using EscalationStudio.Metrics.Tests.Histories;
using static EscalationStudio.Metrics.Tests.Histories.MetricsOrg;

namespace EscalationStudio.Metrics.Tests.Summaries;

public sealed class TicketSummaryTests
{
    private static readonly DateTimeOffset Nine = Monday.AddHours(9);

    [Fact]
    public void A_reopened_ticket_is_not_solved_until_it_is_solved_again()
    {
        var history = new History(Nine).Created().After(TimeSpan.FromHours(1)).Solved().After(TimeSpan.FromHours(1)).CustomerReply();
        Assert.False(Summary(history).IsSolved);
        Assert.True(Summary(history).IsOpen);

        history.After(TimeSpan.FromHours(1)).Solved();
        Assert.True(Summary(history).IsSolved);
        Assert.Equal(new Ratio(1, 1), EscalationHealth.Aggregate([Summary(history)], HealthFilter.All).FirstTierResolution);
    }

    [Fact]
    public void Escalated_handed_back_and_escalated_again_is_a_ping_pong_de_escalated_ticket_timed_from_its_first_escalation()
    {
        var summary = Summary(new History(Nine).Created()
            .After(TimeSpan.FromHours(1)).Escalated("tier-2")
            .After(TimeSpan.FromHours(1)).DeEscalated("tier-1", "ana")
            .After(TimeSpan.FromHours(1)).Escalated("tier-2", "katrin", "refund-guard", 3));

        Assert.Equal(2, summary.Escalations);
        Assert.Equal(1, summary.DeEscalations);
        Assert.True(summary.PingPong);
        Assert.True(summary.DeEscalatedAfterEscalation);
        Assert.Equal(TimeSpan.FromHours(1), summary.TimeToEscalate);
        Assert.Equal(["tier-1", "tier-2"], summary.Tiers);
        Assert.Equal(["ana", "katrin"], summary.Owners);
        Assert.Equal(["refund-guard"], summary.Policies);
    }

    [Fact]
    public void A_de_escalation_to_a_tier_the_ticket_never_had_is_no_return()
    {
        var summary = Summary(new History(Nine).Created()
            .After(TimeSpan.FromHours(1)).Escalated("managers")
            .After(TimeSpan.FromHours(1)).DeEscalated("tier-2"));

        Assert.False(summary.PingPong);
        Assert.True(summary.DeEscalatedAfterEscalation);
        Assert.Equal("tier-2", summary.Tier);
    }

    [Fact]
    public void A_hand_back_before_any_escalation_does_not_count_as_de_escalation_after_one()
    {
        var summary = Summary(new History(Nine).Created("managers", "claire").After(TimeSpan.FromHours(1)).DeEscalated("tier-1"));

        Assert.False(summary.IsEscalated);
        Assert.False(summary.DeEscalatedAfterEscalation);
        Assert.Equal(1, summary.DeEscalations);
    }

    [Fact]
    public void A_specialist_group_escalation_from_the_top_level_is_an_escalation()
    {
        var summary = Summary(new History(Nine).Created("managers", "claire")
            .After(TimeSpan.FromMinutes(30)).Escalated("retention", "nina", "retention-fast-lane", 2, "keyword", Nine.AddMinutes(29)));

        Assert.True(summary.IsEscalated);
        var move = Assert.Single(summary.Moves);
        Assert.Equal(new TierMove(TierMoveKind.Escalation, "managers", "retention", Nine.AddMinutes(30), Actor.Policy("retention-fast-lane"),
            "retention-fast-lane", 2, "keyword", Nine.AddMinutes(29)), move);
        Assert.Equal(TimeSpan.FromMinutes(1), move.Reaction);
    }

    [Fact]
    public void A_lateral_move_inside_a_tier_is_a_reassignment_never_an_escalation()
    {
        var summary = Summary(new History(Nine).Created().After(TimeSpan.FromHours(1)).Reassigned("malik"));

        Assert.Equal(1, summary.Reassignments);
        Assert.False(summary.IsEscalated);
        Assert.Empty(summary.Moves);
        Assert.Equal("malik", summary.Owner);
    }

    [Fact]
    public void A_later_csat_answer_replaces_the_earlier_and_a_missing_one_stays_null()
    {
        var rated = Summary(new History(Nine).Created().After(TimeSpan.FromHours(1)).Solved().Csat(2).Csat(5));
        var unrated = Summary(new History(Nine).Created().After(TimeSpan.FromHours(1)).Solved());

        Assert.Equal(5, rated.Csat);
        Assert.Null(unrated.Csat);
    }

    [Fact]
    public void Business_time_to_escalate_uses_the_first_tiers_calendar_or_the_clock_when_it_has_none()
    {
        // Friday 16:00 to Monday 10:00: 1 h on Friday and 1 h on Monday in the office calendar.
        var friday = Monday.AddDays(-3).AddHours(16);
        Assert.Equal(TimeSpan.FromHours(2), Summary(new History(friday).Created().At(Monday.AddHours(10)).Escalated("tier-2")).BusinessTimeToEscalate);

        // The managers' tier names no calendar: business time is wall-clock time, as the SLA timers count it.
        Assert.Equal(TimeSpan.FromHours(66), Summary(new History(friday).Created("managers", "claire").At(Monday.AddHours(10)).Escalated("retention")).BusinessTimeToEscalate);
    }

    [Fact]
    public void Business_time_is_unknown_when_the_first_tier_or_its_calendar_is_not_in_the_directory()
    {
        var missingCalendar = Summary(new History(Nine).Created("night-desk", null).After(TimeSpan.FromHours(1)).Escalated("tier-2"));
        var missingTier = Summary(new History(Nine).Created("tier-9", null).After(TimeSpan.FromHours(1)).Escalated("tier-2"));

        Assert.Null(missingCalendar.BusinessTimeToEscalate);
        Assert.Null(missingTier.BusinessTimeToEscalate);
        Assert.Equal(TimeSpan.FromHours(1), missingTier.TimeToEscalate);
        var report = EscalationHealth.Aggregate([missingCalendar, missingTier], HealthFilter.All);
        Assert.Equal(new Ratio(0, 2), report.TimeToEscalate.BusinessHours.Measured);
        Assert.Null(report.TimeToEscalate.BusinessHours.P50Hours);
        Assert.Equal(1, report.TimeToEscalate.WallClock.P90Hours);
    }

    [Fact]
    public void An_escalation_recorded_before_triggers_were_counts_under_an_unrecorded_trigger_without_a_reaction_time()
    {
        var summary = Summary(new History(Nine).Created().After(TimeSpan.FromHours(1)).Escalated("tier-2", policy: "refund-guard", version: 1));
        var report = EscalationHealth.Aggregate([summary], HealthFilter.All);

        Assert.Equal([new TriggerSourceFigure("(not recorded)", 1, new Ratio(1, 1))], report.Sources.ByTrigger);
        Assert.Equal(new Ratio(0, 1), report.TimeToEscalate.PolicyReaction.Measured);
    }

    [Fact]
    public void An_event_heard_again_changes_nothing()
    {
        var history = new History(Nine).Created().After(TimeSpan.FromHours(1)).Escalated("tier-2").Reassigned("katrin");
        var fold = new TicketHistoryFold(Org);
        fold.ApplyAll(history.Events);
        fold.ApplyAll(history.Events.Skip(1));

        var summary = Assert.Single(fold.Summaries);
        Assert.Equal(1, summary.Escalations);
        Assert.Equal(0, summary.Reassignments);
        Assert.Equal(3, summary.Version);
    }

    [Fact]
    public void A_history_without_its_creation_has_no_period_and_counts_nowhere()
    {
        var summary = Summary(new History(Nine).Created().After(TimeSpan.FromHours(1)).Escalated("tier-2").Events.Skip(1));

        Assert.False(summary.HasCreation);
        Assert.False(summary.IsOpen);
        Assert.Equal(0, EscalationHealth.Aggregate([summary], HealthFilter.All).Tickets);
    }

    private static TicketSummary Summary(History history) => Summary(history.Events);

    private static TicketSummary Summary(IEnumerable<TicketEvent> events) => Assert.Single(TicketHistoryFold.Summarise(events, Org));
}
