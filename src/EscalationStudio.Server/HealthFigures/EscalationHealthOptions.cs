using EscalationStudio.Policies.Settings;
using FluentValidation;

namespace EscalationStudio.Server.HealthFigures;

/// <summary>How the escalation-health figures are served (configuration section <c>Escalation:Health</c>).</summary>
public sealed class EscalationHealthOptions
{
    public const string Section = "Escalation:Health";

    /// <summary>The lowest escalation rate (a share, 0.10 = 10 %) a manager considers healthy: below it agents may hold on to cases.</summary>
    public double HealthyEscalationRateLow { get; set; } = 0.10;

    /// <summary>The highest healthy escalation rate: above it tier 1 may lack training or authority.</summary>
    public double HealthyEscalationRateHigh { get; set; } = 0.20;

    /// <summary>
    /// On PostgreSQL, how often the node reads the ticket events other nodes committed into its summaries (its own
    /// commits arrive at once). Unused on SQLite, which has one node.
    /// </summary>
    public TimeSpan OtherNodesInterval { get; set; } = TimeSpan.FromSeconds(5);
}

internal sealed class EscalationHealthOptionsValidator : SettingsValidator<EscalationHealthOptions>
{
    public EscalationHealthOptionsValidator()
        : base(EscalationHealthOptions.Section)
    {
        RuleFor(o => o.HealthyEscalationRateLow).InclusiveBetween(0, 1)
            .WithMessage(o => $"must be a share between 0 and 1 (was {o.HealthyEscalationRateLow})");
        RuleFor(o => o.HealthyEscalationRateHigh).InclusiveBetween(0, 1)
            .WithMessage(o => $"must be a share between 0 and 1 (was {o.HealthyEscalationRateHigh})");
        RuleFor(o => o).Must(o => o.HealthyEscalationRateLow <= o.HealthyEscalationRateHigh)
            .WithMessage(o => $"{EscalationHealthOptions.Section}:HealthyEscalationRateLow ({o.HealthyEscalationRateLow}) must not be above HealthyEscalationRateHigh ({o.HealthyEscalationRateHigh})");
        RuleFor(o => o.OtherNodesInterval).InclusiveBetween(TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1))
            .WithMessage(o => $"must be between 00:00:00.1 and 01:00:00 (was {o.OtherNodesInterval})");
    }
}
