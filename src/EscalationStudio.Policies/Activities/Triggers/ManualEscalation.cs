using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Triggers;

[Activity("Escalation", "Escalation", "Starts the policy when an agent flags the ticket for escalation by hand.", DisplayName = "Manual escalation")]
public sealed class ManualEscalation : TicketTrigger<ManualEscalationRule>
{
    protected override TicketEventFilter? ResumesOn => TicketEventFilter.On(TicketEventType.EscalationRequested);

    public override ManualEscalationRule CreateRule(IActivityInputs inputs) => new();
}

public sealed record ManualEscalationRule : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context) =>
        context.Event.Type == TicketEventType.EscalationRequested
            ? TriggerVerdict.Yes($"{context.Event.Actor} asked for escalation: {context.Event[TicketEventData.Reason]}")
            : TriggerVerdict.No;
}
