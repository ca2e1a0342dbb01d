using System.Text.Json;
using System.Text.Json.Nodes;

namespace EscalationStudio.Workflows.Definitions;

/// <summary>
/// Reading a definition's JSON in whatever shape a client sent it. The indexer of a <see cref="JsonNode"/> throws on a
/// value or an array, and a cast to string throws on a number; a policy posted with <c>"source": 12</c> must get its
/// validation message, not fail the request. These read such a part as absent instead.
/// </summary>
public static class JsonShape
{
    /// <summary>The property of an object; null when the node is no object or has no such property.</summary>
    public static JsonNode? Property(this JsonNode? node, string name) => node is JsonObject obj ? obj[name] : null;

    /// <summary>The text a node holds; null when it holds anything else.</summary>
    public static string? Text(this JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
