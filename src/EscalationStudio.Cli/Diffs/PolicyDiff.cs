using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Descriptors;

namespace EscalationStudio.Cli.Diffs;

internal enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One difference between two versions of a policy, in the designer's words.</summary>
/// <param name="Subject">policy, activity or connection.</param>
internal sealed record PolicyChange(ChangeKind Kind, string Subject, string? Activity, string Text, string? Input = null, string? Before = null, string? After = null);

/// <summary>The differences of one policy (by definition id) between two sources.</summary>
internal sealed record PolicyDifference(string Policy, string? OldFile, string? NewFile, ChangeKind Kind, IReadOnlyList<PolicyChange> Changes);

/// <summary>
/// A semantic diff of policy versions: activities and connections added, removed and changed, and inputs before and
/// after, named as the designer shows them ("Escalate to tier ToRetention: Tier retention → billing"), not a text diff.
/// </summary>
internal sealed class PolicyDiff(ActivityRegistry registry)
{
    // What the designer keeps about an activity that is no input of it.
    private static readonly HashSet<string> NotInputs = new(StringComparer.Ordinal) { "id", "type", "version", "name", "metadata", "customProperties", "activities", "connections" };

    public IReadOnlyList<PolicyDifference> Compare(IReadOnlyList<(string File, WorkflowDefinition Definition)> before, IReadOnlyList<(string File, WorkflowDefinition Definition)> after)
    {
        var old = before.GroupBy(p => p.Definition.DefinitionId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var current = after.GroupBy(p => p.Definition.DefinitionId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var differences = new List<PolicyDifference>();
        foreach (var id in old.Keys.Union(current.Keys).Order(StringComparer.Ordinal))
        {
            var (hasOld, hasNew) = (old.TryGetValue(id, out var o), current.TryGetValue(id, out var n));
            if (hasOld && hasNew)
            {
                var changes = Compare(o.Definition, n.Definition);
                if (changes.Count > 0)
                {
                    differences.Add(new PolicyDifference(id, o.File, n.File, ChangeKind.Changed, changes));
                }
            }
            else if (hasNew)
            {
                var added = Activities(n.Definition)
                    .Select(a => new PolicyChange(ChangeKind.Added, "activity", Label(a), $"{Describe(a)} {Label(a)}"));
                differences.Add(new PolicyDifference(id, null, n.File, ChangeKind.Added, [.. added]));
            }
            else
            {
                differences.Add(new PolicyDifference(id, o.File, null, ChangeKind.Removed, []));
            }
        }

        return differences;
    }

    public IReadOnlyList<PolicyChange> Compare(WorkflowDefinition before, WorkflowDefinition after)
    {
        var changes = new List<PolicyChange>();
        Field(changes, "name", before.Name, after.Name);
        Field(changes, "description", before.Description, after.Description);
        Field(changes, "published", before.IsPublished.ToString(), after.IsPublished.ToString());

        var old = Activities(before).ToDictionary(IdOf, StringComparer.Ordinal);
        var current = Activities(after).ToDictionary(IdOf, StringComparer.Ordinal);
        foreach (var (id, activity) in current.Where(a => !old.ContainsKey(a.Key)))
        {
            changes.Add(new PolicyChange(ChangeKind.Added, "activity", Label(activity), $"{Describe(activity)} {Label(activity)}"));
        }

        foreach (var (id, activity) in old.Where(a => !current.ContainsKey(a.Key)))
        {
            changes.Add(new PolicyChange(ChangeKind.Removed, "activity", Label(activity), $"{Describe(activity)} {Label(activity)}"));
        }

        foreach (var (id, now) in current.Where(a => old.ContainsKey(a.Key)))
        {
            var was = old[id];
            if (TypeOf(was) != TypeOf(now))
            {
                var sameActivity = registry.Find(TypeOf(was)) is { } registered && ReferenceEquals(registered, registry.Find(TypeOf(now)));
                var change = sameActivity
                    ? $"{Label(now)}: type {TypeOf(was)} → {TypeOf(now)} (the same activity, under its current name)"
                    : Describe(was) == Describe(now)
                        ? $"{Label(now)}: {TypeOf(was)} → {TypeOf(now)}"
                        : $"{Label(now)}: {Describe(was)} → {Describe(now)}";
                changes.Add(new PolicyChange(ChangeKind.Changed, "activity", Label(now), change, "type", TypeOf(was), TypeOf(now)));
                if (!sameActivity)
                {
                    continue;
                }
            }

            if (Label(was) != Label(now))
            {
                changes.Add(new PolicyChange(ChangeKind.Changed, "activity", Label(now), $"{Describe(now)} renamed: {Label(was)} → {Label(now)}", "name", Label(was), Label(now)));
            }

            foreach (var input in InputsOf(was).Union(InputsOf(now)).Order(StringComparer.Ordinal))
            {
                var (a, b) = (ValueOf(was[input]), ValueOf(now[input]));
                if (a != b)
                {
                    changes.Add(new PolicyChange(ChangeKind.Changed, "activity", Label(now),
                        $"{Describe(now)} {Label(now)}: {InputName(now, input)} {a ?? "(none)"} → {b ?? "(none)"}", input, a, b));
                }
            }
        }

        var oldLinks = Connections(before, old).ToHashSet(StringComparer.Ordinal);
        var newLinks = Connections(after, current).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(newLinks.Except(oldLinks).Order(StringComparer.Ordinal).Select(c => new PolicyChange(ChangeKind.Added, "connection", null, c)));
        changes.AddRange(oldLinks.Except(newLinks).Order(StringComparer.Ordinal).Select(c => new PolicyChange(ChangeKind.Removed, "connection", null, c)));
        return changes;
    }

    private static void Field(List<PolicyChange> changes, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new PolicyChange(ChangeKind.Changed, "policy", null, $"{field}: {before ?? "(none)"} → {after ?? "(none)"}", field, before, after));
        }
    }

