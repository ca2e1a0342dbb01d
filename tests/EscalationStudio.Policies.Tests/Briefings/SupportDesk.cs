using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Briefings;

namespace EscalationStudio.Policies.Tests.Briefings;

/// <summary>A small support organisation and one escalated ticket, built through the domain's own verbs.</summary>
internal static class SupportDesk
{
    public static readonly DateTimeOffset Monday9 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The policy that moved the escalated ticket to retention.</summary>
    public static readonly BriefingPolicy RetentionPolicy = new()
    {
        Id = "retention-fast-lane",
        Name = "Retention fast lane",
        Version = 3,
        Activity = "Escalate to retention",
    };

    /// <summary>The move from Ana in tier 1 to Ben in retention, as the briefing's request names it.</summary>
    public static BriefingHandover ToRetention(string kind = "escalation", string? note = null) => new()
    {
        Kind = kind,
        FromTier = "tier-1",
        FromOwner = "ana",
        ToTier = "retention",
        ToOwner = "ben",
        Reason = "customer threatens to cancel",
        Note = note,
    };

    public static readonly OrgDirectory Org = new(
        "Test desk",
        [
            new Tier("tier-1", "Tier 1", TierKind.Level, 1, new AuthorityLevel(50, 20, false, false, false), "emea"),
            new Tier("tier-2", "Tier 2", TierKind.Level, 2, new AuthorityLevel(500, 200, false, false, false), "emea"),
            new Tier("retention", "Retention specialists", TierKind.Specialist, 2, new AuthorityLevel(1000, 750, true, true, false), "emea"),
        ],
        [
            new Agent("ana", "Ana Kovač", "tier-1", ["billing"], 10, "ana@example.com", "@ana"),
            new Agent("ben", "Ben Okafor", "retention", ["retention"], 5, "ben@example.com", null),
        ],
        []);

    public static Customer Customer(bool vip = true) =>
        new(Guid.NewGuid(), "Maria Lopez", "maria@example.com", "Lopez GmbH", 48_000m, vip);

    /// <summary>Opened Monday 09:00, answered, then the customer threatens to cancel and is escalated to retention.</summary>
    public static Ticket EscalatedTicket()
    {
        var customer = Customer();
        var ticket = Ticket.Create(Guid.NewGuid(), "Invoice charged twice", "You charged my card twice for March.",
            customer, TicketChannel.Email, TicketPriority.High, Org.FindTier("tier-1")!, Org.FindAgent("ana"), ["billing"],
            Actor.Customer(customer.Id), Monday9);
        ticket.AddMessage(MessageKind.Agent, "Sorry about that, I am checking with billing.", Actor.Agent("ana"), Monday9.AddMinutes(20));
        ticket.AddMessage(MessageKind.InternalNote, "Billing says the second charge is a pre-authorisation.", Actor.Agent("ana"), Monday9.AddMinutes(40));
        ticket.AddMessage(MessageKind.Customer, "This is unacceptable. I want a refund or I cancel. Let me speak to a manager!", Actor.Customer(customer.Id), Monday9.AddHours(1));
        ticket.EscalateTo(Org, "retention", "ben", "customer threatens to cancel", Actor.Policy("retention-fast-lane"), Monday9.AddHours(1).AddMinutes(1),
            new PolicyDecision("retention-fast-lane", 1, "escalate-to-retention"));
        return ticket;
    }
}
