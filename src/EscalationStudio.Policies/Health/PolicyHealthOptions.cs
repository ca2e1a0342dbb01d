using Microsoft.Extensions.Options;

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

/// <summary>Refuses settings that would suspend every policy at its first fault or never suspend any, naming the setting.</summary>
internal sealed class PolicyHealthOptionsValidator : IValidateOptions<PolicyHealthOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyHealthOptions options)
    {
        var errors = new List<string>();
        if (options.FaultedRunsToSuspend is < 2 or > 10_000)
            errors.Add($"{PolicyHealthOptions.Section}:{nameof(PolicyHealthOptions.FaultedRunsToSuspend)} must be between 2 and 10000 (was {options.FaultedRunsToSuspend})");
        if (options.Window < TimeSpan.FromSeconds(1) || options.Window > TimeSpan.FromDays(7))
            errors.Add($"{PolicyHealthOptions.Section}:{nameof(PolicyHealthOptions.Window)} must be between 00:00:01 and 7.00:00:00 (was {options.Window})");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
