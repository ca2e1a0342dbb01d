using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>Completes with every branch name at once, so each connected branch runs; <c>Done</c> when none.</summary>
[Activity("Elsa", "Branching", "Branch execution into multiple branches.", DisplayName = "Fork")]
internal sealed class FlowFork : Activity
{
    [Input(Description = "The branches to create.", UIHint = UIHints.DynamicOutcomes)]
    public Input<string[]>? Branches { get; set; }

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var branches = context.Get(Branches) ?? [];
        context.Complete(branches.Length == 0 ? Outcomes.Done : new Outcomes(branches));
        return ValueTask.CompletedTask;
    }
}
