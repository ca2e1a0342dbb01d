using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Workflows.Execution;

/// <summary>
/// The inputs, outputs and completion outcomes of one running workflow definition: the instance's own workflow,
/// or a workflow used as an activity inside it. Expressions see the inputs of the nearest scope (Elsa: a child
/// sees the value its parent node passed, not the parent's own input of the same name).
/// </summary>
internal sealed class DefinitionScope(WorkflowDefinition definition)
{
    public WorkflowDefinition Definition { get; } = definition;
    public Dictionary<string, object?> Inputs { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, object?> Outputs { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Set by Elsa.Complete: the outcomes the enclosing definition activity completes with.</summary>
    public Outcomes? CompletionOutcomes { get; set; }

    public bool DeclaresOutput(string name) => Definition.Outputs.Any(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Runs a definition's body in <paramref name="context"/>: its inputs (converted to their declared types) and
    /// variables are declared there, then the body is scheduled; an empty definition completes at once.
    /// </summary>
    public static void Enter(ActivityExecutionContext context, WorkflowDefinition definition, Activity? body, Func<string, (bool Found, object? Value)> inputValue)
    {
        var scope = new DefinitionScope(definition);
        foreach (var input in definition.Inputs)
        {
            if (inputValue(input.Name) is (true, var value))
            {
                scope.Inputs[input.Name] = Expressions.ValueConverter.Convert(value, Expressions.TypeAliases.Resolve(input.Type, input.IsArray));
            }
        }

        context.Scope = scope;
        VariableScopes.Declare(context, definition.Variables);
        if (body is null)
        {
            context.Complete();
        }
        else
        {
            context.ScheduleActivity(body);
        }
    }

    public string? OutputName(string name) => Definition.Outputs.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase))?.Name;
}
