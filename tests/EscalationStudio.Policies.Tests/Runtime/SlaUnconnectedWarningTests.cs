using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Tests.Samples;
using static EscalationStudio.Policies.Tests.Runtime.Brightline;

namespace EscalationStudio.Policies.Tests.Runtime;

/// <summary>A manager who connects only Breached means "escalate at the breach": the warnings must not end the policy.</summary>
public sealed class SlaUnconnectedWarningTests
{
    [Fact]
    public async Task An_unconnected_warning_is_recorded_and_the_breach_still_escalates()
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin);
        await harness.PublishAsync(new PolicyFlow("vip-two-hours", "VIP two hours", "")
            .Node("Clock", "SlaTimer", new Dictionary<string, object> { ["metric"] = "FirstResponse", ["target"] = "2h", ["warningPercents"] = "50, 75" }, startsWorkflow: true)
            .Node("ToTier2", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "tier-2" })
            .Connect("Clock", "Breached", "ToTier2")
            .Build());
        var ticket = await harness.OpenAsync("Export broken", "Nothing exports");
        await harness.SettleAsync();
        for (var step = 0; step < 5; step++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(30));
        }

        var timeline = await harness.TimelineAsync(ticket.Id);
        var kinds = timeline.Where(e => e[TicketEventData.Kind] is "sla-warning" or "sla-breached").Select(e => e[TicketEventData.Kind]);
        Assert.Equal(["sla-warning", "sla-warning", "sla-breached"], kinds);
        Assert.Contains(timeline, e => e.Type == TicketEventType.Escalated);
        Assert.Equal("tier-2", (await harness.Desk.FindAsync(ticket.Id))!.TierId);
    }

    [Fact]
    public async Task The_briefing_shows_the_target_that_fired_not_the_org_default()
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin);
        await harness.PublishAsync(new PolicyFlow("vip-two-hours", "VIP two hours", "")
            .Node("Clock", "SlaTimer", new Dictionary<string, object> { ["metric"] = "FirstResponse", ["target"] = "2h", ["warningPercents"] = "50" }, startsWorkflow: true)
            .Node("ToTier2", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "tier-2", ["briefingTemplate"] = "agent/escalation-briefing" })
            .Connect("Clock", "Breached", "ToTier2")
            .Build());
        var ticket = await harness.OpenAsync("Export broken", "Nothing exports");
        await harness.SettleAsync();
        for (var step = 0; step < 5; step++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(30));
        }

        var briefing = (await harness.TimelineAsync(ticket.Id))
            .Last(e => e.Type == TicketEventType.MessageAdded && e[TicketEventData.MessageKind] == MessageKind.InternalNote.ToText())[TicketEventData.Body];
        Assert.Contains("of 2h", briefing, StringComparison.Ordinal);
        Assert.DoesNotContain("of 4h", briefing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connected_warning_still_completes_through_its_port()
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin);
        await harness.PublishAsync(new PolicyFlow("warn-then-stop", "Warn then stop", "")
            .Node("Clock", "SlaTimer", new Dictionary<string, object> { ["metric"] = "FirstResponse", ["target"] = "2h", ["warningPercents"] = "50" }, startsWorkflow: true)
            .Node("Urgent", "SetPriority", new Dictionary<string, object> { ["priority"] = "Urgent" })
            .Connect("Clock", "Warning", "Urgent")
            .Build());
        var ticket = await harness.OpenAsync("Export broken", "Nothing exports");
        await harness.SettleAsync();
        for (var step = 0; step < 5; step++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(30));
        }

        var kinds = (await harness.TimelineAsync(ticket.Id)).Where(e => e[TicketEventData.Kind] is "sla-warning" or "sla-breached").Select(e => e[TicketEventData.Kind]);
        Assert.Equal(["sla-warning"], kinds);
        Assert.Equal(TicketPriority.Urgent, (await harness.Desk.FindAsync(ticket.Id))!.Priority);
    }
}
