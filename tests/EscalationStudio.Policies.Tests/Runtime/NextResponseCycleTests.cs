using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Tests.Samples;
using static EscalationStudio.Policies.Tests.Runtime.Brightline;

namespace EscalationStudio.Policies.Tests.Runtime;

public sealed class NextResponseCycleTests
{
    [Fact]
    public async Task NextResponse_warns_in_every_cycle_and_breaches_only_the_unanswered_one()
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin);
        await harness.PublishAsync(new PolicyFlow("next-response", "Next response", "")
            .Node("Clock", "SlaTimer", new Dictionary<string, object> { ["metric"] = "NextResponse", ["target"] = "1h", ["warningPercents"] = "50" }, startsWorkflow: true)
            .Node("Warned", "AddTag", new Dictionary<string, object> { ["tag"] = "waiting-long" })
            .Node("Late", "AddTag", new Dictionary<string, object> { ["tag"] = "next-response-breached" })
            .Connect("Clock", "Warning", "Warned")
            .Connect("Warned", "Done", "Clock")
            .Connect("Clock", "Met", "Clock")
            .Connect("Clock", "Breached", "Late")
            .Build());
        var ticket = await harness.OpenAsync("Question", "How do I export?");
        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Agent, "Via the menu.", Actor.Agent("ana.kovac"));
        await harness.SettleAsync();

        await harness.AdvanceAsync(TimeSpan.FromHours(1));
        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Customer, "Which menu?", Actor.System);
        await harness.SettleAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(30));
        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Agent, "File, then Export.", Actor.Agent("ana.kovac"));
        await harness.SettleAsync();

        await harness.AdvanceAsync(TimeSpan.FromMinutes(30));
        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Customer, "It is greyed out.", Actor.System);
        await harness.SettleAsync();
        for (var step = 0; step < 4; step++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(30));
        }

        var timeline = await harness.TimelineAsync(ticket.Id);
        Assert.Equal([Berlin(2, 10, 30), Berlin(2, 11, 30)],
            timeline.Where(e => e[TicketEventData.Kind] == "sla-warning").Select(e => e.OccurredAt).ToArray());
        Assert.Equal(Berlin(2, 10, 30), Assert.Single(timeline, e => e[TicketEventData.Kind] == "sla-met").OccurredAt);
        Assert.Equal(Berlin(2, 12), Assert.Single(timeline, e => e[TicketEventData.Kind] == "sla-breached").OccurredAt);
        Assert.Contains("next-response-breached", (await harness.Desk.FindAsync(ticket.Id))!.Tags);
    }
}
