using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using static EscalationStudio.Domain.Tests.Tickets.TicketFixtures;

namespace EscalationStudio.Domain.Tests.Tickets;

public sealed class TicketOwnershipTests
{
    [Fact]
    public void EscalateTo_a_higher_level_moves_tier_and_owner_and_records_who_and_why()
    {
        var ticket = NewTicket().Committed();

        ticket.EscalateTo(TestOrg, "tier-2", "katrin", "Export bug needs log access", Actor.Policy("slow-export"), Now,
            new PolicyDecision("slow-export", 3, "escalate-to-tier-2"));

        Assert.Equal("tier-2", ticket.TierId);
        Assert.Equal("katrin", ticket.OwnerAgentId);
        var escalated = Assert.Single(ticket.UncommittedEvents);
        Assert.Equal(TicketEventType.Escalated, escalated.Type);
        Assert.Equal("tier-1", escalated[TicketEventData.From]);
        Assert.Equal("tier-2", escalated[TicketEventData.To]);
        Assert.Equal("ana", escalated[TicketEventData.FromOwner]);
        Assert.Equal("katrin", escalated[TicketEventData.ToOwner]);
        Assert.Equal("Export bug needs log access", escalated[TicketEventData.Reason]);
        Assert.Equal("slow-export", escalated[TicketEventData.Policy]);
        Assert.Equal("3", escalated[TicketEventData.PolicyVersion]);
        Assert.Equal("escalate-to-tier-2", escalated[TicketEventData.Activity]);
        Assert.Equal(Now, escalated.OccurredAt);
    }

    [Fact]
    public void EscalateTo_by_an_agent_records_no_policy_version_or_activity()
    {
        var ticket = NewTicket().Committed();

        ticket.EscalateTo(TestOrg, "managers", null, "Customer asked for a manager", Ana, Now);

        var escalated = Assert.Single(ticket.UncommittedEvents);
        Assert.Equal(string.Empty, escalated[TicketEventData.Policy]);
        Assert.Equal(string.Empty, escalated[TicketEventData.PolicyVersion]);
        Assert.Equal(string.Empty, escalated[TicketEventData.Activity]);
    }

    [Fact]
    public void EscalateTo_without_owner_leaves_the_case_in_the_tier_queue()
    {
        var ticket = NewTicket().Committed();

        ticket.EscalateTo(TestOrg, "managers", null, "Customer asked for a manager", Ana, Now);

        Assert.Equal("managers", ticket.TierId);
        Assert.Null(ticket.OwnerAgentId);
    }

    [Fact]
    public void EscalateTo_a_specialist_group_is_allowed_from_any_level()
    {
        var ticket = NewTicket(tier: "managers", owner: "claire").Committed();

        ticket.EscalateTo(TestOrg, "retention", "nina", "Wants to cancel", Claire, Now);

        Assert.Equal("retention", ticket.TierId);
    }

    [Theory]
    [InlineData("tier-1")]
    [InlineData("tier-2")]
    public void EscalateTo_the_same_or_a_lower_level_is_refused_naming_tier(string target)
    {
        var ticket = NewTicket(tier: "tier-2", owner: "katrin").Committed();

        var error = Assert.Throws<TicketRuleViolationException>(() => ticket.EscalateTo(TestOrg, target, null, "why", Ana, Now));

        Assert.Equal("tier", error.Field);
        Assert.Equal("tier-2", ticket.TierId);
        Assert.Empty(ticket.UncommittedEvents);
    }

    [Fact]
    public void EscalateTo_an_owner_outside_the_target_tier_is_refused_naming_owner()
    {
        var ticket = NewTicket().Committed();

        var error = Assert.Throws<TicketRuleViolationException>(() => ticket.EscalateTo(TestOrg, "tier-2", "claire", "why", Ana, Now));

        Assert.Equal("owner", error.Field);
    }

    [Fact]
    public void EscalateTo_clears_a_pending_manual_flag()
    {
        var ticket = NewTicket().Committed();
        ticket.RequestEscalation("Customer threatens to leave", Ana, Now);

        ticket.EscalateTo(TestOrg, "retention", null, "Flagged by agent", Actor.Policy("manual-flag"), Now);

        Assert.Null(ticket.EscalationRequestReason);
    }

    [Fact]
    public void RequestEscalation_records_the_flag_without_moving_the_case()
    {
        var ticket = NewTicket().Committed();

        ticket.RequestEscalation("Customer threatens to leave", Ana, Now);

        Assert.Equal("tier-1", ticket.TierId);
        Assert.Equal("Customer threatens to leave", ticket.EscalationRequestReason);
        var flagged = Assert.Single(ticket.UncommittedEvents);
        Assert.Equal(TicketEventType.EscalationRequested, flagged.Type);
        Assert.Equal("agent:ana", flagged.Actor.ToString());
    }

