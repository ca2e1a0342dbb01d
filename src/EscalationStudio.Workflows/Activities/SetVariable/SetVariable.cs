using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>Assigns a value to a variable; the value is converted to the variable's declared type.</summary>
[Activity("Elsa", "Primitives", "Assign a value to a workflow variable.")]
internal sealed class SetVariable : Activity
{
    [Input(Description = "The variable to assign.", UIHint = UIHints.VariablePicker)]
    public VariableReference? Variable { get; set; }

    [Input(Description = "The value to assign.")]
    public Input<object>? Value { get; set; }

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var key = Variable?.Id ?? Variable?.Name
            ?? throw new InvalidOperationException($"SetVariable '{Id}' has no variable selected.");
        context.SetVariable(context.FindVariable(key) is null && Variable?.Name is { } name ? name : key, context.Get(Value));
        return ValueTask.CompletedTask;
    }
}
