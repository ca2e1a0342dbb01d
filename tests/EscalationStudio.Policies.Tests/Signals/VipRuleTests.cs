using EscalationStudio.Policies.Signals;

namespace EscalationStudio.Policies.Tests.Signals;

public sealed class VipRuleTests
{
    [Fact]
    public void Evaluate_FlaggedCustomer_IsVip() =>
        Assert.Equal(new VipDecision(true, "the customer is flagged VIP"), new VipRule(true, null).Evaluate(true, 0));

    [Fact]
    public void Evaluate_LifetimeValueAtTheThreshold_IsVipWithTheFigures()
    {
        var decision = new VipRule(false, 10_000m).Evaluate(true, 10_000m);
        Assert.True(decision.IsVip);
        Assert.Equal("lifetime value 10,000 reaches the threshold of 10,000", decision.Reason);
    }

    [Fact]
    public void Evaluate_BelowTheThresholdAndFlagIgnored_IsNotVip() =>
        Assert.False(new VipRule(false, 10_000m).Evaluate(true, 9_999.99m).IsVip);

    [Fact]
    public void Evaluate_NoThreshold_OnlyTheFlagCounts() =>
        Assert.False(new VipRule(true, null).Evaluate(false, 1_000_000m).IsVip);
}
