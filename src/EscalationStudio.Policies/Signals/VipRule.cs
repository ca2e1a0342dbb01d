using System.Globalization;

namespace EscalationStudio.Policies.Signals;

/// <summary>Why a customer counts as VIP, or null reason when they do not.</summary>
internal sealed record VipDecision(bool IsVip, string? Reason);

/// <summary>A customer is VIP when flagged so, or when their lifetime value reaches the threshold (if one is set).</summary>
internal sealed record VipRule(bool HonourVipFlag, decimal? LifetimeValueThreshold)
{
    public VipDecision Evaluate(bool isFlaggedVip, decimal lifetimeValue)
    {
        if (HonourVipFlag && isFlaggedVip)
        {
            return new VipDecision(true, "the customer is flagged VIP");
        }

        if (LifetimeValueThreshold is { } threshold && lifetimeValue >= threshold)
        {
            return new VipDecision(true, string.Create(
                CultureInfo.InvariantCulture,
                $"lifetime value {lifetimeValue:#,0.##} reaches the threshold of {threshold:#,0.##}"));
        }

        return new VipDecision(false, null);
    }
}
