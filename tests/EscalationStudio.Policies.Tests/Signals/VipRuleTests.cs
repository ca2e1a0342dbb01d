using EscalationStudio.Policies.Signals;

namespace EscalationStudio.Policies.Tests.Signals;

public sealed class VipRuleTests
{
    [Fact]
    public void Evaluate_flagged_customer_is_vip() =>
        Assert.Equal(new VipDecision(true, "the customer is flagged VIP"), new VipRule(true, null).Evaluate(true, 0));

    [Fact]
    public void Evaluate_lifetime_value_at_the_threshold_is_vip_with_the_figures()
    {
        var decision = new VipRule(false, 10_000m).Evaluate(true, 10_000m);
        Assert.True(decision.IsVip);
        Assert.Equal("lifetime value 10,000 reaches the threshold of 10,000", decision.Reason);
    }

    [Fact]
    public void Evaluate_below_the_threshold_and_flag_ignored_is_not_vip() =>
        Assert.False(new VipRule(false, 10_000m).Evaluate(true, 9_999.99m).IsVip);

    [Fact]
    public void Evaluate_no_threshold_only_the_flag_counts() =>
        Assert.False(new VipRule(true, null).Evaluate(false, 1_000_000m).IsVip);
}
