using System.Text.Json.Nodes;

namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>
/// The designer posts activities and connections in its own order (a selected node moves to the end, for one), and
/// its properties in its own order too. Keeping the previous version's order makes a policy file's git diff show
/// what the manager changed and nothing else: known items keep their place, new ones follow in the order received.
/// </summary>
public static class StableFlowchartOrder
{
    public static JsonObject Keep(JsonObject? previous, JsonObject incoming)
    {
        if (previous is null)
        {
            return incoming;
        }

        var ordered = OrderProperties(previous, incoming);
        Reorder(ordered, previous, "activities", ActivityKey, nested: true);
        Reorder(ordered, previous, "connections", ConnectionKey, nested: false);
        return ordered;
    }

    private static void Reorder(JsonObject incoming, JsonObject previous, string property, Func<JsonObject, string?> key, bool nested)
    {
        if (incoming[property] is not JsonArray items || previous[property] is not JsonArray before)
        {
            return;
        }

        var previousByKey = before.OfType<JsonObject>().Select((item, index) => (Key: key(item), item, index))
            .Where(x => x.Key is not null).GroupBy(x => x.Key!).ToDictionary(g => g.Key, g => g.First());

        var reordered = items
            .Select((item, index) => (Node: item, Index: index, Previous: item is JsonObject obj && key(obj) is { } k && previousByKey.TryGetValue(k, out var p) ? p : default))
            .OrderBy(x => x.Previous.item is null ? 1 : 0)
            .ThenBy(x => x.Previous.item is null ? x.Index : x.Previous.index)
            .Select(x => x.Node is JsonObject obj && x.Previous.item is { } old && nested ? Keep(old, obj) : x.Node?.DeepClone())
            .ToArray();
        incoming[property] = new JsonArray(reordered);
    }

    private static JsonObject OrderProperties(JsonObject previous, JsonObject incoming)
    {
        var ordered = new JsonObject();
        foreach (var (name, _) in previous)
        {
            if (incoming.ContainsKey(name))
            {
                ordered[name] = incoming[name]?.DeepClone();
            }
        }

        foreach (var (name, value) in incoming)
        {
            if (!ordered.ContainsKey(name))
            {
                ordered[name] = value?.DeepClone();
            }
        }

        return ordered;
    }

    private static string? ActivityKey(JsonObject activity) => (activity["id"] as JsonValue)?.ToString();

    private static string? ConnectionKey(JsonObject connection) =>
        $"{connection["source"].Property("activity")}|{connection["source"].Property("port")}|{connection["target"].Property("activity")}|{connection["target"].Property("port")}";
}
