using EscalationStudio.Domain.Tickets;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Sandbox;

/// <summary>
/// What one test run showed: whether the policy started on the sample ticket, how its instance ended, and the sample
/// ticket's timeline, so a manager sees what the policy would do before it goes live.
/// </summary>
/// <param name="InstanceId">The test run's instance; null when the sample ticket set off none of the policy's triggers.</param>
/// <param name="Ticket">The sample ticket as the run left it (it lives only in this run).</param>
/// <param name="NotStartedReason">Why no instance started (no trigger fired, or the policy does not load).</param>
public sealed record SandboxRun(
    string Id,
    string DefinitionId,
    int DefinitionVersion,
    string PolicyName,
    string? InstanceId,
    string? NotStartedReason,
    string? Status,
    string? SubStatus,
    DateTimeOffset StartedAt,
    DateTimeOffset SimulatedUntil,
    Ticket? Ticket,
    IReadOnlyList<TicketEvent> Timeline,
    IReadOnlyList<ActivityIncident> Incidents)
{
    public bool Started => InstanceId is not null;

    /// <summary>The real ticket the run works on a copy of; null for the sample ticket.</summary>
    public Guid? CopiedFrom { get; init; }

    /// <summary>The readable name of each step of the policy under test, by activity id.</summary>
    public IReadOnlyDictionary<string, string> Steps { get; init; } = new Dictionary<string, string>();

    /// <summary>The events people injected while the run was open, oldest first.</summary>
    public IReadOnlyList<SandboxInjection> Injected { get; init; } = [];

    /// <summary>A step's readable name, else its id.</summary>
    public string StepName(string activityId) => Steps.GetValueOrDefault(activityId) ?? activityId;
}
