using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// The implicit root Elsa wraps around a definition's root activity (node id <c>Workflow1</c>): it owns the
/// workflow's variables, inputs and outputs, and completes when the root does.
/// </summary>
internal sealed class WorkflowActivity : Activity
{
    public const string RootId = "Workflow1";

    public WorkflowActivity(WorkflowDefinition definition)
    {
        Definition = definition;
        Id = NodeId = RootId;
        Type = "Elsa.Workflow";
    }

    public WorkflowDefinition Definition { get; }

    public Activity? Body { get; internal set; }

    protected internal override IEnumerable<Activity> GetChildren() => Body is null ? [] : [Body];

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var scope = new DefinitionScope(Definition);
        foreach (var input in Definition.Inputs)
        {
            if (context.WorkflowInput.TryGetValue(input.Name, out var value))
                scope.Inputs[input.Name] = Expressions.ValueConverter.Convert(value, Expressions.TypeAliases.Resolve(input.Type, input.IsArray));
        }

        context.Scope = scope;
        VariableScopes.Declare(context, Definition.Variables);
        if (Body is null) context.Complete();
        else context.ScheduleActivity(Body);
        return ValueTask.CompletedTask;
    }
}