    [Fact]
    public void DeEscalateTo_a_lower_level_hands_back_with_the_note()
    {
        var ticket = NewTicket(tier: "tier-2", owner: "katrin").Committed();

        ticket.DeEscalateTo(TestOrg, "tier-1", "ana", "Workaround given; confirm with customer on Friday", Actor.Agent("katrin"), Now);

        Assert.Equal("tier-1", ticket.TierId);
        Assert.Equal("ana", ticket.OwnerAgentId);
        var handBack = Assert.Single(ticket.UncommittedEvents);
        Assert.Equal(TicketEventType.DeEscalated, handBack.Type);
        Assert.Equal("Workaround given; confirm with customer on Friday", handBack[TicketEventData.Note]);
        Assert.Equal(string.Empty, handBack[TicketEventData.PolicyVersion]);
    }

    [Fact]
    public void DeEscalateTo_decided_by_a_policy_records_policy_version_and_activity()
    {
        var ticket = NewTicket(tier: "tier-2", owner: "katrin").Committed();

        ticket.DeEscalateTo(TestOrg, "tier-1", "ana", "Export fixed", Actor.Policy("hand-back"), Now,
            new PolicyDecision("hand-back", 2, "de-escalate"));

        var handBack = Assert.Single(ticket.UncommittedEvents);
        Assert.Equal("tier-2", handBack[TicketEventData.From]);
        Assert.Equal("tier-1", handBack[TicketEventData.To]);
        Assert.Equal("katrin", handBack[TicketEventData.FromOwner]);
        Assert.Equal("ana", handBack[TicketEventData.ToOwner]);
        Assert.Equal("hand-back", handBack[TicketEventData.Policy]);
        Assert.Equal("2", handBack[TicketEventData.PolicyVersion]);
        Assert.Equal("de-escalate", handBack[TicketEventData.Activity]);
    }

    [Fact]
    public void DeEscalateTo_from_a_specialist_group_goes_to_any_level()
    {
        var ticket = NewTicket(tier: "retention", owner: "nina").Committed();

        ticket.DeEscalateTo(TestOrg, "tier-2", null, "Retention offer accepted", Actor.Agent("nina"), Now);

        Assert.Equal("tier-2", ticket.TierId);
    }

    [Theory]
    [InlineData("tier-2")]
    [InlineData("managers")]
    [InlineData("retention")]
    public void DeEscalateTo_a_higher_level_or_a_specialist_is_refused(string target)
    {
        var ticket = NewTicket(tier: "tier-2", owner: "katrin").Committed();

        Assert.Equal("tier", Assert.Throws<TicketRuleViolationException>(() => ticket.DeEscalateTo(TestOrg, target, null, "note", Ana, Now)).Field);
    }

    [Fact]
    public void ReassignWithinTier_to_a_colleague_is_a_lateral_move()
    {
        var ticket = NewTicket().Committed();

        ticket.ReassignWithinTier(TestOrg, "malik", Ana, Now, "Malik speaks French");

        Assert.Equal("malik", ticket.OwnerAgentId);
        Assert.Equal("tier-1", ticket.TierId);
        var moved = Assert.Single(ticket.UncommittedEvents);
        Assert.Equal(TicketEventType.Reassigned, moved.Type);
        Assert.Equal("ana", moved[TicketEventData.FromOwner]);
        Assert.Equal("malik", moved[TicketEventData.ToOwner]);
    }

    [Fact]
    public void ReassignWithinTier_to_an_agent_of_another_tier_is_refused_naming_agent_id()
    {
        var ticket = NewTicket().Committed();

        var error = Assert.Throws<TicketRuleViolationException>(() => ticket.ReassignWithinTier(TestOrg, "katrin", Ana, Now));

        Assert.Equal("agentId", error.Field);
        Assert.Contains("escalation", error.Message);
    }

    [Fact]
    public void ReassignWithinTier_to_the_current_owner_changes_nothing()
    {
        var ticket = NewTicket().Committed();

        ticket.ReassignWithinTier(TestOrg, "ana", Ana, Now);

        Assert.Empty(ticket.UncommittedEvents);
    }

    [Fact]
    public void Moves_on_a_solved_ticket_are_refused()
    {
        var ticket = TicketLifecycleTests.InStatus(TicketStatus.Solved);

        Assert.Throws<TicketRuleViolationException>(() => ticket.EscalateTo(TestOrg, "tier-2", null, "why", Ana, Now));
        Assert.Throws<TicketRuleViolationException>(() => ticket.ReassignWithinTier(TestOrg, "malik", Ana, Now));
        Assert.Throws<TicketRuleViolationException>(() => ticket.RequestEscalation("why", Ana, Now));
    }
}
