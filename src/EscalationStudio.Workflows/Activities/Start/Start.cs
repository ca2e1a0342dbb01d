using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>Marks where a flowchart starts; Elsa picks the first Start over any other candidate.</summary>
[Activity("Elsa", "Flow", "A starting point of the flowchart.")]
internal sealed class Start : Activity, IStartNode
{
    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => ValueTask.CompletedTask;
}
