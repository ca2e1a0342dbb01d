using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>What a container learns when a child it scheduled completes.</summary>
public sealed record ChildCompletion(ActivityExecutionContext Context, Outcomes Outcomes)
{
    public Activity Activity => Context.Activity;

    /// <summary>The tag given when the child was scheduled (e.g. a loop index).</summary>
    public string? Tag => Context.Tag;
}
