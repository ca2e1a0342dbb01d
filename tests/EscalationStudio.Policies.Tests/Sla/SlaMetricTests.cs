using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Sla;

namespace EscalationStudio.Policies.Tests.Sla;

public sealed class SlaMetricTests
{
    private static readonly BusinessClock AllDay = BusinessClock.AroundTheClock();

    private static DateTimeOffset At(int hour, int minute = 0) => new(2026, 3, 2, hour, minute, 0, TimeSpan.Zero);

    private static SlaState Evaluate(SlaMetric metric, TicketHistory history, DateTimeOffset now, double hours = 2) =>
        SlaClock.Evaluate(SlaTarget.Of(metric, TimeSpan.FromHours(hours), 50), AllDay, history.Events, now);

    [Fact]
    public void NextResponse_before_the_first_reply_is_not_started() =>
        Assert.Equal(SlaPhase.NotStarted, Evaluate(SlaMetric.NextResponse, new TicketHistory().Created(At(9)).CustomerWrote(At(9, 30)), At(10)).Phase);

    [Fact]
    public void NextResponse_starts_at_the_oldest_unanswered_customer_message()
    {
        var history = new TicketHistory().Created(At(9)).AgentReplied(At(10))
            .CustomerWrote(At(12)).CustomerWrote(At(12, 30));
        var state = Evaluate(SlaMetric.NextResponse, history, At(13));
        Assert.Equal(SlaPhase.Running, state.Phase);
        Assert.Equal(At(12), state.StartedAt);
        Assert.Equal(At(14), state.DueAt);
    }

    [Fact]
    public void NextResponse_answered_is_achieved_for_that_cycle()
    {
        var history = new TicketHistory().Created(At(9)).AgentReplied(At(10))
            .CustomerWrote(At(12)).AgentReplied(At(13));
        var state = Evaluate(SlaMetric.NextResponse, history, At(15));
        Assert.Equal(SlaPhase.Achieved, state.Phase);
        Assert.Equal(TimeSpan.FromHours(1), state.Elapsed);
    }

    [Fact]
    public void NextResponse_a_new_customer_message_starts_a_fresh_cycle()
    {
        var history = new TicketHistory().Created(At(9)).AgentReplied(At(10))
            .CustomerWrote(At(11)).AgentReplied(At(14))
            .CustomerWrote(At(15));
        var state = Evaluate(SlaMetric.NextResponse, history, At(16));
        Assert.Equal(SlaPhase.Running, state.Phase);
        Assert.Equal(TimeSpan.FromHours(1), state.Elapsed);
        Assert.False(state.IsBreached);
    }

    [Fact]
    public void NextResponse_solving_the_ticket_ends_the_wait()
    {
        var history = new TicketHistory().Created(At(9)).AgentReplied(At(10))
            .CustomerWrote(At(11)).Status(At(11, 30), TicketStatus.Solved);
        Assert.Equal(SlaPhase.Achieved, Evaluate(SlaMetric.NextResponse, history, At(16)).Phase);
    }

    [Fact]
    public void Resolution_solved_in_time_is_achieved()
    {
        var history = new TicketHistory().Created(At(9)).Status(At(10), TicketStatus.Solved);
        Assert.Equal(SlaPhase.Achieved, Evaluate(SlaMetric.Resolution, history, At(12)).Phase);
    }

    [Fact]
    public void Resolution_reopened_continues_where_it_stopped()
    {
        var history = new TicketHistory().Created(At(9))
            .Status(At(10), TicketStatus.Solved)
            .Status(At(14), TicketStatus.Open);
        var state = Evaluate(SlaMetric.Resolution, history, At(14, 30));
        Assert.Equal(SlaPhase.Running, state.Phase);
        Assert.Equal(TimeSpan.FromMinutes(90), state.Elapsed);
        Assert.Equal(At(15), state.DueAt);
        Assert.True(state.Warnings[0].Reached);
        Assert.Equal(At(10), state.Warnings[0].At);
    }

    [Fact]
    public void OpenLongerThan_counts_open_time_across_reopens()
    {
        var history = new TicketHistory().Created(At(9))
            .Status(At(10), TicketStatus.Solved)
            .Status(At(14), TicketStatus.Open);
        var state = Evaluate(SlaMetric.OpenLongerThan, history, At(16));
        Assert.True(state.IsBreached);
        Assert.Equal(At(15), state.BreachedAt);
    }

    [Fact]
    public void OpenLongerThan_pending_time_does_not_count()
    {
        var history = new TicketHistory().Created(At(9))
            .Status(At(9, 30), TicketStatus.Pending)
            .CustomerWrote(At(12))
            .Status(At(12), TicketStatus.Open);
        var state = Evaluate(SlaMetric.OpenLongerThan, history, At(13));
        Assert.Equal(TimeSpan.FromMinutes(90), state.Elapsed);
        Assert.Equal(At(13, 30), state.DueAt);
    }
}
