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
        definition.Root is { } root ? Activities(root).SelectMany(Check) : [];

    private IEnumerable<string> Check(JsonObject activity)
    {
        var type = activity["type"].Text() ?? string.Empty;
        if (!type.StartsWith("Escalation.", StringComparison.Ordinal))
        {
            yield break;
        }

        var label = $"activity {activity["name"].Text() ?? activity["id"].Text()}";
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
