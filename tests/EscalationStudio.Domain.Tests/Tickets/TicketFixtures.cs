using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Domain.Tests.Tickets;

/// <summary>A small org (three levels, one specialist group) and tickets opened in it at a fixed time.</summary>
internal static class TicketFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static readonly AuthorityLevel FrontlineAuthority = new(50, 25, MayCloseVipTickets: false, MayApproveContractChanges: false, MaySignOff: false);
    public static readonly AuthorityLevel ManagerAuthority = new(5000, 2000, MayCloseVipTickets: true, MayApproveContractChanges: true, MaySignOff: true);

    public static readonly OrgDirectory TestOrg = new(
        "Test org",
        [
            new Tier("tier-1", "Tier 1", TierKind.Level, 1, FrontlineAuthority, null),
            new Tier("tier-2", "Tier 2", TierKind.Level, 2, new AuthorityLevel(250, 100, true, false, false), null),
            new Tier("managers", "Managers", TierKind.Level, 3, ManagerAuthority, null),
            new Tier("retention", "Retention", TierKind.Specialist, 2, new AuthorityLevel(500, 300, true, true, false), null),
        ],
        [
            Agent("ana", "tier-1"),
            Agent("malik", "tier-1"),
            Agent("katrin", "tier-2"),
            Agent("claire", "managers"),
            Agent("nina", "retention"),
        ],
        []);

    public static readonly Actor Ana = Actor.Agent("ana");
    public static readonly Actor Claire = Actor.Agent("claire");

    public static Ticket NewTicket(bool vip = false, string tier = "tier-1", string? owner = "ana") =>
        Ticket.Create(
            Guid.CreateVersion7(Now),
            "Cannot export invoices",
            "The export spins forever.",
            new Customer(Guid.CreateVersion7(Now), "Dana Whitfield", "dana@example.com", "Whitfield Bakeries", 12000, vip),
            TicketChannel.Email,
            TicketPriority.Normal,
            TestOrg.FindTier(tier)!,
            owner is null ? null : TestOrg.FindAgent(owner),
            ["export"],
            Actor.System,
            Now);

    /// <summary>A ticket whose creation event is already committed, so only the verb under test is uncommitted.</summary>
    public static Ticket Committed(this Ticket ticket)
    {
        ticket.TakeUncommittedEvents();
        return ticket;
    }

    private static Agent Agent(string id, string tier) => new(id, id, tier, [], 8, $"{id}@example.com", $"@{id}");
}
