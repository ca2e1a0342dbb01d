using System.Text.Json.Nodes;
using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Sla;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using DeEscalateActivity = EscalationStudio.Policies.Activities.DeEscalate.DeEscalate;

namespace EscalationStudio.Policies.Designer;

/// <summary>
/// Refuses to publish a policy whose escalation activities name a tier, calendar or template that does not exist, or
/// carry a duration, percentage or keyword list that cannot be read, so the mistake shows in the designer instead of
/// faulting a live ticket. Only literal inputs are checked; script expressions are judged when they run.
/// </summary>
internal sealed class EscalationPolicyValidator(IOrgDirectorySource org, TemplateLibrary templates) : IPublishValidator
{
    public IEnumerable<string> Validate(WorkflowDefinition definition) =>
        definition.Root is { } root ? Activities(root).SelectMany(Check).Concat(SameTierTwice(root)) : [];

    /// <summary>The activity as a message names it: its id always, so the designer's node can be found.</summary>
    internal static string Label(JsonObject activity) =>
        (activity["name"].Text(), activity["id"].Text()) switch
        {
            ({ Length: > 0 } name, { } id) when name != id => $"activity '{name}' (id {id})",
            (_, { } id) => $"activity {id}",
            ({ } name, null) => $"activity {name}",
            _ => "an activity without an id",
        };

    /// <summary>
    /// An escalation to the tier an earlier escalation on the same path already moved the case to is refused at
    /// run time ("tier-2 is not above tier-2"); refused here instead, unless a hand-back lies between them.
    /// </summary>
    private static IEnumerable<string> SameTierTwice(JsonObject flowchart)
    {
        var steps = (flowchart["activities"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(a => a["id"].Text() is not null)
            .GroupBy(a => a["id"].Text()!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var next = (flowchart["connections"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => (From: c["source"]?["activity"].Text(), Port: c["source"]?["port"].Text(), To: c["target"]?["activity"].Text()))
            .Where(c => c.From is not null && c.To is not null)
            .ToLookup(c => c.From!, StringComparer.Ordinal);
        foreach (var (id, step) in steps)
        {
            if (EscalationTier(step) is not { } tier)
            {
                continue;
            }

            // Only what follows a successful move: NotAllowed leaves the ticket where it was.
            var queue = new Queue<string>(next[id].Where(c => c.Port != "NotAllowed").Select(c => c.To!));
            var seen = new HashSet<string>(StringComparer.Ordinal) { id };
            while (queue.TryDequeue(out var current))
            {
                if (!seen.Add(current) || !steps.TryGetValue(current, out var later) || later["type"].Text() == "Escalation.DeEscalate")
                {
                    continue;
                }

                if (EscalationTier(later) == tier)
                {
                    yield return $"{Label(later)}: escalates to {tier}, where {Label(step)} already moved the case; a case cannot go up to the tier it is in";
                    continue;
                }

                foreach (var connection in next[current])
                {
                    queue.Enqueue(connection.To!);
                }
            }
        }
    }

    private static string? EscalationTier(JsonObject step) =>
        step["type"].Text() == "Escalation.EscalateToTier" && Literals(step).FirstOrDefault(l => l.Input == "tier") is { Value.Length: > 0 } tier ? tier.Value : null;

    private IEnumerable<string> Check(JsonObject activity)
    {
        var type = activity["type"].Text() ?? string.Empty;
        if (!type.StartsWith("Escalation.", StringComparison.Ordinal))
        {
            yield break;
        }

        var label = Label(activity);
        var directory = org.Current;
        foreach (var (input, value) in Literals(activity))
        {
            var problem = input switch
            {
                "tier" when type == "Escalation.DeEscalate" && value == DeEscalateActivity.PreviousTier => null,
                "tier" or "approverTier" when value.Length > 0 && directory.FindTier(value) is null =>
                    $"{label}: {input} '{value}' is not a tier of the org directory (known: {string.Join(", ", directory.Tiers.Select(t => t.Id))})",
                "tier" when value.Length == 0 => $"{label}: tier is required",
                "calendar" when value.Length > 0 && directory.FindCalendar(value) is null =>
                    $"{label}: calendar '{value}' is not a calendar of the org directory",
                "template" or "briefingTemplate" when value.Length > 0 && !templates.Exists(value) =>
                    $"{label}: {input} '{value}' is not a template in templates/",
                "template" or "briefingTemplate" when value.Length > 0 && templates.Problems(value) is [var first, ..] =>
                    $"{label}: {input} '{value}' does not parse: {first}",
                "target" when !DurationText.TryParse(value, out _) => $"{label}: target '{value}' is not a duration such as 4h or 1h 30m",
                "timeout" when value.Length > 0 && !DurationText.TryParse(value, out _) => $"{label}: timeout '{value}' is not a duration such as 5m or 2h",
                "warningPercents" when !PercentsAreValid(value) => $"{label}: warningPercents '{value}' must be whole numbers between 1 and 99, e.g. 50, 75, 90",
                "keywords" when Signals.KeywordMatcher.Parse(value).Keywords.Count == 0 => $"{label}: keywords lists no word or phrase",
                _ => null,
            };
            if (problem is not null)
            {
                yield return problem;
            }
        }

        if (type is "Escalation.EscalateToTier" && activity["tier"] is null)
        {
            yield return $"{label}: tier is required";
        }
    }

    private static bool PercentsAreValid(string value) =>
        value.Split([',', ';', ' ', '%'], StringSplitOptions.RemoveEmptyEntries).All(p => int.TryParse(p, out var percent) && percent is >= 1 and <= 99);

    /// <summary>Inputs written as literals: <c>{ "expression": { "type": "Literal", "value": ... } }</c>.</summary>
    private static IEnumerable<(string Input, string Value)> Literals(JsonObject activity)
    {
        foreach (var (name, node) in activity)
        {
            if (node is JsonObject { } input && input["expression"] is JsonObject expression
                && string.Equals(expression["type"].Text(), "Literal", StringComparison.OrdinalIgnoreCase))
            {
                yield return (name, expression["value"]?.ToString().Trim() ?? string.Empty);
            }
        }
    }

    private static IEnumerable<JsonObject> Activities(JsonObject container)
    {
        foreach (var activity in (container["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            yield return activity;
            foreach (var nested in Activities(activity))
            {
                yield return nested;
            }
        }
    }
}
