namespace EscalationStudio.Persistence.Workflows;

/// <summary>A trigger of a published definition version (Elsa's Triggers table).</summary>
internal sealed class WorkflowTriggerRecord
{
    public required string Id { get; set; }
    public required string WorkflowDefinitionId { get; set; }
    public required string WorkflowDefinitionVersionId { get; set; }
    public required string Name { get; set; }
    public required string ActivityId { get; set; }
    public required string Hash { get; set; }
    public string? Payload { get; set; }
}
