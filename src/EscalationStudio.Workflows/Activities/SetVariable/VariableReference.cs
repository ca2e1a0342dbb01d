namespace EscalationStudio.Workflows.Activities;

/// <summary>How Elsa writes SetVariable's target: the variable object itself (id, name, type...).</summary>
internal sealed record VariableReference
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? TypeName { get; init; }
}
