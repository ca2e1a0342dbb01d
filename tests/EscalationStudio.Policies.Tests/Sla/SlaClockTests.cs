using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Sla;

namespace EscalationStudio.Policies.Tests.Sla;

public sealed class SlaClockTests
{
    private static readonly BusinessClock AllDay = BusinessClock.AroundTheClock();
    private static readonly SlaTarget FirstResponseIn4Hours = SlaTarget.Of(SlaMetric.FirstResponse, TimeSpan.FromHours(4), 50, 75, 90);

    private static DateTimeOffset At(int hour, int minute = 0) => new(2026, 3, 2, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void FirstResponse_without_reply_runs_with_due_time_and_warnings()
    {
        var history = new TicketHistory().Created(At(9));
        var state = SlaClock.Evaluate(FirstResponseIn4Hours, AllDay, history.Events, At(10));

        Assert.Equal(SlaPhase.Running, state.Phase);
        Assert.Equal(TimeSpan.FromHours(1), state.Elapsed);
        Assert.Equal(At(13), state.DueAt);
        Assert.Equal([At(11), At(12), At(12, 36)], state.Warnings.Select(w => w.At!.Value).ToArray());
        Assert.Equal(At(11), state.NextCheckAt);
        Assert.False(state.IsBreached);
    }

    [Fact]
    public void FirstResponse_after_the_first_warning_next_check_is_the_second_warning()
    {
        var state = SlaClock.Evaluate(FirstResponseIn4Hours, AllDay, new TicketHistory().Created(At(9)).Events, At(11, 30));
        Assert.True(state.Warnings[0].Reached);
        Assert.Equal(At(11), state.Warnings[0].At);
        Assert.Equal(75, state.NextWarning!.Percent);
        Assert.Equal(At(12), state.NextCheckAt);
    }

    [Fact]
    public void FirstResponse_replied_in_time_is_achieved_and_stops_counting()
    {
        var history = new TicketHistory().Created(At(9)).AgentReplied(At(11));
        var state = SlaClock.Evaluate(FirstResponseIn4Hours, AllDay, history.Events, At(15));
        Assert.Equal(SlaPhase.Achieved, state.Phase);
        Assert.Equal(TimeSpan.FromHours(2), state.Elapsed);
        Assert.Null(state.DueAt);
        Assert.Null(state.NextCheckAt);
    }

    [Fact]
    public void FirstResponse_replied_late_is_missed_with_the_breach_instant()
    {
        var history = new TicketHistory().Created(At(9)).AgentReplied(At(14));
        var state = SlaClock.Evaluate(FirstResponseIn4Hours, AllDay, history.Events, At(15));
        Assert.Equal(SlaPhase.Missed, state.Phase);
        Assert.Equal(At(13), state.BreachedAt);
    }

    [Fact]
    public void FirstResponse_internal_note_is_not_a_response()
    {
        var history = new TicketHistory().Created(At(9)).InternalNote(At(10));
        Assert.Equal(SlaPhase.Running, SlaClock.Evaluate(FirstResponseIn4Hours, AllDay, history.Events, At(11)).Phase);
    }

    [Fact]
    public void FirstResponse_past_the_target_is_breached_and_needs_no_more_checks()
    {
        var state = SlaClock.Evaluate(FirstResponseIn4Hours, AllDay, new TicketHistory().Created(At(9)).Events, At(14));
        Assert.True(state.IsBreached);
        Assert.Equal(At(13), state.BreachedAt);
        Assert.Equal(At(13), state.DueAt);
        Assert.Equal(TimeSpan.Zero, state.Remaining);
        Assert.All(state.Warnings, w => Assert.True(w.Reached));
        Assert.Null(state.NextCheckAt);
    }

    [Fact]
    public void Waiting_on_the_customer_stops_the_clock_and_moves_the_due_time()
    {
        var history = new TicketHistory().Created(At(9))
            .Status(At(10), TicketStatus.Pending)
            .Status(At(12), TicketStatus.Open);
        var state = SlaClock.Evaluate(FirstResponseIn4Hours, AllDay, history.Events, At(13));
        Assert.Equal(TimeSpan.FromHours(2), state.Elapsed);
        Assert.Equal(At(15), state.DueAt);
        Assert.Equal(At(13), state.Warnings[0].At);
        Assert.Equal(At(14), state.Warnings[1].At);
    }

    [Fact]
    public void While_paused_there_is_no_due_time_and_no_timer_to_arm()
    {
        var history = new TicketHistory().Created(At(9)).Status(At(10), TicketStatus.OnHold);
        var state = SlaClock.Evaluate(FirstResponseIn4Hours, AllDay, history.Events, At(18));
        Assert.Equal(SlaPhase.Paused, state.Phase);
        Assert.Equal(TimeSpan.FromHours(1), state.Elapsed);
        Assert.Null(state.DueAt);
        Assert.Null(state.NextCheckAt);
        Assert.Null(state.Warnings[0].At);
    }

    [Fact]
    public void A_target_that_does_not_pause_keeps_counting_while_pending()
    {
        var target = FirstResponseIn4Hours with { PausedWhile = new HashSet<TicketStatus>() };
        var history = new TicketHistory().Created(At(9)).Status(At(10), TicketStatus.Pending);
        var state = SlaClock.Evaluate(target, AllDay, history.Events, At(12));
        Assert.Equal(SlaPhase.Running, state.Phase);
        Assert.Equal(TimeSpan.FromHours(3), state.Elapsed);
    }

    [Fact]
    public void In_business_hours_friday_afternoon_ticket_is_due_on_monday()
    {
        var berlin = BusinessClock.For(new BusinessCalendar("emea", "EMEA", "Europe/Berlin",
            [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .Select(d => new WorkingHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))], []));
        var friday4pm = new DateTimeOffset(2026, 3, 6, 16, 0, 0, TimeSpan.FromHours(1));
        var state = SlaClock.Evaluate(FirstResponseIn4Hours, berlin, new TicketHistory().Created(friday4pm).Events, friday4pm.AddHours(1));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.FromHours(1)), state.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(1)), state.Warnings[0].At);
    }

    [Fact]
    public void Events_after_now_are_ignored()
    {
        var history = new TicketHistory().Created(At(9)).AgentReplied(At(12));
        Assert.Equal(SlaPhase.Running, SlaClock.Evaluate(FirstResponseIn4Hours, AllDay, history.Events, At(11)).Phase);
    }

    [Fact]
    public void Evaluate_an_invalid_target_names_the_field()
    {
        var target = SlaTarget.Of(SlaMetric.Resolution, TimeSpan.Zero, 120);
        var error = Assert.Throws<ArgumentException>(() => SlaClock.Evaluate(target, AllDay, [], At(9)));
        Assert.Contains("Target:", error.Message, StringComparison.Ordinal);
        Assert.Contains("WarningPercents: 120", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_without_a_created_event_is_not_started() =>
        Assert.Equal(SlaPhase.NotStarted, SlaClock.Evaluate(FirstResponseIn4Hours, AllDay, [], At(9)).Phase);
}
