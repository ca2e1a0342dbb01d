using EscalationStudio.Workflows.Materialization;

namespace EscalationStudio.Workflows.Runtime;

/// <summary>A definition cannot be published; every problem names the activity id and type.</summary>
public sealed class WorkflowValidationException(string definitionId, IReadOnlyList<MaterializationProblem> problems)
    : Exception($"Workflow '{definitionId}' cannot be published: " + string.Join("; ", problems))
{
    public string DefinitionId { get; } = definitionId;
    public IReadOnlyList<MaterializationProblem> Problems { get; } = problems;
}
