namespace EscalationStudio.Persistence.Workflows;

/// <summary>A bookmark of a waiting instance (Elsa's Bookmarks table); the full bookmark is kept as JSON.</summary>
public sealed class WorkflowBookmarkRecord
{
    public required string Id { get; set; }
    public required string WorkflowInstanceId { get; set; }
    public required string DefinitionVersionId { get; set; }
    public string? CorrelationId { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public required string ActivityInstanceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public required string Data { get; set; }
}
