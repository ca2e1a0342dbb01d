using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Workflows.Runtime;

/// <summary>
/// Told after <see cref="WorkflowRuntime.PublishAsync"/> made a version the published one and indexed its triggers, so
/// the host can apply a newly published workflow to work already under way (e.g. start an SLA policy on tickets that
/// were open before it existed). It runs inside the publish: queue the work and return, and never throw.
/// </summary>
public interface IWorkflowPublishObserver
{
    ValueTask OnPublishedAsync(WorkflowDefinition definition, IReadOnlyList<StoredTrigger> triggers, CancellationToken cancellationToken = default);
}
