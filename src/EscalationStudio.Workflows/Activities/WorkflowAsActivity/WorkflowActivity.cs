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
        DefinitionScope.Enter(context, Definition, Body, name => (context.WorkflowInput.TryGetValue(name, out var value), value));
        return ValueTask.CompletedTask;
    }
}
