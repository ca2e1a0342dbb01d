using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Signals;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Triggers;

[Activity("Escalation", "Escalation", "Fires when a ticket is created for a VIP customer, or for a customer whose lifetime value reaches the threshold.", DisplayName = "VIP customer")]
internal sealed class VipCustomer : TicketTrigger<VipRuleTrigger>
{
    protected override TicketEventFilter? ResumesOn => TicketEventFilter.On(TicketEventType.Created);

    [Input(Description = "Count customers flagged VIP in the CRM.", DefaultValue = true)]
    public Input<bool?>? HonourVipFlag { get; set; }

    [Input(Description = "Lifetime value from which a customer counts as VIP; leave empty to rely on the flag only.", UIHint = UIHints.SingleLine)]
    public Input<decimal?>? LifetimeValueThreshold { get; set; }

    public override VipRuleTrigger CreateRule(IActivityInputs inputs) =>
        new(inputs.GetOrDefault(HonourVipFlag), inputs.Get(LifetimeValueThreshold));
}

internal sealed record VipRuleTrigger(bool HonourVipFlag, decimal? LifetimeValueThreshold) : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context)
    {
        if (context.Event.Type != TicketEventType.Created)
        {
            return TriggerVerdict.No;
        }

        var customer = context.Ticket.Requester;
        var decision = new VipRule(HonourVipFlag, LifetimeValueThreshold).Evaluate(customer.IsVip, customer.LifetimeValue);
        return decision.IsVip ? TriggerVerdict.Yes(decision.Reason!) : TriggerVerdict.No;
    }
}
