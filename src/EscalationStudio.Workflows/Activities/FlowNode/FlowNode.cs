using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>Runs an embedded activity (usually a nested flowchart) and completes when it does.</summary>
[Activity("Elsa", "Flow", "Runs its body and completes when the body completes.")]
[System.ComponentModel.Browsable(false)]
internal sealed class FlowNode : Activity
{
    public Activity? Body { get; set; }

    protected internal override IEnumerable<Activity> GetChildren() => Body is null ? [] : [Body];

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (Body is null)
        {
            context.Complete();
        }
        else
        {
            context.ScheduleActivity(Body);
        }

        return ValueTask.CompletedTask;
    }
}
