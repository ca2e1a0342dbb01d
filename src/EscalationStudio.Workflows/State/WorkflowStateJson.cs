using System.Text.Json;
using System.Text.Json.Serialization;
using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Workflows.State;

/// <summary>
/// JSON for instance state: camelCase, string enums, and no reference metadata, so user data that contains keys
/// such as <c>$id</c> stays plain data (Elsa 3.5.3 state-serialisation test).
/// </summary>
public static class WorkflowStateJson
{
    public static readonly JsonSerializerOptions Options = new(WorkflowDefinitionJson.SerializerOptions)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The state nests about ten levels of its own around each value. Values from scripts nest at most
        // ScriptLimits.MaxValueDepth, values parsed from JSON at most 64; past the default of 64 a deep value
        // would make the instance unsaveable, or saved but unreadable.
        MaxDepth = 128,
    };

    public static string Serialize(WorkflowState state) => JsonSerializer.Serialize(state, Options);

    public static WorkflowState Deserialize(string json) =>
        JsonSerializer.Deserialize<WorkflowState>(json, Options) ?? throw new JsonException("Workflow state is empty.");
}
