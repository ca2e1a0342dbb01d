using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Policies.History;

/// <summary>
/// What changed between two versions of a policy, in the words a manager reads a policy in: steps added or removed,
/// a step's settings changed, connections drawn or removed, the name or description changed. Designer positions and
/// ids the designer assigns (node ids, memory references) are not changes. One small surface, so a command-line
/// <c>diff</c> and the Studio history can share it.
/// </summary>
public static class PolicyDiff
{
    private static readonly HashSet<string> NotSettings = new(StringComparer.Ordinal)
    {
        "id", "nodeId", "name", "type", "version", "metadata", "customProperties", "activities", "connections", "variables",
    };

    /// <summary>One line per change; empty when the two versions do the same thing. <paramref name="before"/> null: everything is new.</summary>
    public static IReadOnlyList<string> Between(WorkflowDefinition? before, WorkflowDefinition after)
    {
        var changes = new List<string>();
        if (before is not null && before.Name != after.Name)
        {
            changes.Add($"renamed \"{before.Name}\" → \"{after.Name}\"");
        }

        if (before is not null && (before.Description ?? string.Empty) != (after.Description ?? string.Empty))
        {
            changes.Add("description changed");
        }

        var old = Steps(before?.Root);
        var now = Steps(after.Root);
        foreach (var (id, step) in now.Where(s => !old.ContainsKey(s.Key)))
        {
            changes.Add($"added step {Label(step, id)} ({step["type"]?.ToString()})");
        }

        foreach (var (id, step) in old.Where(s => !now.ContainsKey(s.Key)))
        {
            changes.Add($"removed step {Label(step, id)}");
        }

        foreach (var (id, step) in now.Where(s => old.ContainsKey(s.Key)))
        {
            var previous = old[id];
            if (Label(previous, id) != Label(step, id))
            {
                changes.Add($"step {Label(previous, id)} renamed {Label(step, id)}");
            }

            foreach (var setting in Settings(previous).Keys.Union(Settings(step).Keys).Order(StringComparer.Ordinal))
            {
                var was = Settings(previous).GetValueOrDefault(setting);
                var isNow = Settings(step).GetValueOrDefault(setting);
                if (was != isNow)
                {
                    changes.Add($"step {Label(step, id)}: {setting} {Shown(was)} → {Shown(isNow)}");
                }
            }
        }

        var oldConnections = Connections(before?.Root, old);
        var newConnections = Connections(after.Root, now);
        changes.AddRange(newConnections.Except(oldConnections).Select(c => $"connected {c}"));
        changes.AddRange(oldConnections.Except(newConnections).Select(c => $"disconnected {c}"));
        return changes;
    }

    private static Dictionary<string, JsonObject> Steps(JsonObject? root)
    {
        var steps = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var activity in (root?["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (activity["id"]?.ToString() is { Length: > 0 } id)
            {
                steps[id] = activity;
            }
        }

        return steps;
    }

    private static string Label(JsonObject step, string id) =>
        step["name"]?.ToString() is { Length: > 0 } name && name != id ? $"'{name}' ({id})" : $"'{id}'";

    /// <summary>Each input as the text a manager typed or picked: a literal's value, or the script of an expression.</summary>
    private static Dictionary<string, string> Settings(JsonObject step)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in step)
        {
            if (NotSettings.Contains(key) || value is null)
            {
                continue;
            }

            settings[key] = value is JsonObject { } input && input["expression"] is JsonObject expression
                ? (string.Equals(expression["type"]?.ToString(), "Literal", StringComparison.OrdinalIgnoreCase) ? string.Empty : $"{expression["type"]}: ")
                  + (expression["value"]?.ToString() ?? string.Empty)
                : value.ToJsonString();
        }

        return settings;
    }

    private static HashSet<string> Connections(JsonObject? root, Dictionary<string, JsonObject> steps) =>
    [
        .. (root?["connections"] as JsonArray ?? []).OfType<JsonObject>().Select(c =>
        {
            var from = (c["source"] as JsonObject)?["activity"]?.ToString() ?? "?";
            var to = (c["target"] as JsonObject)?["activity"]?.ToString() ?? "?";
            var fromName = steps.TryGetValue(from, out var f) ? Label(f, from) : $"'{from}'";
            var toName = steps.TryGetValue(to, out var t) ? Label(t, to) : $"'{to}'";
            return $"{fromName} —{(c["source"] as JsonObject)?["port"]?.ToString() ?? "Done"}→ {toName}";
        }),
    ];

    private static string Shown(string? value) => value is null ? "(unset)" : value.Length == 0 ? "(empty)" : $"'{value}'";
}