    private string Describe(JsonObject activity) => registry.Find(TypeOf(activity))?.Descriptor.DisplayName ?? TypeOf(activity);

    private string InputName(JsonObject activity, string input) =>
        registry.Find(TypeOf(activity))?.Descriptor.Inputs.FirstOrDefault(i => string.Equals(i.Name, input, StringComparison.OrdinalIgnoreCase))?.DisplayName ?? input;

    private static IEnumerable<string> Connections(WorkflowDefinition definition, IReadOnlyDictionary<string, JsonObject> activities) =>
        (definition.Root?["connections"] as JsonArray ?? []).OfType<JsonObject>().Select(c =>
        {
            var source = Text(c["source"]?["activity"]) ?? "?";
            var target = Text(c["target"]?["activity"]) ?? "?";
            var port = Text(c["source"]?["port"]) ?? "Done";
            return $"{(activities.TryGetValue(source, out var s) ? Label(s) : source)} ({port}) → {(activities.TryGetValue(target, out var t) ? Label(t) : target)}";
        });

    private static IEnumerable<JsonObject> Activities(WorkflowDefinition definition) =>
        (definition.Root?["activities"] as JsonArray ?? []).OfType<JsonObject>().Where(a => IdOf(a).Length > 0).DistinctBy(IdOf);

    private static IEnumerable<string> InputsOf(JsonObject activity) => activity.Select(p => p.Key).Where(k => !NotInputs.Contains(k));

    /// <summary>A literal input as its value; an expression as "JavaScript: …"; anything else as its JSON.</summary>
    private static string? ValueOf(JsonNode? node) => node switch
    {
        null => null,
        JsonObject input when input["expression"] is JsonObject expression =>
            string.Equals(Text(expression["type"]), "Literal", StringComparison.OrdinalIgnoreCase)
                ? expression["value"]?.ToString().ReplaceLineEndings(", ")
                : $"{Text(expression["type"])}: {expression["value"]}",
        JsonValue value => value.ToString(),
        _ => node.ToJsonString(),
    };

    private static string IdOf(JsonObject activity) => Text(activity["id"]) ?? string.Empty;

    private static string TypeOf(JsonObject activity) => Text(activity["type"]) ?? string.Empty;

    private static string Label(JsonObject activity) => Text(activity["name"]) ?? IdOf(activity);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
}
