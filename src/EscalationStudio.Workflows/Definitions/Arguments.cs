using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EscalationStudio.Workflows.Definitions;

/// <summary>A workflow or flowchart variable. Elsa writes the default value as a string ("0", "").</summary>
public sealed class VariableDefinition
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string TypeName { get; set; } = "Object";
    public bool IsArray { get; set; }
    public JsonNode? Value { get; set; }
    public string? StorageDriverTypeName { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A workflow input. Note Elsa names the type property <c>type</c> here, not <c>typeName</c>.</summary>
public sealed class InputDefinition
{
    public string Type { get; set; } = "Object";
    public string Name { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Category { get; set; }
    public string? UiHint { get; set; }
    public string? StorageDriverType { get; set; }
    public bool IsArray { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class OutputDefinition
{
    public string Type { get; set; } = "Object";
    public string Name { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Category { get; set; }
    public bool IsArray { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class WorkflowOptions
{
    public string? ActivationStrategyType { get; set; }
    public bool? UsableAsActivity { get; set; }
    public bool AutoUpdateConsumingWorkflows { get; set; }
    public string? ActivityCategory { get; set; }
    public string? IncidentStrategyType { get; set; }
    public string? CommitStrategyName { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
