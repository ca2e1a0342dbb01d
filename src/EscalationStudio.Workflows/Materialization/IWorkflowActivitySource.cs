using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Workflows.Materialization;

/// <summary>
/// Where the materialiser finds definitions used as activities. Elsa's lookup order: the node's
/// <c>workflowDefinitionVersionId</c>, then type name + version, then the type name's latest version; the type name
/// of a definition is the PascalCase of its name.
/// </summary>
public interface IWorkflowActivitySource
{
    WorkflowDefinition? FindActivityDefinition(string typeName, int? version, string? definitionVersionId);
}

/// <summary>No workflow-as-activity definitions.</summary>
internal sealed class NoWorkflowActivities : IWorkflowActivitySource
{
    public static readonly NoWorkflowActivities Instance = new();

    public WorkflowDefinition? FindActivityDefinition(string typeName, int? version, string? definitionVersionId) => null;
}
