using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;

namespace EscalationStudio.Policies.History;

/// <summary>A published policy that reacts to the same ticket events as another and can move the same tickets.</summary>
/// <param name="Events">The events both start on, in words ("ticket created", "customer message").</param>
public sealed record PolicyClash(string DefinitionId, string Name, int Precedence, IReadOnlyList<string> Events)
{
    /// <summary>Whether a precedence decides which of the two acts first; with the same precedence they act in id order.</summary>
    public bool IsSettledFor(WorkflowDefinition policy) => Precedence != DefinitionStamps.PrecedenceOf(policy);

    public string Describe(WorkflowDefinition policy) =>
        $"'{Name}' ({DefinitionId}) also starts on {string.Join(", ", Events)} and moves tickets; "
        + (!IsSettledFor(policy)
            ? $"both have precedence {Precedence}, so they act in id order; set a precedence to choose which acts first"
            : $"{(DefinitionStamps.PrecedenceOf(policy) > Precedence ? "this policy" : $"'{Name}'")} acts first (precedence)");
}

/// <summary>
/// Finds the clashes a manager cannot see in one policy: two policies started by the same ticket events that both
/// escalate, hand back or reassign, so one's move can make the other's refused ("tier-2 is not above managers").
/// </summary>
public static class PolicyClashes
{
    private static readonly string[] Moves = ["Escalation.EscalateToTier", "Escalation.DeEscalate", "Escalation.ReassignWithinTier"];

    /// <summary>The events each ticket trigger starts a policy on; a trigger not listed starts on its own kind of event.</summary>
    private static readonly Dictionary<string, string[]> StartsOn = new(StringComparer.Ordinal)
    {
        ["Escalation.TicketCreated"] = ["ticket created"],
        ["Escalation.VipCustomer"] = ["ticket created"],
        ["Escalation.SlaTimer"] = ["ticket created"],
        ["Escalation.KeywordMatched"] = ["ticket created", "customer message"],
        ["Escalation.SentimentTurned"] = ["ticket created", "customer message"],
        ["Escalation.ManagerRequested"] = ["ticket created", "customer message"],
        ["Escalation.CustomerMessageReceived"] = ["customer message"],
        ["Escalation.EscalationRequested"] = ["escalation request"],
    };

    public static IReadOnlyList<PolicyClash> Of(WorkflowDefinition policy, IEnumerable<WorkflowDefinition> published)
    {
        var events = StartEvents(policy);
        if (events.Count == 0 || !MovesTickets(policy))
        {
            return [];
        }

        return
        [
            .. published
                .Where(other => other.DefinitionId != policy.DefinitionId && !DefinitionStamps.IsDisabled(other) && MovesTickets(other))
                .Select(other => (other, shared: StartEvents(other).Intersect(events).Order(StringComparer.Ordinal).ToList()))
                .Where(pair => pair.shared.Count > 0)
                .OrderBy(pair => pair.other.DefinitionId, StringComparer.Ordinal)
                .Select(pair => new PolicyClash(pair.other.DefinitionId, pair.other.Name ?? pair.other.DefinitionId, DefinitionStamps.PrecedenceOf(pair.other), pair.shared)),
        ];
    }

    private static IEnumerable<JsonObject> Steps(WorkflowDefinition definition) =>
        (definition.Root?["activities"] as JsonArray ?? []).OfType<JsonObject>();

    private static bool MovesTickets(WorkflowDefinition definition) =>
        Steps(definition).Any(s => Moves.Contains(s["type"].Text()));

    /// <summary>The triggers that start the policy: those marked canStartWorkflow, else the first step.</summary>
    private static HashSet<string> StartEvents(WorkflowDefinition definition)
    {
        var steps = Steps(definition).ToList();
        // A draft may hold anything the designer or a script posted: a customProperties that is no object starts nothing.
        var starters = steps.Where(s => s["customProperties"] is JsonObject custom && custom["canStartWorkflow"] is JsonValue v && v.TryGetValue<bool>(out var yes) && yes).ToList();
        return
        [
            .. (starters.Count > 0 ? starters : steps.Take(1))
                .Select(s => s["type"].Text() ?? string.Empty)
                .Where(t => t.StartsWith("Escalation.", StringComparison.Ordinal))
                .SelectMany(t => StartsOn.GetValueOrDefault(t) ?? [t]),
        ];
    }
}
