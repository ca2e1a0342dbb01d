using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Policies.Tests.Samples;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EscalationStudio.Policies.Tests.Timers;

/// <summary>
/// Quartz holds one trigger per due slot, and that slot's job fires every timer bookmark due by then: policies
/// waiting with a timeout, Quartz's in-memory store, the fake clock driving Quartz.
/// </summary>
public sealed class DueSlotTests
{
    private const string TimedOutTag = "not-solved-in-time";
    private static readonly DateTimeOffset Start = Brightline.MondayNineBerlin;

    [Fact]
    public void DueSlot_rounds_up_to_a_tenth_of_a_second_so_no_timer_fires_early_and_puts_an_overdue_timer_in_the_next_slot()
    {
        var now = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

        Assert.Equal(now.AddSeconds(5), QuartzTimerBackend.DueSlot(now.AddSeconds(5), now));
        Assert.Equal(now.AddMilliseconds(5_100), QuartzTimerBackend.DueSlot(now.AddSeconds(5).AddTicks(1), now));
        Assert.Equal(now.AddMilliseconds(300), QuartzTimerBackend.DueSlot(now.AddHours(-3), now.AddMilliseconds(250)));
    }

    [Fact]
    public async Task Many_timers_due_in_one_slot_share_one_quartz_trigger_and_each_fires_once()
    {
        await using var harness = Harness();
        await using var timers = await RunningTimers.StartAsync(harness.Services);
        await harness.PublishAsync(WaitOneMinuteForSolved());
        var tickets = new List<Ticket>();
        for (var i = 0; i < 20; i++)
        {
            tickets.Add(await harness.Desk.CreateAsync(NewTicket($"Export fails #{i}"), Actor.System));
        }

        await harness.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();
        Assert.Equal([QuartzTimerBackend.KeyOf(Start.AddMinutes(1))], await timers.TriggerNamesAsync());

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunningTimers.WaitUntilAsync(async () => (await timers.TriggerNamesAsync()).Count == 0, "the due slot fired and its trigger went");
        await harness.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(5));

        foreach (var ticket in tickets)
        {
            Assert.Single(await harness.TimelineAsync(ticket.Id), e => e.Type == TicketEventType.TagAdded && e[TicketEventData.Tag] == TimedOutTag);
        }

