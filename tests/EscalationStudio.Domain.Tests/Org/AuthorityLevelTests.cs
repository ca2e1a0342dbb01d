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
    public void CanApproveRefund_IsInclusiveOfTheCap(double amount, bool expected) =>
        Assert.Equal(expected, Frontline.CanApproveRefund((decimal)amount));

    [Fact]
    public void Decide_CreditBeyondTheCap_SaysAmountAndCap()
    {
        var decision = Frontline.Decide(ApprovalKind.Credit, 30m);

        Assert.False(decision.IsAllowed);
        Assert.Equal("credit of 30 exceeds the credit cap of 25", decision.Reason);
    }

    [Fact]
    public void Decide_RefundWithoutAmount_IsRefused() =>
        Assert.False(Frontline.Decide(ApprovalKind.Refund, null).IsAllowed);

    [Fact]
    public void Unlimited_ApprovesAnything()
    {
        Assert.True(AuthorityLevel.Unlimited.CanApproveRefund(1_000_000m));
        Assert.True(AuthorityLevel.Unlimited.CanCloseVip);
        Assert.True(AuthorityLevel.Unlimited.CanSignOff);
    }

    [Fact]
    public void AuthorityOf_AnAgent_IsTheirTiersAuthority()
    {
        var org = TicketFixtures.TestOrg;

        Assert.Equal(TicketFixtures.FrontlineAuthority, org.AuthorityOf(Actor.Agent("ana")));
        Assert.Equal(TicketFixtures.ManagerAuthority, org.AuthorityOf(Actor.Agent("claire")));
    }

    [Fact]
    public void AuthorityOf_UnknownAgentsAndCustomers_IsNone_AndPoliciesAreUnlimited()
    {
        var org = TicketFixtures.TestOrg;

        Assert.Equal(AuthorityLevel.None, org.AuthorityOf(Actor.Agent("ghost")));
        Assert.Equal(AuthorityLevel.None, org.AuthorityOf(Actor.Customer(Guid.NewGuid())));
        Assert.Equal(AuthorityLevel.Unlimited, org.AuthorityOf(Actor.Policy("vip")));
    }

    [Fact]
    public void Tiers_AreOrderedByLevelWithSpecialistsLast()
    {
        Assert.Equal(["tier-1", "tier-2", "managers", "retention"], TicketFixtures.TestOrg.Tiers.Select(t => t.Id));
        Assert.Equal("tier-1", TicketFixtures.TestOrg.EntryTier?.Id);
    }
}
