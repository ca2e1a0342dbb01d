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

/// <summary>
/// An instance store that also writes the instance's bookmarks, in the same transaction as the instance. The runtime
/// saves a run through it when the instance store implements it: one round of writes instead of
/// <see cref="IWorkflowInstanceStore.SaveAsync"/> followed by <see cref="IBookmarkStore.ReplaceAsync"/>, and a crash
/// can no longer leave an instance saved without its bookmarks.
/// </summary>
public interface IWorkflowRunStore
{
    /// <summary>Saves the instance and replaces its bookmarks with <paramref name="bookmarks"/>.</summary>
    ValueTask SaveRunAsync(WorkflowState state, IReadOnlyList<StoredBookmark> bookmarks, StoredInstance stored, CancellationToken cancellationToken = default);
}

/// <summary>What the runtime knows of an instance's row before saving a run, so a store can skip reading it first.</summary>
public enum StoredInstance
{
    /// <summary>It may or may not exist (the caller chose the instance id).</summary>
    Unknown,

    /// <summary>The runtime made the id up for this run: nothing of the instance is stored yet.</summary>
    New,

    /// <summary>It was read under the instance lock for this run.</summary>
    Existing,
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
