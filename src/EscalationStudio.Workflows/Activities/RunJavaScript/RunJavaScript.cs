using EscalationStudio.Workflows.Execution;
using Jint.Native;

namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// Runs a script; its result (the last value or a top-level <c>return</c>) is the output. The script may pick
/// outcomes with <c>setOutcome(name)</c> or <c>setOutcomes([...])</c>; otherwise it completes with <c>Done</c>.
/// </summary>
[Activity("Elsa", "Scripting", "Executes JavaScript code.", DisplayName = "Run JavaScript")]
internal sealed class RunJavaScript : Activity
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
        var javaScript = context.Execution.Environment.Evaluator.JavaScript;
        var result = javaScript.Evaluate(script, typeof(object), context, engine =>
        {
            engine.SetValue("setOutcome", new Action<string>(name => (outcomes ??= []).Add(name)));
            engine.SetValue("setOutcomes", new Action<JsValue>(names => (outcomes ??= []).AddRange(
                (Expressions.JavaScript.JavaScriptValues.ToClr(names, javaScript.Limits, "the outcomes given to setOutcomes") as object?[] ?? []).Select(n => n?.ToString() ?? ""))));
        });
        context.Set(Result, result);
        context.Complete(outcomes is { Count: > 0 } ? new Outcomes(outcomes) : Outcomes.Done);
        return ValueTask.CompletedTask;
    }
}
