using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>Ends the whole instance as Finished, dropping scheduled work and bookmarks (Elsa.Finish).</summary>
[Activity("Elsa", "Flow", "Marks the workflow as finished.")]
internal sealed class Finish : Activity, ITerminalNode
{
    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.RequestFinish();
        return ValueTask.CompletedTask;
    }
}
