using EscalationStudio.Policies.Settings;
using FluentValidation;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>How the dispatcher works through ticket events (configuration section <c>Escalation:Dispatch</c>).</summary>
public sealed class PolicyDispatchOptions
{
    public const string Section = "Escalation:Dispatch";

    /// <summary>
    /// Tickets of one batch handled at once (each ticket's events stay in order on one worker). Policies mostly wait for
    /// the ticket desk's commits, so several tickets at once let the desk commit their changes together; 1 runs the
    /// batch strictly in queue order, which the sandbox wants for repeatable test runs.
    /// </summary>
    public int TicketsAtOnce { get; set; } = 4;

    /// <summary>
    /// Commits the in-memory queue holds before it leaves new ones to the outbox and the API answers 503 until the
    /// dispatcher has caught up: about a minute of a busy node's changes.
    /// </summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>How often the outbox is swept for events no node dispatched (one that stopped before it could).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How old an outbox entry must be before a sweep takes it from whichever node left it.</summary>
    public TimeSpan SweepAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// After a batch failed (the database away for a moment, a deadlock), how long until its events, left in the outbox,
    /// are taken up again: soon, rather than at a sweep a minute or more on; not at once, so a database that stays away
    /// is not asked again and again.
    /// </summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>Refuses a dispatcher that could not run a ticket, hold a commit or sweep the outbox.</summary>
internal sealed class PolicyDispatchOptionsValidator : SettingsValidator<PolicyDispatchOptions>
{
    public PolicyDispatchOptionsValidator()
        : base(PolicyDispatchOptions.Section)
    {
        RuleFor(o => o.TicketsAtOnce).GreaterThanOrEqualTo(1).WithMessage(o => $"must be at least 1 (was {o.TicketsAtOnce})");
        RuleFor(o => o.QueueCapacity).GreaterThanOrEqualTo(1).WithMessage(o => $"must be at least 1 (was {o.QueueCapacity})");
        RuleFor(o => o.SweepInterval).GreaterThan(TimeSpan.Zero).WithMessage(o => $"must be longer than 00:00:00 (was {o.SweepInterval})");
        RuleFor(o => o.SweepAge).GreaterThanOrEqualTo(TimeSpan.Zero).WithMessage(o => $"must not be negative (was {o.SweepAge})");
        RuleFor(o => o.RetryAfterFailure).GreaterThan(TimeSpan.Zero).WithMessage(o => $"must be longer than 00:00:00 (was {o.RetryAfterFailure})");
    }
}
