using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Workflows.Descriptors;

/// <summary>
/// What Elsa Studio reads from <c>GET /elsa/api/descriptors/activities</c> to draw the toolbox and the property
/// panel (Elsa.Workflows.Core/Models/ActivityDescriptor.cs). Serialise with camelCase and string enums.
/// </summary>
public sealed record ActivityDescriptor
{
    public required string TypeName { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public int Version { get; init; } = 1;
    public required string Category { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public ActivityKind Kind { get; init; }
    public IReadOnlyList<InputDescriptor> Inputs { get; init; } = [];
    public IReadOnlyList<OutputDescriptor> Outputs { get; init; } = [];
    public IReadOnlyList<PortDescriptor> Ports { get; init; } = [];
    public JsonObject CustomProperties { get; init; } = [];
    public JsonObject ConstructionProperties { get; init; } = [];
    public bool IsContainer { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsStart { get; init; }
    public bool IsTerminal { get; init; }
}

public sealed record InputDescriptor
{
    /// <summary>PascalCase property name; the JSON property is its camelCase form.</summary>
    public required string Name { get; init; }
    public required string TypeName { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public string? Category { get; init; }
    public float Order { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsSerializable { get; init; } = true;
    public bool IsSynthetic { get; init; }
    public bool IsWrapped { get; init; } = true;
    public required string UIHint { get; init; }
    public JsonNode? DefaultValue { get; init; }
    public string DefaultSyntax { get; init; } = "Literal";
    public bool IsReadOnly { get; init; }
    public bool IsSensitive { get; init; }
    public string? StorageDriverType { get; init; }
    public bool AutoEvaluate { get; init; } = true;
    public JsonObject? UISpecifications { get; init; }

    /// <summary>The input's <see cref="InputAttribute.OptionsProvider"/>; <see cref="InputOptions.Fill"/> turns it into <see cref="UISpecifications"/>.</summary>
    [JsonIgnore]
    public Type? OptionsProvider { get; init; }
}

public sealed record OutputDescriptor
{
    public required string Name { get; init; }
    public required string TypeName { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public float Order { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsSerializable { get; init; } = true;
    public bool IsSynthetic { get; init; }
}

public enum PortType
{
    Embedded,
    Flow,
}

public sealed record PortDescriptor(string Name, string DisplayName, PortType Type, bool IsBrowsable = true);
