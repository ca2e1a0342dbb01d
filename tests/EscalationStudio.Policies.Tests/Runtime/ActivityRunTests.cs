using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities.Approval;
using EscalationStudio.Policies.Sandbox;
using EscalationStudio.Policies.Tests.Samples;
using static EscalationStudio.Policies.Tests.Runtime.Brightline;

namespace EscalationStudio.Policies.Tests.Runtime;

/// <summary>Single activities in small policies, run against tickets of the sample organisation.</summary>
public sealed class ActivityRunTests
{
    private static async Task<(PolicyHarness Harness, Guid TicketId)> RunAsync(PolicyFlow flow, string subject = "Help", string body = "Please help.", string? owner = "ana.kovac")
    {
        var harness = new PolicyHarness(Org, MondayNineBerlin);
        await harness.PublishAsync(flow.Build());
        var ticket = await harness.Desk.CreateAsync(new NewTicket(subject, body,
            new NewTicketRequester("Maria Lopez", "maria@example.com", LifetimeValue: 100), TicketChannel.Email, OwnerAgentId: owner), Actor.System);
        await harness.SettleAsync();
        return (harness, ticket.Id);
    }

    private static PolicyFlow Approval(decimal amount, string timeout = "4h") =>
        new PolicyFlow("approval", "Approval", "")
            .Node("Start", "TicketCreated", startsWorkflow: true)
            .Node("Ask", "RequireApproval", new Dictionary<string, object>
            {
                ["kind"] = "Credit",
                ["amount"] = amount,
                ["reason"] = "goodwill after the outage",
                ["timeout"] = timeout,
            })
            .Node("Approved", "AddTag", new Dictionary<string, object> { ["tag"] = "approved" })
            .Node("Rejected", "AddTag", new Dictionary<string, object> { ["tag"] = "rejected" })
            .Node("TimedOut", "AddTag", new Dictionary<string, object> { ["tag"] = "timed-out" })
            .Connect("Start", "Done", "Ask")
            .Connect("Ask", "Approved", "Approved")
            .Connect("Ask", "Rejected", "Rejected")
            .Connect("Ask", "TimedOut", "TimedOut");

    private static async Task<IReadOnlyList<string>> TagsAsync(PolicyHarness harness, Guid ticketId) => (await harness.Desk.FindAsync(ticketId))!.Tags;

    [Fact]
    public async Task RequireApproval_within_the_owners_cap_is_approved_at_once_in_the_owners_name()
    {
        var (harness, ticketId) = await RunAsync(Approval(20m));
        await using var _ = harness;
        Assert.Contains("approved", await TagsAsync(harness, ticketId));
        var granted = Assert.Single(await harness.TimelineAsync(ticketId), e => e.Type == TicketEventType.ApprovalGranted);
        Assert.Equal(Actor.Agent("ana.kovac"), granted.Actor);
    }

    [Fact]
    public async Task RequireApproval_beyond_the_cap_asks_the_lowest_tier_that_may_and_waits()
    {
        var (harness, ticketId) = await RunAsync(Approval(200m));
        await using var _ = harness;
        var request = Assert.Single(await harness.TimelineAsync(ticketId), e => e[TicketEventData.Kind] == RequireApproval.RequestedKind);
        Assert.Equal("managers", request[TicketEventData.Tier]);
        Assert.StartsWith("Approval needed: credit of 200 on \"Help\"", request[TicketEventData.Text], StringComparison.Ordinal);
        Assert.Empty(await TagsAsync(harness, ticketId));

        await Assert.ThrowsAsync<AuthorityDeniedException>(() => harness.Desk.ApproveAsync(ticketId, ApprovalKind.Credit, 200m, Actor.Agent("ana.kovac")));
        await harness.Desk.ApproveAsync(ticketId, ApprovalKind.Credit, 200m, Actor.Agent(Org.AgentsIn("managers").First().Id));
        await harness.SettleAsync();
        Assert.Contains("approved", await TagsAsync(harness, ticketId));
    }

    [Fact]
    public async Task RequireApproval_rejected_follows_the_rejected_port()
    {
        var (harness, ticketId) = await RunAsync(Approval(1_500m));
        await using var _ = harness;
        await ((InMemoryTicketDesk)harness.Desk).RejectApprovalAsync(ticketId, ApprovalKind.Credit, 1_500m, "not this time", Actor.Agent(Org.AgentsIn("managers").First().Id));
        await harness.SettleAsync();
        Assert.Equal(["rejected"], await TagsAsync(harness, ticketId));
    }

    [Fact]
    public async Task RequireApproval_no_decision_times_out_at_the_deadline()
    {
        var (harness, ticketId) = await RunAsync(Approval(1_500m, timeout: "2h"));
        await using var _ = harness;
        await harness.AdvanceAsync(TimeSpan.FromMinutes(119));
        Assert.Empty(await TagsAsync(harness, ticketId));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(["timed-out"], await TagsAsync(harness, ticketId));
        Assert.Empty(harness.Timers.Armed);
    }

    [Fact]
    public async Task WaitForTicket_customer_reply_takes_the_happened_port()
    {
        var flow = new PolicyFlow("wait", "Wait", "")
            .Node("Start", "TicketCreated", startsWorkflow: true)
            .Node("Wait", "WaitForTicket", new Dictionary<string, object> { ["condition"] = "CustomerReplied", ["timeout"] = "1h" })
            .Node("Replied", "AddTag", new Dictionary<string, object> { ["tag"] = "replied" })
            .Connect("Start", "Done", "Wait")
            .Connect("Wait", "Happened", "Replied");
        var (harness, ticketId) = await RunAsync(flow);
        await using var _ = harness;
        await harness.Desk.AddMessageAsync(ticketId, MessageKind.Agent, "agent words do not count", Actor.Agent("ana.kovac"));
        await harness.SettleAsync();
        Assert.Empty(await TagsAsync(harness, ticketId));
        await harness.Desk.AddMessageAsync(ticketId, MessageKind.Customer, "Here you go", Actor.System);
        await harness.SettleAsync();
        Assert.Equal(["replied"], await TagsAsync(harness, ticketId));
        Assert.Empty(harness.Timers.Armed);
    }

