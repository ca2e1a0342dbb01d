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

    public string? OutputName(string name) => Definition.Outputs.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase))?.Name;
}
