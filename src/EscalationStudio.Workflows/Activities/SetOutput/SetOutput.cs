using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>Sets an output of the nearest enclosing workflow that declares it, or of the instance itself.</summary>
[Activity("Elsa", "Primitives", "Assign a value to a workflow output.")]
internal sealed class SetOutput : Activity
{
    [Input(Description = "The output to assign.", UIHint = UIHints.OutputPicker)]
    public Input<string>? OutputName { get; set; }

    [Input(Description = "The value to assign.")]
    public Input<object>? OutputValue { get; set; }

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = context.Get(OutputName);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidOperationException($"SetOutput '{Id}' has no output name.");
        }

        context.SetWorkflowOutput(name, context.Get(OutputValue));
        return ValueTask.CompletedTask;
    }
}