    [Fact]
    public async Task EscalateToTier_a_lower_tier_is_not_allowed_and_says_why_on_the_timeline()
    {
        var flow = new PolicyFlow("down", "Down", "")
            .Node("Start", "TicketCreated", startsWorkflow: true)
            .Node("Up", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "tier-1" })
            .Node("Refused", "AddTag", new Dictionary<string, object> { ["tag"] = "refused" })
            .Connect("Start", "Done", "Up")
            .Connect("Up", "NotAllowed", "Refused");
        var (harness, ticketId) = await RunAsync(flow);
        await using var _ = harness;
        Assert.Equal(["refused"], await TagsAsync(harness, ticketId));
        Assert.Contains(await harness.TimelineAsync(ticketId), e => e[TicketEventData.Kind] == "escalation-refused");
    }

    [Fact]
    public async Task ManagerRequested_starts_on_the_customers_message_with_the_phrase_as_reason()
    {
        var flow = new PolicyFlow("manager", "Manager", "")
            .Node("Asked", "ManagerRequested", startsWorkflow: true)
            .Node("Up", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "managers", ["briefingTemplate"] = "" })
            .Connect("Asked", "Done", "Up");
        var (harness, ticketId) = await RunAsync(flow, body: "My manager asked me to write to you.");
        await using var _ = harness;
        Assert.Equal("tier-1", (await harness.Desk.FindAsync(ticketId))!.TierId);

        await harness.Desk.AddMessageAsync(ticketId, MessageKind.Customer, "This is going nowhere. Let me speak to a supervisor.", Actor.System);
        await harness.SettleAsync();
        var escalated = Assert.Single(await harness.TimelineAsync(ticketId), e => e.Type == TicketEventType.Escalated);
        Assert.Equal("the customer asked: \"speak to a supervisor\"", escalated[TicketEventData.Reason]);
    }

    [Fact]
    public async Task ManagerRequested_hears_a_request_in_a_new_tickets_subject()
    {
        var flow = new PolicyFlow("manager", "Manager", "")
            .Node("Asked", "ManagerRequested", startsWorkflow: true)
            .Node("Up", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "managers", ["briefingTemplate"] = "" })
            .Connect("Asked", "Done", "Up");

        var (harness, ticketId) = await RunAsync(flow, subject: "Let me speak to a manager", body: "");
        await using var _ = harness;

        var escalated = Assert.Single(await harness.TimelineAsync(ticketId), e => e.Type == TicketEventType.Escalated);
        Assert.Equal("the customer asked: \"speak to a manager\"", escalated[TicketEventData.Reason]);
    }

    [Fact]
    public async Task SentimentTurned_fires_once_when_the_tone_drops_below_the_line()
    {
        var flow = new PolicyFlow("tone", "Tone", "")
            .Node("Sour", "SentimentTurned", new Dictionary<string, object> { ["threshold"] = -0.4 }, startsWorkflow: true)
            .Node("Flag", "AddTag", new Dictionary<string, object> { ["tag"] = "angry-customer" })
            .Connect("Sour", "Done", "Flag");
        var (harness, ticketId) = await RunAsync(flow, body: "Hello, a quick question about invoices.");
        await using var _ = harness;
        Assert.Empty(await TagsAsync(harness, ticketId));

        await harness.Desk.AddMessageAsync(ticketId, MessageKind.Customer, "This is unacceptable and useless. Worst service ever!", Actor.System);
        await harness.SettleAsync();
        Assert.Equal(["angry-customer"], await TagsAsync(harness, ticketId));
        Assert.Contains(await harness.TimelineAsync(ticketId), e => e.Type == TicketEventType.TagAdded);
    }

    [Fact]
    public async Task SentimentTurned_reads_the_tone_of_a_new_tickets_subject_too()
    {
        var flow = new PolicyFlow("tone", "Tone", "")
            .Node("Sour", "SentimentTurned", new Dictionary<string, object> { ["threshold"] = -0.4 }, startsWorkflow: true)
            .Node("Flag", "AddTag", new Dictionary<string, object> { ["tag"] = "angry-customer" })
            .Connect("Sour", "Done", "Flag");

        var (harness, ticketId) = await RunAsync(flow, subject: "Unacceptable, useless, worst service ever", body: "");
        await using var _ = harness;

        Assert.Equal(["angry-customer"], await TagsAsync(harness, ticketId));
    }

    [Fact]
    public async Task ReassignWithinTier_moves_to_another_agent_of_the_same_tier()
    {
        var flow = new PolicyFlow("lateral", "Lateral", "")
            .Node("Start", "TicketCreated", startsWorkflow: true)
            .Node("Move", "ReassignWithinTier", new Dictionary<string, object> { ["ownerPick"] = "Skills", ["skill"] = "billing" })
            .Connect("Start", "Done", "Move");
        var (harness, ticketId) = await RunAsync(flow);
        await using var _ = harness;
        var ticket = (await harness.Desk.FindAsync(ticketId))!;
        Assert.Equal("tier-1", ticket.TierId);
        Assert.NotEqual("ana.kovac", ticket.OwnerAgentId);
        Assert.True(Org.FindAgent(ticket.OwnerAgentId!)!.HasSkill("billing"));
    }
}
