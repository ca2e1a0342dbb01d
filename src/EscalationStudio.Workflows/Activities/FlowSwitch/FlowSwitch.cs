using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Expressions;

namespace EscalationStudio.Workflows.Activities;

internal enum SwitchMode
{
    MatchFirst,
    MatchAny,
}

/// <summary>One case: a label (the outcome) and a condition expression (not Input-wrapped in Elsa's JSON).</summary>
internal sealed record FlowSwitchCase
{
    public string Label { get; init; } = "";
    public Expression? Condition { get; init; }
}

/// <summary>Completes with the label of the first (or every) matching case, or <c>Default</c>.</summary>
[Activity("Elsa", "Branching", "Evaluate a set of case conditions and schedule the activity for a matching case.", DisplayName = "Switch")]
internal sealed class FlowSwitch : Activity
{
    public const string DefaultOutcome = "Default";

    [Input(Description = "The cases to evaluate.", UIHint = UIHints.FlowSwitchEditor)]
    public List<FlowSwitchCase> Cases { get; set; } = [];

    [Input(Description = "MatchFirst completes with the first matching case; MatchAny with every matching case.", DefaultValue = SwitchMode.MatchFirst)]
    public Input<SwitchMode>? Mode { get; set; }

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var matchAny = context.Get(Mode) == SwitchMode.MatchAny;
        var matched = new List<string>();
        foreach (var @case in Cases)
        {
            if (!context.Evaluate<bool>(@case.Condition))
            {
                continue;
            }

            matched.Add(@case.Label);
            if (!matchAny)
            {
                break;
            }
        }

        context.Complete(matched.Count == 0 ? [DefaultOutcome] : [.. matched]);
        return ValueTask.CompletedTask;
    }
}
