using System.Text.Json;
using EscalationStudio.Policies.Activities.Triggers;
using EscalationStudio.Workflows.Descriptors;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>A published ticket trigger with its rule, read once from the indexed payload.</summary>
internal sealed record TicketTriggerRule(StoredTrigger Trigger, ITicketTriggerRule Rule);

/// <summary>
/// Which indexed triggers are ticket triggers, and their rules read back from the indexed payloads. Built from the
/// engine's registry: every activity that declares a rule (<see cref="ITicketTrigger{TRule}"/>) is one, nothing else.
/// </summary>
internal sealed class TicketTriggerCatalog(ActivityRegistry registry)
{
    private readonly Dictionary<string, Type> _ruleTypes = registry.Registrations
        // Under former type names too: triggers indexed before a rename still fire.
        .SelectMany(r => ActivityRegistry.NamesOf(r).Select(name => (TypeName: name, Rule: RuleTypeOf(r.ClrType))))
        .Where(r => r.Rule is not null)
        .DistinctBy(r => r.TypeName)
        .ToDictionary(r => r.TypeName, r => r.Rule!, StringComparer.Ordinal);

    /// <summary>The rule type an activity class declares, or null when it is no ticket trigger.</summary>
    public static Type? RuleTypeOf(Type activityType) =>
        activityType.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ITicketTrigger<>))
            ?.GetGenericArguments()[0];

    /// <summary>The ticket triggers among <paramref name="triggers"/>, each rule parsed here; others and unreadable ones left out.</summary>
    public IReadOnlyList<TicketTriggerRule> RulesOf(IReadOnlyList<StoredTrigger> triggers) =>
        [.. triggers.Select(t => Read(t) is { } rule ? new TicketTriggerRule(t, rule) : null).OfType<TicketTriggerRule>()];

    private ITicketTriggerRule? Read(StoredTrigger trigger)
    {
        if (!_ruleTypes.TryGetValue(trigger.Trigger.Name, out var type))
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
