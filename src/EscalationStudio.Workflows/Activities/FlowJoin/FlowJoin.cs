using System.ComponentModel;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>Merges branches; the waiting itself is done by the flowchart, which reads <see cref="Mode"/>.</summary>
[Activity("Elsa", "Flow", "Merge multiple branches into a single branch of execution.", DisplayName = "Join")]
[Description("Merge multiple branches into a single branch of execution.")]
internal sealed class FlowJoin : Activity
{
    [Input(Description = "WaitAny runs on the first branch and cancels the others; WaitAll waits for all branches.", DefaultValue = FlowJoinMode.WaitAny, UIHint = UIHints.DropDown)]
    public Input<FlowJoinMode>? Mode { get; set; }

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
