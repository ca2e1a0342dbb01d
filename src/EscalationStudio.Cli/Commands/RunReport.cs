using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;

namespace EscalationStudio.Cli.Commands;

/// <summary>The result of <c>run</c>: lines, status, outputs, workflow variables, completions per activity.</summary>
internal static class RunReport
{
    public static string ToJson(WorkflowRunResult run, IReadOnlyList<string> lines, IReadOnlyDictionary<string, int> completions, bool includeState)
    {
        var report = new JsonObject
        {
            ["lines"] = new JsonArray(lines.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
            ["status"] = run.Status.ToString(),
            ["subStatus"] = run.SubStatus.ToString(),
            ["outputs"] = run.State.Output.DeepClone(),
            ["variables"] = WorkflowVariables(run.State),
            ["activityCompletions"] = new JsonObject(completions.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["incidents"] = JsonSerializer.SerializeToNode(run.Incidents, WorkflowStateJson.Options),
            ["stateRoundTrip"] = RoundTrips(run.State),
        };
        if (includeState)
        {
            report["state"] = JsonSerializer.SerializeToNode(run.State, WorkflowStateJson.Options);
        }

        return report.ToJsonString();
    }

    public static void WriteText(WorkflowRunResult run)
    {
        Console.WriteLine($"{run.Status}/{run.SubStatus}");
        foreach (var incident in run.Incidents)
        {
            Console.WriteLine($"incident: activity '{incident.ActivityId}' ({incident.ActivityType}): {incident.Message}");
        }

        foreach (var bookmark in run.Bookmarks)
        {
            Console.WriteLine($"waiting: {bookmark.Name} at activity '{bookmark.ActivityId}'{(bookmark.DueAt is { } due ? $" due {due:O}" : "")}");
        }
    }

    /// <summary>The instance's own variables (on the root context), by name.</summary>
    private static JsonObject WorkflowVariables(WorkflowState state)
    {
        var root = state.ActivityExecutionContexts.FirstOrDefault(c => c.ParentContextId is null);
        return new JsonObject((root?.Variables ?? []).Select(v => KeyValuePair.Create(v.Name, v.Value?.DeepClone())));
    }

    private static bool RoundTrips(WorkflowState state)
    {
        try
        {
            var json = WorkflowStateJson.Serialize(state);
            return WorkflowStateJson.Serialize(WorkflowStateJson.Deserialize(json)) == json;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
