using System.Collections;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// Completes the nearest enclosing workflow definition with the given outcomes: a workflow used as an activity then
/// completes with them in its parent (ports such as Success/Failure). It does not cascade further up (Elsa 3.5.3,
/// composite-complete test); at the top level it finishes the instance.
/// </summary>
[Activity("Elsa", "Composition", "Signals the current workflow to complete with the given outcomes.")]
internal sealed class Complete : Activity, ITerminalNode
{
    [Input(Description = "The outcome or outcomes to complete with.", UIHint = UIHints.OutcomePicker)]
    public Input<object>? Outcomes { get; set; }

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var names = context.Get(Outcomes) switch
        {
            null => [],
            string single => single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            IEnumerable many => many.Cast<object?>().Select(o => Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray(),
            var other => [Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? ""],
        };
        context.Complete();
        context.CompleteDefinitionScope(Workflows.Activities.Outcomes.From(names));
        return ValueTask.CompletedTask;
    }
}
