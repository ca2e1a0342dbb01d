using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Triggers;

[Activity("Escalation", "Escalation", "Starts the policy, or continues it, when the customer writes a message.", DisplayName = "Customer message received")]
internal sealed class CustomerMessageReceived : TicketTrigger<CustomerMessageRule>
{
    protected override TicketEventFilter? ResumesOn => CustomerWords;

    public override CustomerMessageRule CreateRule(IActivityInputs inputs) => new();
}

internal sealed record CustomerMessageRule : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context) =>
        TicketTexts.IsCustomerMessage(context.Event) ? TriggerVerdict.Yes("the customer wrote a message") : TriggerVerdict.No;
}
