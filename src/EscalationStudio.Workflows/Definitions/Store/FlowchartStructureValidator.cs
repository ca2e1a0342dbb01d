using System.Text.Json.Nodes;

namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>
/// What any publishable policy needs regardless of its activities: a name, a flowchart, activities with ids and
/// types, and connections whose both ends exist. Activity-specific rules (unknown types, ports, tiers, templates,
/// expressions) belong to the engine's validator.
/// </summary>
public sealed class FlowchartStructureValidator : IPublishValidator
{
    public IEnumerable<string> Validate(WorkflowDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            yield return "the policy needs a name";
        }

        if (definition.Root is not { } root)
        {
            yield return "the policy has no root activity";
            yield break;
        }
        if (root["activities"] is not JsonArray activities)
        {
            yield break; // a single-activity root: nothing to connect
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var activity in activities.OfType<JsonObject>())
        {
            var id = activity["id"].Text();
            var label = LabelOf(activity);
            if (string.IsNullOrWhiteSpace(id))
            {
                yield return $"activity {label}: has no id";
            }
            else if (!ids.TryAdd(id, label))
            {
                yield return $"activity {label}: id {id} is used twice";
            }

            if (string.IsNullOrWhiteSpace(activity["type"].Text()))
            {
                yield return $"activity {label}: has no type";
            }
        }

        foreach (var connection in (root["connections"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var source = EndOf(connection, "source");
            var target = EndOf(connection, "target");
            if (source is null || !ids.ContainsKey(source))
            {
                yield return $"a connection into {Describe(target, ids)} comes from an activity that does not exist ({source ?? "none"})";
            }

            if (target is null || !ids.ContainsKey(target))
            {
                yield return $"activity {Describe(source, ids)}: its {connection["source"].Property("port").Text() ?? "Done"} port leads to an activity that does not exist ({target ?? "none"})";
            }
        }
    }

    /// <summary>The name a manager gave the step, with its id when they differ, so the message leads to the node in the designer.</summary>
    public static string LabelOf(JsonObject activity) =>
        ((activity["name"] as JsonValue)?.ToString(), (activity["id"] as JsonValue)?.ToString()) switch
        {
            ({ Length: > 0 } name, { Length: > 0 } id) when name != id => $"'{name}' (id {id})",
            ({ Length: > 0 } name, _) => name,
            (_, { } id) => id,
            _ => "(unnamed)",
        };

    private static string? EndOf(JsonObject connection, string end) =>
        (connection[end].Property("activity") ?? connection[end].Property("activityId")) is JsonValue value ? value.ToString() : null;

    private static string Describe(string? id, Dictionary<string, string> ids) =>
        id is not null && ids.TryGetValue(id, out var label) ? label : id ?? "(none)";
}
