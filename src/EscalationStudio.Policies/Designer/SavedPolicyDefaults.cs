using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Policies.Naming;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Descriptors;

namespace EscalationStudio.Policies.Designer;

/// <summary>
/// What the designer leaves out of a save, filled in before the policy is stored: an activity dropped from the toolbox
/// carries no inputs (the runtime would apply the defaults unseen), so each default is written into the file where a
/// git diff shows it; a name the designer made up ("EscalateToTier1") becomes the activity's display name; and the
/// Elsa settings this runtime has one behaviour for (commit, log persistence, incident strategies) are not stored, so
/// a value picked in the designer cannot suggest otherwise.
/// </summary>
public static class SavedPolicyDefaults
{
    /// <summary>Settings of an activity (Elsa's custom properties) this runtime does not read.</summary>
    private static readonly string[] IgnoredActivitySettings = ["commitStrategyName", "logPersistenceMode", "logPersistenceConfig", "incidentStrategyType"];

    public static void Complete(WorkflowDefinition model, ActivityRegistry registry)
    {
        model.Options.CommitStrategyName = null;
        model.Options.IncidentStrategyType = null;
        model.Options.Extra?.Remove("logPersistenceMode");
        model.CustomProperties.Remove("logPersistenceMode");

        var activities = StepNames.Activities(model.Root).Where(a => !ReferenceEquals(a, model.Root)).ToList();
        var taken = activities.Select(a => a["name"]?.ToString()).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var activity in activities)
        {
            var type = activity["type"]?.ToString() ?? "";
            var version = activity["version"] is JsonValue value && value.TryGetValue<int>(out var v) ? v : (int?)null;
            if (registry.Find(type, version)?.Descriptor is not { } descriptor)
            {
                continue;
            }

            Name(activity, type, descriptor, taken);
            foreach (var input in descriptor.Inputs.Where(i => i.IsBrowsable && i.IsWrapped && !i.IsSynthetic && i.DefaultValue is not null))
            {
                var key = JsonNamingPolicy.CamelCase.ConvertName(input.Name);
                if (activity[key] is null)
                {
                    activity[key] = Literal(input);
                }
            }

            if (activity["customProperties"] is JsonObject settings)
            {
                foreach (var ignored in IgnoredActivitySettings)
                {
                    settings.Remove(ignored);
                }
            }
        }
    }

    private static void Name(JsonObject activity, string type, ActivityDescriptor descriptor, HashSet<string> taken)
    {
        var name = activity["name"]?.ToString();
        if (!string.IsNullOrWhiteSpace(name) && !StepNames.IsDesignerDefault(name, type))
        {
            return;
        }

        if (name is not null)
        {
            taken.Remove(name);
        }

        // Two steps of one type read "Escalate to tier" and "Escalate to tier 2", as a manager would tell them apart.
        var readable = descriptor.DisplayName;
        for (var n = 2; taken.Contains(readable); n++)
        {
            readable = $"{descriptor.DisplayName} {n}";
        }

        taken.Add(readable);
        activity["name"] = readable;
    }

    /// <summary>Elsa's wrapped literal, with the value as text as Elsa writes it ("True", "50", "LeastLoaded").</summary>
    private static JsonObject Literal(InputDescriptor input)
    {
        var value = input.DefaultValue switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "True" : "False",
            JsonNode node => node.ToJsonString(),
            null => null,
        };
        return new JsonObject { ["typeName"] = input.TypeName, ["expression"] = new JsonObject { ["type"] = input.DefaultSyntax, ["value"] = value } };
    }
}
