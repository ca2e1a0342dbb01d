namespace EscalationStudio.Persistence.Workflows;

/// <summary>A workflow instance row: queryable columns plus the whole <c>WorkflowState</c> as JSON (Elsa's Data column).</summary>
internal sealed class WorkflowInstanceRecord
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionVersionId { get; set; }
    public int DefinitionVersion { get; set; }
    public string? CorrelationId { get; set; }
    public required string Status { get; set; }
    public required string SubStatus { get; set; }
    public int IncidentCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public required string Data { get; set; }
}
