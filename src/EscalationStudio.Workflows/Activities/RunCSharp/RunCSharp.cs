using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// Runs a C# script (Roslyn scripting, as Elsa's Run C#); its result (the last expression or a <c>return</c>) is the
/// output. The script may pick outcomes with <c>Outcome.Set("Urgent")</c>; otherwise it completes with <c>Done</c>.
/// </summary>
[Activity("Elsa", "Scripting", "Executes C# code.", DisplayName = "Run C#")]
internal sealed class RunCSharp : Activity
{
    [Input(Description = "The script to run.", UIHint = UIHints.CodeEditor)]
    public Input<string>? Script { get; set; }

    [Input(Description = "The outcomes the script may choose.", UIHint = UIHints.DynamicOutcomes)]
    public Input<string[]>? PossibleOutcomes { get; set; }

    [Output(Description = "The script's result.")]
    public Output<object>? Result { get; set; }

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var script = context.Get(Script);
        if (string.IsNullOrWhiteSpace(script))
        {
            return ValueTask.CompletedTask;
        }

        List<string>? outcomes = null;
        var result = context.Execution.Environment.Evaluator.CSharp.Evaluate(script, typeof(object), context, globals => outcomes = globals.Outcome.Chosen);
        context.Set(Result, result);
        context.Complete(outcomes is { Count: > 0 } ? new Outcomes(outcomes) : Outcomes.Done);
        return ValueTask.CompletedTask;
    }
}
