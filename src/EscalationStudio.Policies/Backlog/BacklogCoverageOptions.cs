using EscalationStudio.Policies.Settings;
using FluentValidation;

namespace EscalationStudio.Policies.Backlog;

/// <summary>
/// How the open backlog is walked when a policy with an SLA trigger is published (configuration section
/// <c>Escalation:BacklogCoverage</c>).
/// </summary>
public sealed class BacklogCoverageOptions
{
    public const string Section = "Escalation:BacklogCoverage";

    /// <summary>
    /// Ticket ids read per page. A page is one index-range query; the tickets of a page are then covered one by one, so
    /// the size bounds memory, not the work per ticket.
    /// </summary>
    public int PageSize { get; set; } = 500;

    /// <summary>
    /// How long a sweep waits for the ticket events committed before the publish to be dispatched. Those events may
    /// start the policy themselves (a ticket created a moment before), and the sweep then finds the instance instead of
    /// racing it. Past this, the sweep starts anyway and logs it.
    /// </summary>
    public TimeSpan DispatchDrainLimit { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Refuses a page that reads no ticket (the walk would never end) and a negative wait.</summary>
internal sealed class BacklogCoverageOptionsValidator : SettingsValidator<BacklogCoverageOptions>
{
    public BacklogCoverageOptionsValidator()
        : base(BacklogCoverageOptions.Section)
    {
        RuleFor(o => o.PageSize).GreaterThanOrEqualTo(1).WithMessage(o => $"must be at least 1 (was {o.PageSize})");
        RuleFor(o => o.DispatchDrainLimit).GreaterThanOrEqualTo(TimeSpan.Zero).WithMessage(o => $"must not be negative (was {o.DispatchDrainLimit})");
    }
}
