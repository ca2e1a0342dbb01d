namespace EscalationStudio.Workflows.Activities;

/// <summary>Describes an <see cref="Output{T}"/> property for the designer.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute : Attribute
{
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public float Order { get; set; }
    public bool IsBrowsable { get; set; } = true;
}
