namespace EscalationStudio.Persistence.Workflows;

/// <summary>An incident of an instance, kept in its own table so faults can be listed across instances.</summary>
internal sealed class WorkflowIncidentRecord
{
    public Guid Id { get; set; }
    public required string WorkflowInstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityNodeId { get; set; }
    public required string ActivityType { get; set; }
    public required string Message { get; set; }
    public string? ExceptionType { get; set; }
    public DateTimeOffset Timestamp { get; set; }
}