        Assert.Equal(Enumerable.Repeat(0.0, 20), timers.LagsMs);
        Assert.Empty(await harness.Services.GetRequiredService<IBookmarkStore>().ListDueAsync(DateTimeOffset.MaxValue));
    }

    [Fact]
    public async Task A_timer_never_fires_before_it_is_due_even_when_an_earlier_slot_fires_just_before()
    {
        await using var harness = Harness();
        await using var timers = await RunningTimers.StartAsync(harness.Services);
        await harness.PublishAsync(WaitOneMinuteForSolved());
        var queue = harness.Services.GetRequiredService<PolicyEventQueue>();
        var early = await harness.Desk.CreateAsync(NewTicket("Due on a slot"), Actor.System);
        await queue.WhenIdleAsync();
        harness.Clock.Advance(TimeSpan.FromMilliseconds(90));
        var late = await harness.Desk.CreateAsync(NewTicket("Due 90 ms into the next slot"), Actor.System);
        await queue.WhenIdleAsync();

        // 1 ms before the late timer is due: the early slot fires, the late timer must not.
        harness.Clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(1));
        await RunningTimers.WaitUntilAsync(async () => await TimedOutAsync(harness, early), "the early timer fired");
        Assert.False(await TimedOutAsync(harness, late));

        harness.Clock.Advance(TimeSpan.FromMilliseconds(11));
        // The lag is recorded once the timer's run returns, which is after the run's tag is on the timeline.
        await RunningTimers.WaitUntilAsync(async () => await TimedOutAsync(harness, late) && timers.LagsMs.Count == 2, "the late timer fired in its slot");
        Assert.Equal([89.0, 10.0], timers.LagsMs);
    }

    [Fact]
    public async Task A_timer_whose_bookmark_was_resumed_meanwhile_fires_nothing()
    {
        await using var harness = Harness();
        await using var timers = await RunningTimers.StartAsync(harness.Services);
        await harness.PublishAsync(WaitOneMinuteForSolved());
        var queue = harness.Services.GetRequiredService<PolicyEventQueue>();
        var ticket = await harness.Desk.CreateAsync(NewTicket("Solved in time"), Actor.System);
        await queue.WhenIdleAsync();
        var timer = Assert.Single(await harness.Services.GetRequiredService<IBookmarkStore>().ListDueAsync(DateTimeOffset.MaxValue));

        await harness.Desk.ChangeStatusAsync(ticket.Id, TicketStatus.Solved, Actor.System);
        await queue.WhenIdleAsync();
        Assert.Single(await timers.TriggerNamesAsync());
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunningTimers.WaitUntilAsync(async () => (await timers.TriggerNamesAsync()).Count == 0, "the timer's slot fired");

        Assert.False(await TimedOutAsync(harness, ticket));
        Assert.Empty(timers.LagsMs);

        // A row left behind by a crash between saving the instance and its bookmarks is dropped, not fired.
        var bookmarks = harness.Services.GetRequiredService<IBookmarkStore>();
        await bookmarks.ReplaceAsync(timer.WorkflowInstanceId, [timer]);
        Assert.Equal(BookmarkResumptionOutcome.AlreadyResumed, (await harness.Runtime.ResumeAsync(timer)).Outcome);
        Assert.Empty(await bookmarks.ListDueAsync(DateTimeOffset.MaxValue));
        Assert.False(await TimedOutAsync(harness, ticket));
    }

    [Fact]
    public async Task Fired_timers_are_forgotten_once_no_job_is_running_so_a_replay_keeps_no_memory_of_them()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Start);
        await harness.PublishAsync(WaitOneMinuteForSolved());
        var tickets = new List<Ticket>();
        for (var i = 0; i < 5; i++)
        {
            tickets.Add(await harness.OpenAsync($"Export fails #{i}", "It fails."));
        }

        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));

        foreach (var ticket in tickets)
        {
            Assert.Single(await harness.TimelineAsync(ticket.Id), e => e.Type == TicketEventType.TagAdded && e[TicketEventData.Tag] == TimedOutTag);
        }

        Assert.Equal(0, harness.Services.GetRequiredService<DueTimers>().RememberedFired);
    }

    private static PolicyHarness Harness() =>
        new(Brightline.Org, Start, useQuartz: true, configure: services =>
        {
            services.AddSingleton<IHostApplicationLifetime, RunningTimers.StartedLifetime>();
            services.AddSingleton<TimerLag>();
        });

    private static NewTicket NewTicket(string subject) =>
        new(subject, subject, new NewTicketRequester("Maria", $"maria{Guid.NewGuid():N}@example.com"), TicketChannel.Email);

    private static Workflows.Definitions.WorkflowDefinition WaitOneMinuteForSolved() =>
        new PolicyFlow("timeout", "Timeout", "")
            .Node("Start", "TicketCreated", startsWorkflow: true)
            .Node("Wait", "WaitForTicket", new Dictionary<string, object> { ["condition"] = "Solved", ["timeout"] = "1m" })
            .Node("Late", "AddTag", new Dictionary<string, object> { ["tag"] = TimedOutTag })
            .Connect("Start", "Done", "Wait")
            .Connect("Wait", "TimedOut", "Late")
            .Build();

    private static async Task<bool> TimedOutAsync(PolicyHarness harness, Ticket ticket) =>
        (await harness.TimelineAsync(ticket.Id)).Any(e => e.Type == TicketEventType.TagAdded && e[TicketEventData.Tag] == TimedOutTag);
}
