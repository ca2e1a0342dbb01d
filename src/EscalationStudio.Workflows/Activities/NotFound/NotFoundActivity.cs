using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// Stands in for a node whose type this engine does not know (Elsa's NotFoundActivity). The node's JSON stays in the
/// definition untouched, so the file round-trips; a definition holding one cannot be published, and running one
/// faults the instance with an incident naming the missing type.
/// </summary>
[Activity("Elsa", "System", "An activity whose type is not registered.")]
[System.ComponentModel.Browsable(false)]
internal sealed class NotFoundActivity : Activity
{
    public string MissingTypeName { get; internal set; } = "";
    public int MissingTypeVersion { get; internal set; }

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        throw new InvalidOperationException($"Activity '{Id}' has type '{MissingTypeName}' (version {MissingTypeVersion}), which is not registered.");
}
