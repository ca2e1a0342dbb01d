using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities.Triggers;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Handover;

/// <summary>Someone with the authority decided an approval, either way; the reason says which.</summary>
[Activity("Escalation", "Escalation", "Waits until an approval on the ticket is granted or rejected; the Reason output says which and by whom.", DisplayName = "Approval decided")]
internal sealed class ApprovalDecided : TicketTrigger<ApprovalDecidedRule>
{
    protected override TicketEventFilter? ResumesOn => TicketEventFilter.On(TicketEventType.ApprovalGranted)
        .Or(TicketEventType.TimelineEntry, TicketEventData.Kind, Ticket.ApprovalRejectedKind);

    public override ApprovalDecidedRule CreateRule(IActivityInputs inputs) => new();
}

internal sealed record ApprovalDecidedRule : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context) => context.Event switch
    {
        { Type: TicketEventType.ApprovalGranted } e => TriggerVerdict.Yes($"{e.Actor} approved the {e[TicketEventData.ApprovalKind]}"),
        { Type: TicketEventType.TimelineEntry } e when e[TicketEventData.Kind] == Ticket.ApprovalRejectedKind =>
            TriggerVerdict.Yes($"{e.Actor} rejected the {e[TicketEventData.ApprovalKind]}: {e[TicketEventData.Reason]}"),
        _ => TriggerVerdict.No,
    };
}
