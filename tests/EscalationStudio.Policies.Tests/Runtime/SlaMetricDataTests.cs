using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Tests.Samples;
using static EscalationStudio.Policies.Tests.Runtime.Brightline;

namespace EscalationStudio.Policies.Tests.Runtime;

/// <summary>The escalation-health figures count SLA warnings and breaches per metric, so the entries must name it.</summary>
public sealed class SlaMetricDataTests
{
    [Fact]
    public async Task Sla_entries_name_their_metric_and_policy()
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin);
        await harness.PublishAsync(new PolicyFlow("first-response-clock", "First response clock", "")
            .Node("Clock", "SlaTimer", new Dictionary<string, object> { ["metric"] = "FirstResponse", ["target"] = "1h", ["warningPercents"] = "50" }, startsWorkflow: true)
            .Connect("Clock", "Warning", "Clock")
            .Build());
        var ticket = await harness.OpenAsync("Question", "How do I export?");
        await harness.SettleAsync();
        for (var step = 0; step < 3; step++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(30));
        }

        var signals = (await harness.TimelineAsync(ticket.Id)).Where(e => e[TicketEventData.Kind] is "sla-warning" or "sla-breached").ToList();
        Assert.Equal(["sla-warning", "sla-breached"], signals.Select(e => e[TicketEventData.Kind]));
        Assert.All(signals, e => Assert.Equal(("first-response", "first-response-clock"), (e[TicketEventData.SlaMetric], e[TicketEventData.Policy])));
    }
}
