using System.Collections.Concurrent;
using System.Text.Json;
using EscalationStudio.Policies.Activities.Sla;
using EscalationStudio.Policies.Activities.Triggers;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>Which indexed triggers are ticket triggers, and their rules read back from the indexed payloads.</summary>
internal static class TicketTriggerCatalog
{
    private static readonly Dictionary<string, Type> RuleTypes = new(StringComparer.Ordinal)
    {
        ["Escalation.TicketCreated"] = typeof(TicketCreatedRule),
        ["Escalation.CustomerMessageReceived"] = typeof(CustomerMessageRule),
        ["Escalation.ManualEscalation"] = typeof(ManualEscalationRule),
        ["Escalation.KeywordMatched"] = typeof(KeywordRule),
        ["Escalation.VipCustomer"] = typeof(VipRuleTrigger),
        ["Escalation.SentimentTurned"] = typeof(SentimentRule),
        ["Escalation.ManagerRequested"] = typeof(ManagerRequestRule),
        ["Escalation.SlaTimer"] = typeof(SlaTimerRule),
    };

    private static readonly ConcurrentDictionary<string, ITicketTriggerRule?> Rules = new(StringComparer.Ordinal);

    public static ITicketTriggerRule? RuleOf(StoredTrigger trigger) =>
        Rules.GetOrAdd(trigger.Id, _ => Read(trigger));

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
