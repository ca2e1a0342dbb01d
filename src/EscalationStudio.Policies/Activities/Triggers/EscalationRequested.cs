using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Triggers;

// Named after the domain's event (an agent's manual flag is an escalation request); policies written before the
// rename say "Escalation.ManualEscalation" and still load.
[Activity("Escalation", "Escalation", "Starts the policy when an agent flags the ticket for escalation by hand.", DisplayName = "Escalation requested",
    FormerTypes = ["ManualEscalation"])]
public sealed class EscalationRequested : TicketTrigger<EscalationRequestedRule>
{
    protected override TicketEventFilter? ResumesOn => TicketEventFilter.On(TicketEventType.EscalationRequested);

    public override EscalationRequestedRule CreateRule(IActivityInputs inputs) => new();
}

public sealed record EscalationRequestedRule : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context) =>
        context.Event.Type == TicketEventType.EscalationRequested
            ? TriggerVerdict.Yes($"{context.Event.Actor} asked for escalation: {context.Event[TicketEventData.Reason]}")
            : TriggerVerdict.No;
}
