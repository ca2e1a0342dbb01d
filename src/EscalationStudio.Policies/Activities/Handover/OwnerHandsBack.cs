using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities.Triggers;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Handover;

/// <summary>"Tier 2 is done" the way a floor says it: the owner hands the case back down.</summary>
[Activity("Escalation", "Escalation", "Waits until the case is handed back down a tier (by its owner, a lead or another policy).", DisplayName = "Owner hands back")]
internal sealed class OwnerHandsBack : TicketTrigger<OwnerHandsBackRule>
{
    protected override TicketEventFilter? ResumesOn => TicketEventFilter.On(TicketEventType.DeEscalated);

    public override OwnerHandsBackRule CreateRule(IActivityInputs inputs) => new();
}

internal sealed record OwnerHandsBackRule : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context) =>
        context.Event.Type == TicketEventType.DeEscalated
            ? TriggerVerdict.Yes($"{context.Event.Actor} handed the case back to {context.Event[TicketEventData.To]}"
                + (context.Event[TicketEventData.Note] is { Length: > 0 } note ? $": {note}" : string.Empty))
            : TriggerVerdict.No;
}
