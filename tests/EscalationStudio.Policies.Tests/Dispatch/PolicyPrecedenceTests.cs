using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Policies.Tests.Samples;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using static EscalationStudio.Policies.Tests.Runtime.Brightline;

namespace EscalationStudio.Policies.Tests.Dispatch;

/// <summary>Two policies started by one event that move the same ticket: the manager's precedence decides who acts first.</summary>
public sealed class PolicyPrecedenceTests
{
    [Fact]
    public async Task Without_precedence_the_order_is_by_id_and_the_refused_move_is_on_the_timeline()
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin);
        await harness.PublishAsync(Moving("a-to-managers", "managers", precedence: null));
        await harness.PublishAsync(Moving("b-to-tier-2", "tier-2", precedence: null));

        var ticket = await harness.OpenAsync("Export broken", "Nothing exports");
        await harness.SettleAsync();

        Assert.Equal("managers", (await harness.Desk.FindAsync(ticket.Id))!.TierId);
        var refused = Assert.Single(await harness.TimelineAsync(ticket.Id), e => e[TicketEventData.Kind] == "escalation-refused");
        Assert.Equal("b-to-tier-2", refused[TicketEventData.Policy]);
        Assert.Contains("tier-2", refused[TicketEventData.Text], StringComparison.Ordinal);
        // Nothing follows NotAllowed, so the managers hear of it too (the outbox delivers manager alerts).
        var alert = Assert.Single(await harness.TimelineAsync(ticket.Id), e => e[TicketEventData.Kind] == Domain.Delivery.DeliveryPlan.ManagerAlertKind);
        Assert.Equal("b-to-tier-2", alert[TicketEventData.Policy]);
        Assert.Contains("could not escalate to tier-2", alert[TicketEventData.Text], StringComparison.Ordinal);
        Assert.Contains("precedence", alert[TicketEventData.Text], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_the_policy_handles_on_its_NotAllowed_path_alerts_no_manager()
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin);
        await harness.PublishAsync(Moving("a-to-managers", "managers", precedence: null));
        var handled = new PolicyFlow("b-to-tier-2", "b-to-tier-2", "")
            .Node("Created", "TicketCreated", startsWorkflow: true)
            .Node("Move", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "tier-2", ["briefingTemplate"] = "" })
            .Node("Tag", "AddTag", new Dictionary<string, object> { ["tag"] = "needs-look" })
            .Connect("Created", "Done", "Move")
            .Connect("Move", "NotAllowed", "Tag")
            .Build();
        await harness.PublishAsync(handled);

        var ticket = await harness.OpenAsync("Export broken", "Nothing exports");
        await harness.SettleAsync();

        var timeline = await harness.TimelineAsync(ticket.Id);
        Assert.Single(timeline, e => e[TicketEventData.Kind] == "escalation-refused");
        Assert.DoesNotContain(timeline, e => e[TicketEventData.Kind] == Domain.Delivery.DeliveryPlan.ManagerAlertKind);
    }

    [Fact]
    public async Task A_switched_off_policy_is_started_by_no_ticket_event()
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin);
        var off = Moving("a-to-managers", "managers", precedence: null);
        off.CustomProperties[DefinitionStamps.Disabled] = true;
        await harness.PublishAsync(off);

        var ticket = await harness.OpenAsync("Export broken", "Nothing exports");
        await harness.SettleAsync();

        Assert.Equal("tier-1", (await harness.Desk.FindAsync(ticket.Id))!.TierId);
    }

    [Fact]
    public async Task The_policy_with_higher_precedence_acts_first()
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin);
        await harness.PublishAsync(Moving("a-to-managers", "managers", precedence: null));
        await harness.PublishAsync(Moving("b-to-tier-2", "tier-2", precedence: 10));

        var ticket = await harness.OpenAsync("Export broken", "Nothing exports");
        await harness.SettleAsync();

        var moves = (await harness.TimelineAsync(ticket.Id)).Where(e => e.Type == TicketEventType.Escalated).Select(e => e[TicketEventData.To]);
        Assert.Equal(["tier-2", "managers"], moves);
    }

    private static WorkflowDefinition Moving(string id, string tier, int? precedence)
    {
        var definition = new PolicyFlow(id, id, "")
            .Node("Created", "TicketCreated", startsWorkflow: true)
            .Node("Move", "EscalateToTier", new Dictionary<string, object> { ["tier"] = tier, ["briefingTemplate"] = "" })
            .Connect("Created", "Done", "Move")
            .Build();
        if (precedence is { } value)
        {
            definition.CustomProperties[DefinitionStamps.Precedence] = value;
        }

        return definition;
    }
}

public sealed class PolicyClashTests
{
    [Fact]
    public void Policies_started_by_the_same_event_that_both_move_tickets_clash_and_are_named()
    {
        var mine = Moving("vip-two-hours", "VipCustomer");
        var vip = Moving("high-value", "TicketCreated");
        var onMessages = Moving("angry", "CustomerMessageReceived");

        var clash = Assert.Single(History.PolicyClashes.Of(mine, [vip, onMessages, mine]));

        Assert.Equal("high-value", clash.DefinitionId);
        Assert.Equal(["ticket created"], clash.Events);
        Assert.Contains("set a precedence", clash.Describe(mine), StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_of_the_wrong_shape_clashes_with_nothing_and_diffs_without_failing()
    {
        var odd = Moving("odd", "TicketCreated");
        var steps = odd.Root!["activities"]!.AsArray();
        steps[0]!["customProperties"] = new System.Text.Json.Nodes.JsonArray(1, 2);
        odd.Root["connections"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["source"] = "Start", ["target"] = 3 });

        var clashes = History.PolicyClashes.Of(Moving("mine", "TicketCreated"), [odd]);
        var changes = History.PolicyDiff.Between(Moving("odd", "TicketCreated"), odd);

        Assert.Single(clashes);
        Assert.Contains(changes, c => c.Contains("'?'", StringComparison.Ordinal));
    }

    private static WorkflowDefinition Moving(string id, string trigger) =>
        new PolicyFlow(id, id, "")
            .Node("Start", trigger, startsWorkflow: true)
            .Node("Move", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "tier-2" })
            .Connect("Start", "Done", "Move")
            .Build();
}
