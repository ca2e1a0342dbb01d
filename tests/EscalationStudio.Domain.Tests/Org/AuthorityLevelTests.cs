using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tests.Tickets;

namespace EscalationStudio.Domain.Tests.Org;

public sealed class AuthorityLevelTests
{
    private static readonly AuthorityLevel Frontline = new(50, 25, false, false, false);

    [Theory]
    [InlineData(0, true)]
    [InlineData(49.99, true)]
    [InlineData(50, true)]
    [InlineData(50.01, false)]
    [InlineData(-1, false)]
    public void CanApproveRefund_is_inclusive_of_the_cap(double amount, bool expected) =>
        Assert.Equal(expected, Frontline.CanApproveRefund((decimal)amount));

    [Fact]
    public void Decide_credit_beyond_the_cap_says_amount_and_cap()
    {
        var decision = Frontline.Decide(ApprovalKind.Credit, 30m);

        Assert.False(decision.IsAllowed);
        Assert.Equal("credit of 30 exceeds the credit cap of 25", decision.Reason);
    }

    [Fact]
    public void Decide_refund_without_amount_is_refused() =>
        Assert.False(Frontline.Decide(ApprovalKind.Refund, null).IsAllowed);

    [Fact]
    public void Unlimited_approves_anything()
    {
        Assert.True(AuthorityLevel.Unlimited.CanApproveRefund(1_000_000m));
        Assert.True(AuthorityLevel.Unlimited.CanCloseVip);
        Assert.True(AuthorityLevel.Unlimited.CanSignOff);
    }

    [Fact]
    public void AuthorityOf_an_agent_is_their_tiers_authority()
    {
        var org = TicketFixtures.TestOrg;

        Assert.Equal(TicketFixtures.FrontlineAuthority, org.AuthorityOf(Actor.Agent("ana")));
        Assert.Equal(TicketFixtures.ManagerAuthority, org.AuthorityOf(Actor.Agent("claire")));
    }

    [Fact]
    public void AuthorityOf_unknown_agents_and_customers_is_none_and_policies_are_unlimited()
    {
        var org = TicketFixtures.TestOrg;

        Assert.Equal(AuthorityLevel.None, org.AuthorityOf(Actor.Agent("ghost")));
        Assert.Equal(AuthorityLevel.None, org.AuthorityOf(Actor.Customer(Guid.NewGuid())));
        Assert.Equal(AuthorityLevel.Unlimited, org.AuthorityOf(Actor.Policy("vip")));
    }

    [Fact]
    public void Tiers_are_ordered_by_level_with_specialists_last()
    {
        Assert.Equal(["tier-1", "tier-2", "managers", "retention"], TicketFixtures.TestOrg.Tiers.Select(t => t.Id));
        Assert.Equal("tier-1", TicketFixtures.TestOrg.EntryTier?.Id);
    }
}
