using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Triggers;

[Activity("Escalation", "Escalation", "Starts the policy when a ticket is created.", DisplayName = "Ticket created")]
public sealed class TicketCreated : TicketTrigger
{
    protected override TicketEventFilter? ResumesOn => TicketEventFilter.On(TicketEventType.Created);

    public override ITicketTriggerRule CreateRule(IActivityInputs inputs) => new TicketCreatedRule();
}

public sealed record TicketCreatedRule : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context) =>
        context.Event.Type == TicketEventType.Created ? TriggerVerdict.Yes("the ticket was created") : TriggerVerdict.No;
}

[Activity("Escalation", "Escalation", "Starts the policy, or continues it, when the customer writes a message.", DisplayName = "Customer message received")]
public sealed class CustomerMessageReceived : TicketTrigger
{
    protected override TicketEventFilter? ResumesOn => CustomerWords;

    public override ITicketTriggerRule CreateRule(IActivityInputs inputs) => new CustomerMessageRule();
}

public sealed record CustomerMessageRule : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context) =>
        TicketTexts.IsCustomerMessage(context.Event) ? TriggerVerdict.Yes("the customer wrote a message") : TriggerVerdict.No;
}

// Named after the domain's event (an agent's manual flag is an escalation request); policies written before the
// rename say "Escalation.ManualEscalation" and still load.
[Activity("Escalation", "Escalation", "Starts the policy when an agent flags the ticket for escalation by hand.", DisplayName = "Escalation requested",
    FormerTypes = ["ManualEscalation"])]
public sealed class EscalationRequested : TicketTrigger
{
    protected override TicketEventFilter? ResumesOn => TicketEventFilter.On(TicketEventType.EscalationRequested);

    public override ITicketTriggerRule CreateRule(IActivityInputs inputs) => new EscalationRequestedRule();
}

public sealed record EscalationRequestedRule : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context) =>
        context.Event.Type == TicketEventType.EscalationRequested
            ? TriggerVerdict.Yes($"{context.Event.Actor} asked for escalation: {context.Event[TicketEventData.Reason]}")
            : TriggerVerdict.No;
}
