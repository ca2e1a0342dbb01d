using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>Completes with <c>True</c> or <c>False</c> depending on its condition (default false).</summary>
[Activity("Elsa", "Branching", "Performs a boolean condition and returns an outcome based on the result.", DisplayName = "Decision")]
[FlowNode("True", "False")]
internal sealed class FlowDecision : Activity
{
    [Input(Description = "The condition to evaluate.", UIHint = UIHints.SingleLine, DefaultSyntax = "JavaScript")]
    public Input<bool>? Condition { get; set; }

    private static readonly Outcomes True = Outcomes.From("True");
    private static readonly Outcomes False = Outcomes.From("False");

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete(context.Get(Condition) ? True : False);
        return ValueTask.CompletedTask;
    }
}
