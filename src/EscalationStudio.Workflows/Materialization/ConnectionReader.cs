using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Flowcharts;

namespace EscalationStudio.Workflows.Materialization;

/// <summary>
/// Reads flowchart connections in the current shape (<c>{source:{activity,port}, target:{activity,port}}</c>) or the
/// obsolete one (<c>{source, sourcePort, target, targetPort}</c>), which Elsa switches to when any element has a
/// string <c>sourcePort</c>. Connections whose ends are missing are dropped, as Elsa does.
/// </summary>
internal static class ConnectionReader
{
    public static IReadOnlyList<Connection> Read(JsonArray? connections, IReadOnlyDictionary<string, Activity> activities)
    {
        if (connections is null)
        {
            return [];
        }

        var elements = connections.OfType<JsonObject>().ToList();
        var legacy = elements.Any(c => c["sourcePort"] is JsonValue port && port.TryGetValue<string>(out _));
        var result = new List<Connection>(elements.Count);
        foreach (var element in elements)
        {
            var (sourceId, sourcePort, targetId, targetPort) = legacy
                ? (element["source"]?.ToString(), element["sourcePort"]?.ToString(),
                    element["target"]?.ToString(), element["targetPort"]?.ToString())
                : (element["source"].Property("activity")?.ToString(), element["source"].Property("port")?.ToString(),
                    element["target"].Property("activity")?.ToString(), element["target"].Property("port")?.ToString());
            if (sourceId is null || targetId is null || !activities.TryGetValue(sourceId, out var source) || !activities.TryGetValue(targetId, out var target))
            {
                continue;
            }

            result.Add(new Connection(source, sourcePort ?? Outcomes.DoneName, target, targetPort ?? "In"));
        }

        return result;
    }
}
