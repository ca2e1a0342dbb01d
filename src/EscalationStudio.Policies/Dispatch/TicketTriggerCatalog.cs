using System.Text.Json;
using EscalationStudio.Policies.Activities.Sla;
using EscalationStudio.Policies.Activities.Triggers;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>A published ticket trigger with its rule, read once from the indexed payload.</summary>
internal sealed record TicketTriggerRule(StoredTrigger Trigger, ITicketTriggerRule Rule);

/// <summary>Which indexed triggers are ticket triggers, and their rules read back from the indexed payloads.</summary>
internal static class TicketTriggerCatalog
{
    private static readonly Dictionary<string, Type> RuleTypes = new(StringComparer.Ordinal)
    {
        ["Escalation.TicketCreated"] = typeof(TicketCreatedRule),
        ["Escalation.CustomerMessageReceived"] = typeof(CustomerMessageRule),
        ["Escalation.EscalationRequested"] = typeof(EscalationRequestedRule),
        ["Escalation.ManualEscalation"] = typeof(EscalationRequestedRule),   // indexed before the rename
        ["Escalation.KeywordMatched"] = typeof(KeywordRule),
        ["Escalation.VipCustomer"] = typeof(VipRuleTrigger),
        ["Escalation.SentimentTurned"] = typeof(SentimentRule),
        ["Escalation.ManagerRequested"] = typeof(ManagerRequestRule),
        ["Escalation.SlaTimer"] = typeof(SlaTimerRule),
    };

    /// <summary>The ticket triggers among <paramref name="triggers"/>, each rule parsed here; others and unreadable ones left out.</summary>
    public static IReadOnlyList<TicketTriggerRule> RulesOf(IReadOnlyList<StoredTrigger> triggers) =>
        [.. triggers.Select(t => Read(t) is { } rule ? new TicketTriggerRule(t, rule) : null).OfType<TicketTriggerRule>()];

    private static ITicketTriggerRule? Read(StoredTrigger trigger)
    {
        if (!RuleTypes.TryGetValue(trigger.Trigger.Name, out var type))
        {
            return null;
        }

        try
        {
            return trigger.Trigger.Payload is null
                ? (ITicketTriggerRule?)Activator.CreateInstance(type)
                : (ITicketTriggerRule?)trigger.Trigger.Payload.Deserialize(type);
        }
        catch (JsonException)
        {
            // A payload of an older shape: the trigger cannot be evaluated, so it never fires rather than crashing dispatch.
            return null;
        }
    }
}
