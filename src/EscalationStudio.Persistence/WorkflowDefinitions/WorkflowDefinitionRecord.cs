namespace EscalationStudio.Persistence.WorkflowDefinitions;

/// <summary>
/// One version of a workflow definition. The definition itself is kept as its Elsa JSON (what Studio and the files
/// speak); the columns beside it are what lists and version lookups filter on.
/// </summary>
internal sealed class WorkflowDefinitionRecord
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }

    /// <summary>1 when inserted, one more at every update: the optimistic-concurrency token of the row.</summary>
    public int Revision { get; set; }
    public required string Json { get; set; }
}
