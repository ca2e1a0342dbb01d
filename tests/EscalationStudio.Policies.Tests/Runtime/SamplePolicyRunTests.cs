using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Tests.Samples;
using static EscalationStudio.Policies.Tests.Runtime.Brightline;

namespace EscalationStudio.Policies.Tests.Runtime;

/// <summary>Each sample policy runs against tickets through the ticket desk, with a fake clock firing its timers.</summary>
public sealed class SamplePolicyRunTests
{
    private static async Task<PolicyHarness> HarnessWith(params Workflows.Definitions.WorkflowDefinition[] policies)
    {
        var harness = new PolicyHarness(Org, MondayNineBerlin);
        foreach (var policy in policies)
        {
            await harness.PublishAsync(policy);
        }

        return harness;
    }

    [Fact]
    public async Task Retention_fast_lane_refund_goes_to_retention_with_briefing_and_customer_note()
    {
        await using var harness = await HarnessWith(SamplePolicies.RetentionFastLane());
        var ticket = await harness.OpenAsync("Refund please", "You charged me twice, I want a refund now.");

        var current = (await harness.Desk.FindAsync(ticket.Id))!;
        Assert.Equal("retention", current.TierId);
        Assert.Equal(TicketPriority.Urgent, current.Priority);
        Assert.NotNull(current.OwnerAgentId);
        var briefing = Assert.Single(current.Messages, m => m.Kind == MessageKind.InternalNote);
        Assert.Contains("the customer wrote \"refund\"", briefing.Body, StringComparison.Ordinal);
        var timeline = await harness.TimelineAsync(ticket.Id);
        var escalated = Assert.Single(timeline, e => e.Type == TicketEventType.Escalated);
        Assert.Equal("retention-fast-lane", escalated[TicketEventData.Policy]);
        Assert.Equal("1", escalated[TicketEventData.PolicyVersion]);
        Assert.Equal("ToRetention", escalated[TicketEventData.Activity]);
        // What fired and when it held, for the policy's reaction time in the escalation-health figures.
        var message = Assert.Single(timeline, e => e.Type == TicketEventType.MessageAdded);
        Assert.Equal("keyword-matched", escalated[TicketEventData.Trigger]);
        Assert.Equal(message.OccurredAt, DateTimeOffset.Parse(escalated[TicketEventData.TriggeredAt]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(timeline, e => e.Type == TicketEventType.TimelineEntry && e[TicketEventData.Kind] == "customer-notification"
            && e[TicketEventData.Text]!.Contains("Retention", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retention_fast_lane_no_answer_within_five_minutes_another_specialist_takes_over()
    {
        await using var harness = await HarnessWith(SamplePolicies.RetentionFastLane());
        var ticket = await harness.OpenAsync("Cancel my contract", "Please cancel everything.");
        var firstOwner = (await harness.Desk.FindAsync(ticket.Id))!.OwnerAgentId;

        await harness.AdvanceAsync(TimeSpan.FromMinutes(4));
        Assert.Equal(firstOwner, (await harness.Desk.FindAsync(ticket.Id))!.OwnerAgentId);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        var now = (await harness.Desk.FindAsync(ticket.Id))!;
        Assert.Equal("retention", now.TierId);
        Assert.NotEqual(firstOwner, now.OwnerAgentId);
        Assert.Single(await harness.TimelineAsync(ticket.Id), e => e.Type == TicketEventType.Reassigned);
    }

    [Fact]
    public async Task Retention_fast_lane_answered_in_time_stays_with_the_specialist()
    {
        await using var harness = await HarnessWith(SamplePolicies.RetentionFastLane());
        var ticket = await harness.OpenAsync("Refund", "refund please");
        var owner = (await harness.Desk.FindAsync(ticket.Id))!.OwnerAgentId!;
        await harness.AdvanceAsync(TimeSpan.FromMinutes(2));
        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Agent, "On it.", Actor.Agent(owner));
        await harness.SettleAsync();

        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(owner, (await harness.Desk.FindAsync(ticket.Id))!.OwnerAgentId);
        Assert.DoesNotContain(await harness.TimelineAsync(ticket.Id), e => e.Type == TicketEventType.Reassigned);
    }

    [Fact]
    public async Task Retention_fast_lane_more_keywords_while_it_runs_do_not_start_a_second_instance()
    {
        await using var harness = await HarnessWith(SamplePolicies.RetentionFastLane());
        var ticket = await harness.OpenAsync("Refund", "refund please");
        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Customer, "This is urgent, I will cancel!", Actor.System);
        await harness.SettleAsync();

        var timeline = await harness.TimelineAsync(ticket.Id);
        Assert.Single(timeline, e => e.Type == TicketEventType.Escalated);
        Assert.DoesNotContain(timeline, e => e[TicketEventData.Kind] == "escalation-refused");
    }

    [Fact]
    public async Task First_response_ladder_warns_at_each_point_in_business_time_then_escalates_at_the_breach()
    {
        await using var harness = await HarnessWith(SamplePolicies.FirstResponseLadder());
        var ticket = await harness.OpenAsync("Printer", "It does not print.");

        await harness.AdvanceAsync(TimeSpan.FromMinutes(119));
        Assert.DoesNotContain(await harness.TimelineAsync(ticket.Id), e => e[TicketEventData.Kind] == "sla-warning");

        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        var warnings = (await harness.TimelineAsync(ticket.Id)).Where(e => e[TicketEventData.Kind] == "sla-warning").ToList();
        Assert.Equal(Berlin(2, 11), Assert.Single(warnings).OccurredAt);
        Assert.Contains("sla-at-risk", (await harness.Desk.FindAsync(ticket.Id))!.Tags);

        await harness.AdvanceAsync(TimeSpan.FromHours(1));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(36));
        warnings = [.. (await harness.TimelineAsync(ticket.Id)).Where(e => e[TicketEventData.Kind] == "sla-warning")];
        Assert.Equal([Berlin(2, 11), Berlin(2, 12), Berlin(2, 12, 36)], warnings.Select(w => w.OccurredAt).ToArray());
        Assert.Equal("tier-1", (await harness.Desk.FindAsync(ticket.Id))!.TierId);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(24));
        var timeline = await harness.TimelineAsync(ticket.Id);
        Assert.Equal(Berlin(2, 13), Assert.Single(timeline, e => e[TicketEventData.Kind] == "sla-breached").OccurredAt);
        Assert.Equal("tier-2", (await harness.Desk.FindAsync(ticket.Id))!.TierId);
        var escalated = Assert.Single(timeline, e => e.Type == TicketEventType.Escalated);
        Assert.Equal("sla", escalated[TicketEventData.Trigger]);
        Assert.Equal(Berlin(2, 13), DateTimeOffset.Parse(escalated[TicketEventData.TriggeredAt]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task First_response_ladder_answered_before_the_breach_is_met_and_never_escalates()
    {
        await using var harness = await HarnessWith(SamplePolicies.FirstResponseLadder());
        var ticket = await harness.OpenAsync("Printer", "It does not print.");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(30));
        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Agent, "Have you tried turning it off and on?", Actor.Agent("ana.kovac"));
        await harness.SettleAsync();

        await harness.AdvanceAsync(TimeSpan.FromHours(10));
        var timeline = await harness.TimelineAsync(ticket.Id);
        Assert.Contains(timeline, e => e[TicketEventData.Kind] == "sla-met");
        Assert.DoesNotContain(timeline, e => e.Type == TicketEventType.Escalated);
        Assert.Empty(harness.Timers.Armed);
    }

    [Fact]
    public async Task First_response_ladder_opened_after_saturday_closing_counts_from_monday_morning()
    {
        await using var harness = new PolicyHarness(Org, Berlin(7, 14));
        await harness.PublishAsync(SamplePolicies.FirstResponseLadder());
        var ticket = await harness.OpenAsync("Saturday afternoon", "Help");

        await harness.AdvanceAsync(Berlin(9, 9, 59) - Berlin(7, 14));
        Assert.DoesNotContain(await harness.TimelineAsync(ticket.Id), e => e[TicketEventData.Kind] == "sla-warning");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(Berlin(9, 10), Assert.Single(await harness.TimelineAsync(ticket.Id), e => e[TicketEventData.Kind] == "sla-warning").OccurredAt);
    }

    [Fact]
    public async Task Open_too_long_pending_time_does_not_count()
    {
        await using var harness = await HarnessWith(SamplePolicies.OpenTooLong());
        var ticket = await harness.OpenAsync("Slow", "It is slow.");
        await harness.AdvanceAsync(TimeSpan.FromHours(1));
        await harness.Desk.ChangeStatusAsync(ticket.Id, TicketStatus.Pending, Actor.Agent("ana.kovac"));
        await harness.SettleAsync();
        await harness.AdvanceAsync(TimeSpan.FromHours(8));
        Assert.Equal("tier-1", (await harness.Desk.FindAsync(ticket.Id))!.TierId);

        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Customer, "Here are the logs.", Actor.System);
        await harness.SettleAsync();
        await harness.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal("tier-1", (await harness.Desk.FindAsync(ticket.Id))!.TierId);

        await harness.AdvanceAsync(Berlin(3, 14, 59) - harness.Clock.GetUtcNow());
        Assert.Equal("tier-1", (await harness.Desk.FindAsync(ticket.Id))!.TierId);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        var escalated = Assert.Single(await harness.TimelineAsync(ticket.Id), e => e.Type == TicketEventType.Escalated);
        Assert.Equal("tier-2", escalated[TicketEventData.To]);
    }

    [Fact]
    public async Task High_value_customers_go_to_managers_and_lower_tiers_cannot_solve()
    {
        await using var harness = await HarnessWith(SamplePolicies.HighValueCustomers());
        var ticket = await harness.OpenAsync("Question", "A question about my plan.", lifetimeValue: 25_000m);

        var current = (await harness.Desk.FindAsync(ticket.Id))!;
        Assert.Equal("managers", current.TierId);
        Assert.NotNull(current.SignOffRequiredReason);
        var denied = await Assert.ThrowsAsync<AuthorityDeniedException>(() => harness.Desk.ChangeStatusAsync(ticket.Id, TicketStatus.Solved, Actor.Agent("ana.kovac")));
        Assert.Contains("sign-off", denied.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task High_value_customers_ordinary_customer_is_left_alone()
    {
        await using var harness = await HarnessWith(SamplePolicies.HighValueCustomers());
        var ticket = await harness.OpenAsync("Question", "A question.", lifetimeValue: 900m);
        Assert.Equal("tier-1", (await harness.Desk.FindAsync(ticket.Id))!.TierId);
    }

    [Theory]
    [InlineData("EscalationRequested")]
    [InlineData("ManualEscalation")]   // the trigger's name before the rename: policies written then still run
    public async Task Hand_back_specialist_resolves_blocker_case_returns_to_the_tier1_agent_with_a_note(string flagTrigger)
    {
        await using var harness = await HarnessWith(SamplePolicies.HandBackToTier1(flagTrigger));
        var created = await harness.Desk.CreateAsync(new NewTicket("Invoice wrong", "The invoice total is wrong.",
            new NewTicketRequester("Maria Lopez", "maria@example.com"), TicketChannel.Email, OwnerAgentId: "ana.kovac"), Actor.System);
        await harness.SettleAsync();
        await harness.Desk.RequestEscalationAsync(created.Id, "needs billing to correct the invoice", Actor.Agent("ana.kovac"));
        await harness.SettleAsync();
        var atBilling = (await harness.Desk.FindAsync(created.Id))!;
        Assert.Equal("billing", atBilling.TierId);

        await harness.Desk.AddTagAsync(created.Id, "blocker-resolved", Actor.Agent(atBilling.OwnerAgentId!));
        await harness.SettleAsync();

        var back = (await harness.Desk.FindAsync(created.Id))!;
        Assert.Equal(("tier-1", "ana.kovac"), (back.TierId, back.OwnerAgentId));
        var handBack = Assert.Single(await harness.TimelineAsync(created.Id), e => e.Type == TicketEventType.DeEscalated);
        Assert.Contains("blocking issue", handBack[TicketEventData.Note], StringComparison.Ordinal);
        Assert.Equal("hand-back-to-tier-1", handBack[TicketEventData.Policy]);
        Assert.Equal("1", handBack[TicketEventData.PolicyVersion]);
        Assert.Equal("BackToTier1", handBack[TicketEventData.Activity]);
        Assert.Contains(back.Messages, m => m.Kind == MessageKind.InternalNote && m.Body.Contains("Handed back to you by", StringComparison.Ordinal));
    }
}
