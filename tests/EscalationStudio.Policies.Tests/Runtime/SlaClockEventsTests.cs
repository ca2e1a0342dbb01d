using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Tests.Samples;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using static EscalationStudio.Policies.Tests.Runtime.Brightline;

namespace EscalationStudio.Policies.Tests.Runtime;

/// <summary>
/// An SLA timer waits on its ticket only for the events that can move its clock: most ticket events are messages, and
/// a resolution or "open longer than" clock resumed by each of them would check itself for nothing.
/// </summary>
public sealed class SlaClockEventsTests
{
    [Theory]
    [InlineData("FirstResponse", false, true)]
    [InlineData("NextResponse", true, true)]
    [InlineData("Resolution", false, false)]
    [InlineData("OpenLongerThan", false, false)]
    public async Task A_waiting_clock_hears_status_and_tier_changes_and_only_the_messages_its_metric_counts(string metric, bool hearsCustomers, bool hearsAgents)
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin);
        await harness.PublishAsync(new PolicyFlow("clock", "Clock", "")
            .Node("Clock", "SlaTimer", new Dictionary<string, object> { ["metric"] = metric, ["target"] = "8h", ["warningPercents"] = "50" }, startsWorkflow: true)
            .Node("ToTier2", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "tier-2" })
            .Connect("Clock", "Breached", "ToTier2")
            .Build());
        var ticket = await harness.OpenAsync("Export broken", "Nothing exports");
        await harness.SettleAsync();

        var watch = (await WatchOfAsync(harness, ticket)).Bookmark;

        Assert.Equal(hearsCustomers, TicketEventFilter.Admits(watch, Event(ticket, TicketEventType.MessageAdded, (TicketEventData.MessageKind, MessageKind.Customer.ToText()))));
        Assert.Equal(hearsAgents, TicketEventFilter.Admits(watch, Event(ticket, TicketEventType.MessageAdded, (TicketEventData.MessageKind, MessageKind.Agent.ToText()))));
        Assert.False(TicketEventFilter.Admits(watch, Event(ticket, TicketEventType.MessageAdded, (TicketEventData.MessageKind, MessageKind.InternalNote.ToText()))));
        Assert.True(TicketEventFilter.Admits(watch, Event(ticket, TicketEventType.StatusChanged, (TicketEventData.To, TicketStatus.Pending.ToText()))));
        Assert.True(TicketEventFilter.Admits(watch, Event(ticket, TicketEventType.Escalated)));
        Assert.True(TicketEventFilter.Admits(watch, Event(ticket, TicketEventType.DeEscalated)));
    }

    [Fact]
    public async Task A_customer_writing_leaves_a_resolution_clock_as_it_was_and_solving_still_meets_it()
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin);
        await harness.PublishAsync(new PolicyFlow("resolve-in-a-day", "Resolve in a day", "")
            .Node("Clock", "SlaTimer", new Dictionary<string, object> { ["metric"] = "Resolution", ["target"] = "8h", ["warningPercents"] = "50" }, startsWorkflow: true)
            .Node("Thanks", "AddTag", new Dictionary<string, object> { ["tag"] = "met-in-time" })
            .Connect("Clock", "Met", "Thanks")
            .Build());
        var ticket = await harness.OpenAsync("Export broken", "Nothing exports");
        await harness.SettleAsync();
        var watch = await WatchOfAsync(harness, ticket);
        var before = (await harness.Runtime.FindInstanceAsync(watch.WorkflowInstanceId))!;

        harness.Clock.Advance(TimeSpan.FromMinutes(10));
        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Customer, "Any news?", Actor.System);
        await harness.SettleAsync();
        Assert.Equal(before.UpdatedAt, (await harness.Runtime.FindInstanceAsync(watch.WorkflowInstanceId))!.UpdatedAt);

        await harness.Desk.ChangeStatusAsync(ticket.Id, TicketStatus.Solved, Actor.Agent("ana.kovac"));
        await harness.SettleAsync();
        Assert.Contains("met-in-time", (await harness.Desk.FindAsync(ticket.Id))!.Tags);
    }

    /// <summary>The one bookmark watching the ticket: the clock's, as the dispatcher finds it.</summary>
    private static async Task<StoredBookmark> WatchOfAsync(PolicyHarness harness, Ticket ticket) =>
        Assert.Single((await WaitingOnTickets.FindAsync(harness.Services.GetRequiredService<IBookmarkStore>(), [ticket.Id], CancellationToken.None)).Of(ticket.Id));

    private static TicketEvent Event(Ticket ticket, TicketEventType type, params (string Key, string Value)[] data) =>
        new(Guid.NewGuid(), ticket.Id, ticket.Version + 1, type, Actor.System, MondayNineBerlin, data.ToDictionary(d => d.Key, d => d.Value));
}
