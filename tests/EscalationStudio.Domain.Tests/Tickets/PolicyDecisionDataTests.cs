using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using static EscalationStudio.Domain.Tests.Tickets.TicketFixtures;

namespace EscalationStudio.Domain.Tests.Tickets;

/// <summary>What made a policy move a ticket, and when its condition held, travel on the move's event for the metrics.</summary>
public sealed class PolicyDecisionDataTests
{
    [Fact]
    public void A_decision_with_its_trigger_records_the_trigger_and_when_its_condition_held()
    {
        var ticket = NewTicket().Committed();

        ticket.EscalateTo(TestOrg, "tier-2", null, "the customer wrote \"refund\"", Actor.Policy("refund-guard"), Now.AddMinutes(5),
            new PolicyDecision("refund-guard", 3, "escalate", "keyword", Now.AddMinutes(4).ToOffset(TimeSpan.FromHours(1))));

        var escalated = Assert.Single(ticket.UncommittedEvents);
        Assert.Equal("keyword", escalated[TicketEventData.Trigger]);
        Assert.Equal("2026-11-23T09:04:00.0000000Z", escalated[TicketEventData.TriggeredAt]);
        Assert.Equal("3", escalated[TicketEventData.PolicyVersion]);
    }

    [Fact]
    public void A_move_without_a_known_trigger_keeps_the_events_earlier_shape()
    {
        var ticket = NewTicket().Committed();

        ticket.EscalateTo(TestOrg, "tier-2", null, "needs tier 2", Ana, Now.AddMinutes(5));
        ticket.DeEscalateTo(TestOrg, "tier-1", "ana", "done", Actor.Policy("p"), Now.AddMinutes(6), new PolicyDecision("p", 1, "hand-back"));

        Assert.All(ticket.UncommittedEvents, e =>
        {
            Assert.False(e.Data.ContainsKey(TicketEventData.Trigger));
            Assert.False(e.Data.ContainsKey(TicketEventData.TriggeredAt));
        });
    }
}
