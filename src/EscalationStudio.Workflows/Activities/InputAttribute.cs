namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// Describes an input for the designer. Put it on <see cref="Input{T}"/> properties, or on a plain property to make
/// it an unwrapped input (the JSON value is deserialised straight into the property, like FlowSwitch's cases).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Category { get; set; }

    /// <summary>An Elsa UI hint (see <see cref="UIHints"/>); inferred from the type when absent.</summary>
    public string? UIHint { get; set; }

    /// <summary>Used when the JSON leaves the input unset.</summary>
    public object? DefaultValue { get; set; }

    /// <summary>Choices for dropdown, radio and checklist hints.</summary>
    public string[]? Options { get; set; }

    /// <summary>
    /// An <see cref="IInputOptionsProvider"/> listing the choices when they are known only to the host (the org's
    /// tiers, the templates on disk), as Elsa 3's options providers: created from the host's services each time the
    /// designer asks for the descriptors.
    /// </summary>
    public Type? OptionsProvider { get; set; }

    public float Order { get; set; }
    public bool IsBrowsable { get; set; } = true;
    public bool IsSensitive { get; set; }
    public bool IsReadOnly { get; set; }

    /// <summary>The default expression syntax the designer offers (Literal, JavaScript, Object...).</summary>
    public string DefaultSyntax { get; set; } = "Literal";
}
