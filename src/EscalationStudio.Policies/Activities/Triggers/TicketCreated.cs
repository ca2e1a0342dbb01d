using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Triggers;

[Activity("Escalation", "Escalation", "Starts the policy when a ticket is created.", DisplayName = "Ticket created")]
internal sealed class TicketCreated : TicketTrigger<TicketCreatedRule>
{
    protected override TicketEventFilter? ResumesOn => TicketEventFilter.On(TicketEventType.Created);

    public override TicketCreatedRule CreateRule(IActivityInputs inputs) => new();
}

internal sealed record TicketCreatedRule : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context) =>
        context.Event.Type == TicketEventType.Created ? TriggerVerdict.Yes("the ticket was created") : TriggerVerdict.No;
}
