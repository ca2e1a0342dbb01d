using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Expressions;
using EscalationStudio.Workflows.Materialization;

namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// A published definition with <c>usableAsActivity</c> used as a node of another workflow (Elsa's
/// WorkflowDefinitionActivity). Its type is the PascalCase of the definition's name; its synthetic inputs and
/// outputs are node properties named after the child's inputs and outputs. The child runs inside the parent
/// instance with its own variables and inputs, and completes with <c>Done</c> or the outcomes of an Elsa.Complete.
/// </summary>
internal sealed class WorkflowDefinitionActivity : Activity
{
    public WorkflowDefinitionActivity(WorkflowDefinition definition)
    {
        Definition = definition;
        Type = ActivityTypeName.ForWorkflow(definition.Name);
    }

    public WorkflowDefinition Definition { get; }

    public Activity? Body { get; internal set; }

    /// <summary>Synthetic inputs by the child's input name, evaluated in the parent's scope.</summary>
    internal IReadOnlyDictionary<string, Input<object>> SyntheticInputs { get; set; } = new Dictionary<string, Input<object>>();

    /// <summary>Synthetic outputs by the child's output name: where the parent binds each output.</summary>
    internal IReadOnlyDictionary<string, Output<object>> SyntheticOutputs { get; set; } = new Dictionary<string, Output<object>>();

    protected internal override IEnumerable<Activity> GetChildren() => Body is null ? [] : [Body];

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        // Inputs are evaluated before this node's own scope exists, so getInput1() refers to the parent's Input1.
        DefinitionScope.Enter(context, Definition, Body,
            name => SyntheticInputs.TryGetValue(name, out var input) ? (true, context.Get(input)) : (false, null));
        return ValueTask.CompletedTask;
    }

    protected internal override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child)
    {
        context.Complete(context.Scope?.CompletionOutcomes ?? Outcomes.Done);
        return ValueTask.CompletedTask;
    }

    /// <summary>Hands the child's outputs to the variables the parent bound them to, however the child completed.</summary>
    internal override void OnCompleting(ActivityExecutionContext context)
    {
        if (context.Scope is not { } scope || context.Parent is not { } parent)
        {
            return;
        }

        foreach (var (name, value) in scope.Outputs)
        {
            context.OutputValues[name] = value;
            if (SyntheticOutputs.TryGetValue(name, out var output) && output.MemoryReferenceId is { Length: > 0 } target)
            {
                context.Execution.WriteMemory(parent, target, value);
            }
        }
    }
}
