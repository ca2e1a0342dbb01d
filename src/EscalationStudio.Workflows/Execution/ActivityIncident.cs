namespace EscalationStudio.Workflows.Execution;

/// <summary>A fault recorded on the instance (Elsa's ActivityIncident): which activity, and why.</summary>
public sealed record ActivityIncident(
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    string Message,
    string? ExceptionType,
    DateTimeOffset Timestamp);
