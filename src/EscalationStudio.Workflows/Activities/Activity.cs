using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// Base class of every activity. Derive from it, declare inputs as <see cref="Input{T}"/> properties and outputs as
/// <see cref="Output{T}"/> properties, describe the class with <see cref="ActivityAttribute"/> and implement
/// <see cref="ExecuteAsync"/>. The engine creates one instance per activity node of a definition version and reuses
/// it for every workflow instance, so an activity keeps no per-run state in fields: per-run state lives in the
/// <see cref="ActivityExecutionContext"/> (its <c>Properties</c>, variables and bookmarks), which is what gets persisted.
/// </summary>
public abstract class Activity
{
    /// <summary>The node's id, unique within its definition (Elsa: random hex from the designer).</summary>
    public string Id { get; internal set; } = "";

    /// <summary>Colon-joined ids of the ancestors and the node itself (<c>Workflow1:flowchart:node</c>).</summary>
    public string NodeId { get; internal set; } = "";

    public string? Name { get; internal set; }

    /// <summary>The Elsa type name written in JSON, e.g. <c>Elsa.WriteLine</c>.</summary>
    public string Type { get; internal set; } = "";

    public int Version { get; internal set; } = 1;

    /// <summary>Read from <c>customProperties.canStartWorkflow</c> or, in older files, the node itself.</summary>
    public bool CanStartWorkflow { get; internal set; }

    public bool RunAsynchronously { get; internal set; }

    /// <summary>The node's JSON exactly as it was read; definitions are always written back from JSON, not from here.</summary>
    public JsonObject Source { get; internal set; } = [];

    /// <summary>
    /// Runs the activity. Call <see cref="ActivityExecutionContext.Complete"/> to finish with outcomes, or create a
    /// bookmark to wait for a stimulus. Returning without either completes the activity with <c>Done</c>.
    /// </summary>
    protected internal abstract ValueTask ExecuteAsync(ActivityExecutionContext context);

    /// <summary>
    /// Called when one of this activity's bookmarks is resumed. The bookmark and the stimulus input are on
    /// <see cref="ActivityExecutionContext.ResumedBookmark"/> and <see cref="ActivityExecutionContext.ResumeInput"/>.
    /// The default completes with <c>Done</c> (Elsa's AutoComplete).
    /// </summary>
    protected internal virtual ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Called on a container when a child it scheduled completes. The default completes the container with
    /// <c>Done</c>, which suits single-body containers.
    /// </summary>
    protected internal virtual ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>Called just before this activity's context completes, however it completes.</summary>
    internal virtual void OnCompleting(ActivityExecutionContext context)
    {
    }

    /// <summary>Activities embedded in this one (a flowchart's nodes, a loop's body), for graph walks.</summary>
    protected internal virtual IEnumerable<Activity> GetChildren() => [];

    public override string ToString() => $"{Type} '{Id}'";
}
