using System.Text.Json.Nodes;

namespace EscalationStudio.Server.ElsaApi.WorkflowDefinitions;

/// <summary>
/// Studio indexes the graph by nodeId and crashes on a missing one; files written by hand or by older tools often
/// have none. The designer builds them as "&lt;parent nodeId&gt;:&lt;activity id&gt;", and so does this.
/// </summary>
internal static class NodeIds
{
    public static void Assign(JsonObject root)
    {
        var rootId = (root["id"] as JsonValue)?.ToString() is { Length: > 0 } id ? id : "flowchart1";
        root["id"] = rootId;
        if (root["nodeId"] is not JsonValue)
        {
            root["nodeId"] = $"Workflow1:{rootId}";
        }

        AssignChildren(root);
    }

    private static void AssignChildren(JsonObject parent)
    {
        var parentNodeId = parent["nodeId"]!.ToString();
        foreach (var activity in (parent["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (activity["nodeId"] is not JsonValue && activity["id"] is JsonValue childId)
            {
                activity["nodeId"] = $"{parentNodeId}:{childId}";
            }

            if (activity["nodeId"] is JsonValue && activity["activities"] is JsonArray)
            {
                AssignChildren(activity);
            }
        }
    }
}
