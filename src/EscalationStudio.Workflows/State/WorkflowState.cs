using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.State;

/// <summary>
/// Everything needed to resume an instance later, in another process (Elsa's WorkflowState): identity pinned to
/// the definition version, status, input/output, the running activity contexts with their variables and
/// flowchart counters, scheduled work, bookmarks and incidents. Serialise with <see cref="WorkflowStateJson"/>.
/// </summary>
public sealed record WorkflowState
{
    public required string Id { get; init; }
    public required string DefinitionId { get; init; }
    public required string DefinitionVersionId { get; init; }
    public int DefinitionVersion { get; init; }
    public string? CorrelationId { get; init; }
    public WorkflowStatus Status { get; init; }
    public WorkflowSubStatus SubStatus { get; init; }
    public string? TriggerActivityId { get; init; }
    public bool TriggerPending { get; init; }
    public JsonObject Input { get; init; } = [];
    public JsonObject Output { get; init; } = [];
    public JsonObject Properties { get; init; } = [];
    public List<ActivityContextState> ActivityExecutionContexts { get; init; } = [];
    public List<ScheduledActivityState> ScheduledActivities { get; init; } = [];
    public List<Bookmark> Bookmarks { get; init; } = [];
    public List<ActivityIncident> Incidents { get; init; } = [];
    public long ContextSequence { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>A running (or the root) activity context.</summary>
public sealed record ActivityContextState
{
    public required string Id { get; init; }
    public string? ParentContextId { get; init; }
    public required string ScheduledActivityNodeId { get; init; }
    public ActivityStatus Status { get; init; }
    public string? Tag { get; init; }
    public JsonObject? ScheduleInput { get; init; }

    /// <summary>Variable values by variable id (Elsa's WorkflowInstanceStorageDriver keeps them per container).</summary>
    public List<VariableState>? Variables { get; init; }

    public JsonObject Properties { get; init; } = [];

    /// <summary>Present on contexts that run a workflow definition: its inputs and outputs so far.</summary>
    public DefinitionScopeState? Scope { get; init; }
}

public sealed record VariableState(string Id, string Name, string TypeName, bool IsArray, JsonNode? Value);

public sealed record DefinitionScopeState(string DefinitionVersionId, JsonObject Inputs, JsonObject Outputs, List<string>? CompletionOutcomes);

/// <summary>Work the scheduler had not run yet when the instance was saved.</summary>
public sealed record ScheduledActivityState
{
    public required string ActivityNodeId { get; init; }
    public string? OwnerContextId { get; init; }
    public string? Tag { get; init; }
    public JsonObject? Input { get; init; }
    public JsonObject? LocalVariables { get; init; }
    public string? ResumeContextId { get; init; }
    public string? BookmarkId { get; init; }
}
