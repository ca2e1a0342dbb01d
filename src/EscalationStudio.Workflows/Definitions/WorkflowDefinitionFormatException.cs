namespace EscalationStudio.Workflows.Definitions;

/// <summary>A workflow file or payload that cannot be read; <see cref="Field"/> names the offending JSON path.</summary>
public sealed class WorkflowDefinitionFormatException(string message, string? field = null, Exception? inner = null)
    : Exception(field is null ? message : $"{field}: {message}", inner)
{
    public string? Field { get; } = field;
}
