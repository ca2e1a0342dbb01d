using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tests.Tickets;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Domain.Tests.Delivery;

public sealed class DeliveryPlanTests
{
    private static readonly HashSet<DeliveryChannel> Both = [DeliveryChannel.Email, DeliveryChannel.Chat];

    private static readonly OrgDirectory Org = new(
        "Delivery org",
        [
            new Tier("tier-1", "Tier 1", TierKind.Level, 1, TicketFixtures.FrontlineAuthority, null, Delivery: new DeliveryTargets(null, "tier-1-room")),
            new Tier("tier-2", "Tier 2", TierKind.Level, 2, TicketFixtures.FrontlineAuthority, null, Delivery: new DeliveryTargets("tier-2@example.com", "tier-2-room")),
            new Tier("managers", "Managers", TierKind.Level, 3, TicketFixtures.ManagerAuthority, null, Delivery: new DeliveryTargets("managers@example.com", "managers-room")),
            new Tier("billing", "Billing", TierKind.Specialist, 2, TicketFixtures.FrontlineAuthority, null, Delivery: new DeliveryTargets("billing@example.com", null), ManagedBy: "tier-2"),
        ],
        [
            new Agent("katrin", "Katrin", "tier-2", [], 6, "katrin@example.com", null, new DeliveryTargets("katrin@example.com", "tier-2-room")),
            new Agent("ana", "Ana", "tier-1", [], 6, "ana@example.com", null),
        ],
        []);

    [Fact]
    public void A_briefing_goes_to_the_tier_and_the_owner_once_per_target_with_the_notes_text()
    {
        var ticket = TicketIn("tier-2", "katrin");
        var note = ticket.AddMessage(MessageKind.InternalNote, "**Briefing** for Katrin", Actor.Policy("p"), TicketFixtures.Now);
        ticket.AddTimelineEntry(DeliveryPlan.BriefingSentKind, "briefing sent", Actor.Policy("p"), TicketFixtures.Now,
            new Dictionary<string, string> { [TicketEventData.MessageId] = note.Id.ToString() });

        var planned = DeliveryPlan.For(ticket, ticket.UncommittedEvents, Org, Both);

        // The tier's room and Katrin's room are the same webhook: sent once.
        Assert.Equal(
            [(DeliveryChannel.Email, "tier-2@example.com"), (DeliveryChannel.Chat, "tier-2-room"), (DeliveryChannel.Email, "katrin@example.com")],
            planned.Select(p => (p.Channel, p.Target)));
        Assert.All(planned, p => Assert.Equal("**Briefing** for Katrin", p.Body));
        Assert.All(planned, p => Assert.Equal(DeliveryPlan.Briefing, p.Purpose));
        Assert.Equal(planned.Count, planned.Select(p => p.Key).Distinct().Count());
    }

    [Fact]
    public void The_same_event_plans_the_same_keys_every_time()
    {
        var ticket = TicketIn("tier-2", "katrin");
        ticket.AddTimelineEntry(DeliveryPlan.CustomerNotificationKind, "Hello Dana", Actor.Policy("p"), TicketFixtures.Now);

        var first = DeliveryPlan.For(ticket, ticket.UncommittedEvents, Org, Both);
        var second = DeliveryPlan.For(ticket, ticket.UncommittedEvents, Org, Both);

        var note = Assert.Single(first);
        Assert.Equal(first, second);
        Assert.Equal((DeliveryChannel.Email, "dana@example.com", "Hello Dana"), (note.Channel, note.Target, note.Body));
        Assert.Equal(DeliveryPlan.KeyOf(ticket.Id, ticket.UncommittedEvents[^1].Sequence, 0), note.Key);
    }

    [Fact]
    public void A_manager_alert_goes_to_the_tier_named_as_manager_or_else_the_top_level()
    {
        var billing = TicketIn("billing", null);
        billing.AddTimelineEntry(DeliveryPlan.ManagerAlertKind, "SLA at 90%", Actor.Policy("p"), TicketFixtures.Now);
        var tier1 = TicketIn("tier-1", "ana");
        tier1.AddTimelineEntry(DeliveryPlan.ManagerAlertKind, "SLA at 90%", Actor.Policy("p"), TicketFixtures.Now);

        Assert.Equal(["tier-2@example.com", "tier-2-room"], DeliveryPlan.For(billing, billing.UncommittedEvents, Org, Both).Select(p => p.Target));
        Assert.Equal(["managers@example.com", "managers-room"], DeliveryPlan.For(tier1, tier1.UncommittedEvents, Org, Both).Select(p => p.Target));
    }

    [Fact]
    public void A_manager_alert_about_an_SLA_says_SLA_and_one_about_a_refused_move_says_policy()
    {
        var ticket = TicketIn("tier-1", "ana");
        ticket.AddTimelineEntry(DeliveryPlan.ManagerAlertKind, "SLA at 90%", Actor.Policy("p"), TicketFixtures.Now);
        ticket.AddTimelineEntry(DeliveryPlan.ManagerAlertKind, "Policy p could not escalate to tier-2", Actor.Policy("p"), TicketFixtures.Now,
            new Dictionary<string, string> { [TicketEventData.RefusedMove] = "escalation-refused" });

        var subjects = DeliveryPlan.For(ticket, ticket.UncommittedEvents, Org, Both).Select(p => p.Subject).Distinct();

        Assert.Equal(["SLA alert: Cannot export invoices", "Policy alert: Cannot export invoices"], subjects);
    }

    [Fact]
    public void A_channel_that_is_off_plans_nothing_and_other_events_send_nothing()
    {
        var ticket = TicketIn("tier-2", "katrin");
        ticket.AddMessage(MessageKind.Customer, "hello", Actor.Customer(ticket.RequesterId), TicketFixtures.Now);
        ticket.AddTimelineEntry("sla-warning", "50%", Actor.Policy("p"), TicketFixtures.Now);
        ticket.AddTimelineEntry(DeliveryPlan.ManagerAlertKind, "SLA at 90%", Actor.Policy("p"), TicketFixtures.Now);

        var planned = DeliveryPlan.For(ticket, ticket.UncommittedEvents, Org, new HashSet<DeliveryChannel> { DeliveryChannel.Chat });

        Assert.Equal("managers-room", Assert.Single(planned).Target);
    }

    private static Ticket TicketIn(string tier, string? owner) =>
        Ticket.Create(
            Guid.CreateVersion7(TicketFixtures.Now),
            "Cannot export invoices",
            "The export spins forever.",
            new Customer(Guid.CreateVersion7(TicketFixtures.Now), "Dana Whitfield", "dana@example.com", null, 0, false),
            TicketChannel.Email,
            TicketPriority.Normal,
            Org.FindTier(tier)!,
            owner is null ? null : Org.FindAgent(owner),
            [],
            Actor.System,
            TicketFixtures.Now).Committed();
}
