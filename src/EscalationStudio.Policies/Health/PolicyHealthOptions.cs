using EscalationStudio.Policies.Settings;
using FluentValidation;

namespace EscalationStudio.Policies.Health;

/// <summary>When a policy whose runs keep faulting is suspended (configuration section <c>Escalation:PolicyHealth</c>).</summary>
public sealed class PolicyHealthOptions
{
    public const string Section = "Escalation:PolicyHealth";

    /// <summary>Faulted runs in a row, with no run of the policy ending well between them, that suspend the policy.</summary>
    public int FaultedRunsToSuspend { get; set; } = 5;

    /// <summary>
    /// How far apart the first and the last of those runs may be. A policy that fails now and then, with hours between,
    /// is a policy with an incident to look at, not one burning the server; it keeps running.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Refuses settings that would suspend every policy at its first fault or never suspend any.</summary>
internal sealed class PolicyHealthOptionsValidator : SettingsValidator<PolicyHealthOptions>
{
    public PolicyHealthOptionsValidator()
        : base(PolicyHealthOptions.Section)
    {
        RuleFor(o => o.FaultedRunsToSuspend).InclusiveBetween(2, 10_000)
            .WithMessage(o => $"must be between 2 and 10000 (was {o.FaultedRunsToSuspend})");
        RuleFor(o => o.Window).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromDays(7))
            .WithMessage(o => $"must be between 00:00:01 and 7.00:00:00 (was {o.Window})");
    }
}
