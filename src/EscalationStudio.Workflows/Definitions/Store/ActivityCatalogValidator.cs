using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Descriptors;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>
/// Checks a policy against the runtime: the engine must be able to build it (known activity types, readable inputs
/// and expressions), every connection leaves by a port its activity has, and every trigger leads somewhere (a
/// trigger with no path would start a policy that does nothing). The server's publish and the CLI's validate both run it.
/// </summary>
public sealed class ActivityCatalogValidator(WorkflowEngine engine) : IPublishValidator
{
    private const string DefaultPort = "Done";

    private ActivityRegistry Registry => engine.Registry;

    public IEnumerable<string> Validate(WorkflowDefinition definition)
    {
        if (definition.Root is not { } root)
        {
            return [];
        }

        var labels = Labels(root);
        var graph = engine.Materialize(definition);
        var problems = graph.Problems;
        if (graph.IsValid)
        {
            // The runtime evaluates the triggers' inputs when the policy goes live; one it cannot evaluate is refused now.
            try
            {
                engine.GetTriggers(graph);
            }
            catch (WorkflowValidationException e)
            {
                problems = e.Problems;
            }
        }

        var engineProblems = problems.Select(p => $"activity {labels.GetValueOrDefault(p.ActivityId, p.ActivityId)}: {p.Message.TrimEnd('.')}");
        return engineProblems.Concat(ValidateFlowchart(root));
    }

    private static Dictionary<string, string> Labels(JsonObject flowchart)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var activity in (flowchart["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (activity["id"] is JsonValue id)
            {
                labels.TryAdd(id.ToString(), FlowchartStructureValidator.LabelOf(activity));
            }

            if (activity["activities"] is JsonArray)
            {
                foreach (var (key, value) in Labels(activity))
                {
                    labels.TryAdd(key, value);
                }
            }
        }
        return labels;
    }

    private IEnumerable<string> ValidateFlowchart(JsonObject flowchart)
    {
        var activities = (flowchart["activities"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var byId = activities.Where(a => a["id"] is JsonValue).GroupBy(a => a["id"]!.ToString()).ToDictionary(g => g.Key, g => g.First());
        var connections = (flowchart["connections"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => (Source: (c["source"].Property("activity") as JsonValue)?.ToString(), Port: (c["source"].Property("port") as JsonValue)?.ToString() ?? DefaultPort))
            .ToList();

        foreach (var activity in activities)
        {
            var label = FlowchartStructureValidator.LabelOf(activity);
            var type = (activity["type"] as JsonValue)?.ToString();
            if (string.IsNullOrWhiteSpace(type))
            {
                continue; // reported by the structure check
            }

            var version = activity["version"] is JsonValue v && v.TryGetValue<int>(out var number) ? number : (int?)null;
            if (Registry.Find(type, version) is not { } registration)
            {
                continue; // the engine names unknown types
            }

            var descriptor = registration.Descriptor;
            var id = (activity["id"] as JsonValue)?.ToString();
            var outgoing = connections.Where(c => c.Source == id).ToList();
            foreach (var (_, port) in outgoing.Where(c => !HasPort(descriptor, activity, c.Port)).DistinctBy(c => c.Port))
            {
                yield return $"activity {label}: has no port {port} (its ports are {string.Join(", ", PortsOf(descriptor))})";
            }

            if (descriptor.Kind == ActivityKind.Trigger && outgoing.Count == 0)
            {
                yield return $"activity {label}: this trigger leads nowhere; connect it to what should happen";
            }

            if (activity["activities"] is JsonArray)
            {
                foreach (var nested in ValidateFlowchart(activity))
                {
                    yield return nested;
                }
            }
        }
    }

    private static bool HasPort(ActivityDescriptor descriptor, JsonObject activity, string port) =>
        PortsOf(descriptor).Contains(port, StringComparer.Ordinal)
        // FlowSwitch-like activities name their outcomes in their cases.
        || (activity["cases"] as JsonArray ?? []).OfType<JsonObject>().Any(c => (c["label"] as JsonValue)?.ToString() == port)
        || port == "Default" && activity["cases"] is JsonArray;

    private static IReadOnlyList<string> PortsOf(ActivityDescriptor descriptor)
    {
        var flowPorts = descriptor.Ports.Where(p => p.Type == PortType.Flow).Select(p => p.Name).ToList();
        return flowPorts.Count > 0 || descriptor.IsTerminal ? flowPorts : [DefaultPort];
    }
}
