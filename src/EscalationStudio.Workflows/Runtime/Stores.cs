using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.State;

namespace EscalationStudio.Workflows.Runtime;

/// <summary>Workflow instances: one <see cref="WorkflowState"/> document each.</summary>
public interface IWorkflowInstanceStore
{
    ValueTask SaveAsync(WorkflowState state, CancellationToken cancellationToken = default);
    ValueTask<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Instances matching the query, most recently updated first (for instance lists and dashboards).</summary>
    ValueTask<IReadOnlyList<WorkflowInstanceSummary>> ListAsync(WorkflowInstanceQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Filters for <see cref="IWorkflowInstanceStore.ListAsync"/>; null means "any".</summary>
public sealed record WorkflowInstanceQuery
{
    public string? DefinitionId { get; init; }
    public string? CorrelationId { get; init; }
    public WorkflowSubStatus? SubStatus { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 50;
}

/// <summary>An instance without its state document.</summary>
public sealed record WorkflowInstanceSummary(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int DefinitionVersion,
    string? CorrelationId,
    WorkflowStatus Status,
    WorkflowSubStatus SubStatus,
    int IncidentCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    public static WorkflowInstanceSummary Of(WorkflowState state) => new(state.Id, state.DefinitionId, state.DefinitionVersionId,
        state.DefinitionVersion, state.CorrelationId, state.Status, state.SubStatus, state.Incidents.Count, state.CreatedAt, state.UpdatedAt, state.FinishedAt);
}

/// <summary>A bookmark of a stored instance, as the Bookmarks table holds it.</summary>
public sealed record StoredBookmark(Bookmark Bookmark, string WorkflowInstanceId, string DefinitionVersionId, string? CorrelationId);

/// <summary>Bookmarks of waiting instances, looked up by stimulus hash, id, or due time.</summary>
public interface IBookmarkStore
{
    /// <summary>Replaces the bookmarks of one instance with its current set (Elsa's bookmark diff).</summary>
    ValueTask ReplaceAsync(string workflowInstanceId, IReadOnlyList<StoredBookmark> bookmarks, CancellationToken cancellationToken = default);
    ValueTask<IReadOnlyList<StoredBookmark>> FindByHashAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>The bookmarks matching any of the hashes, in one lookup: a dispatcher's batch of stimuli pays one round trip, not one each.</summary>
    ValueTask<IReadOnlyList<StoredBookmark>> FindByHashesAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default);

    ValueTask<StoredBookmark?> FindAsync(string bookmarkId, CancellationToken cancellationToken = default);

    /// <summary>Timer bookmarks due at or before a time: what a host scheduler resumes.</summary>
    ValueTask<IReadOnlyList<StoredBookmark>> ListDueAsync(DateTimeOffset until, CancellationToken cancellationToken = default);
}

/// <summary>A trigger of a published definition version.</summary>
public sealed record StoredTrigger(string Id, string WorkflowDefinitionId, string WorkflowDefinitionVersionId, TriggerRegistration Trigger);

/// <summary>Triggers of published definitions, replaced per definition on publish and retract.</summary>
public interface ITriggerStore
{
    ValueTask ReplaceAsync(string workflowDefinitionId, IReadOnlyList<StoredTrigger> triggers, CancellationToken cancellationToken = default);
    ValueTask<IReadOnlyList<StoredTrigger>> FindByHashAsync(string hash, CancellationToken cancellationToken = default);
    ValueTask<IReadOnlyList<StoredTrigger>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>Incidents, queryable across instances (they are also inside each instance's state).</summary>
public interface IIncidentStore
{
    ValueTask AddAsync(string workflowInstanceId, IReadOnlyList<ActivityIncident> incidents, CancellationToken cancellationToken = default);
    ValueTask<IReadOnlyList<ActivityIncident>> ListAsync(string workflowInstanceId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Told when timer bookmarks appear or go, so the host can schedule a resume at <see cref="Bookmark.DueAt"/>
/// (e.g. a Quartz job calling <see cref="WorkflowRuntime.ResumeBookmarkAsync"/>). The engine itself never polls.
/// </summary>
public interface IBookmarkScheduler
{
    ValueTask ScheduleAsync(StoredBookmark bookmark, CancellationToken cancellationToken = default);
    ValueTask UnscheduleAsync(string bookmarkId, CancellationToken cancellationToken = default);
}

/// <summary>Where the runtime finds a definition version an instance is pinned to when it is not published any more.</summary>
public interface IDefinitionVersionSource
{
    ValueTask<Definitions.WorkflowDefinition?> FindVersionAsync(string definitionVersionId, CancellationToken cancellationToken = default);
}
