using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>Completes the enclosing flowchart at once, cancelling whatever else it is running (a terminal node).</summary>
[Activity("Elsa", "Flow", "Completes the flowchart it is in.")]
internal sealed class End : Activity, ITerminalNode
{
    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => ValueTask.CompletedTask;
}
