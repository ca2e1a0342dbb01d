using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Summaries;
using static EscalationStudio.Metrics.Tests.Histories.MetricsOrg;

namespace EscalationStudio.Metrics.Tests.Summaries;

/// <summary>The fold reads what the domain's own verbs write, not only what the hand-built histories write.</summary>
public sealed class DomainEventsTests
{
    [Fact]
    public void A_history_made_by_the_ticket_verbs_folds_into_the_summary_it_describes()
    {
        var at = Monday.AddHours(9);
        var customer = new Customer(Guid.NewGuid(), "Dana Whitfield", "dana@example.com", null, 12000, isVip: true);
        var ticket = Ticket.Create(Guid.NewGuid(), "Refund please", "Charged twice", customer, TicketChannel.Phone, TicketPriority.High,
            Org.FindTier("tier-1")!, Org.FindAgent("ana"), [], Actor.System, at);
        ticket.ReassignWithinTier(Org, "malik", Actor.Agent("ana"), at.AddMinutes(5));
        ticket.AddTimelineEntry("sla-warning", "first response SLA at 75%", Actor.Policy("sla-policy"), at.AddMinutes(30),
            new Dictionary<string, string> { [TicketEventData.Policy] = "sla-policy", [TicketEventData.SlaMetric] = "first-response" });
        ticket.EscalateTo(Org, "tier-2", "katrin", "the customer wrote \"refund\"", Actor.Policy("refund-guard"), at.AddHours(1),
            new PolicyDecision("refund-guard", 4, "escalate", "keyword", at.AddMinutes(59)));
        ticket.DeEscalateTo(Org, "tier-1", "ana", "refund approved, please confirm", Actor.Agent("katrin"), at.AddHours(2));
        ticket.SetPriority(TicketPriority.Urgent, Actor.Agent("ana"), at.AddHours(3));
        ticket.ChangeStatus(TicketStatus.Solved, Actor.Agent("claire"), AuthorityLevel.Unlimited, at.AddHours(4));
        ticket.RecordCsat(3, null, Actor.Customer(customer.Id), at.AddHours(5));

        var summary = Assert.Single(TicketHistoryFold.Summarise(ticket.TakeUncommittedEvents(), Org));

        Assert.Equal((at, "tier-1", "ana", TicketChannel.Phone, true), (summary.CreatedAt, summary.FirstTier, summary.Owner, summary.Channel, summary.IsVip));
        Assert.Equal((TicketPriority.Urgent, TicketStatus.Solved, 3, 1), (summary.Priority, summary.Status, summary.Csat, summary.Reassignments));
        Assert.Equal(
            [
                new TierMove(TierMoveKind.Escalation, "tier-1", "tier-2", at.AddHours(1), Actor.Policy("refund-guard"), "refund-guard", 4, "keyword", at.AddMinutes(59)),
                new TierMove(TierMoveKind.DeEscalation, "tier-2", "tier-1", at.AddHours(2), Actor.Agent("katrin"), null, null, null, null),
            ],
            summary.Moves);
        Assert.True(summary.PingPong);
        Assert.Equal(TimeSpan.FromHours(1), summary.BusinessTimeToEscalate);
        Assert.Equal([new SlaSignals("first-response", 1, 0, null, false)], summary.Sla);
        Assert.Equal(["sla-policy", "refund-guard"], summary.Policies);
    }
}
