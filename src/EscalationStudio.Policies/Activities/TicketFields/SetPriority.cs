using EscalationStudio.Domain.Tickets;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities.TicketFields;

[Activity("Escalation", "Escalation", "Sets the ticket's priority.", DisplayName = "Set priority")]
public sealed class SetPriority : Activity
{
    [Input(Description = "The new priority.", DefaultValue = TicketPriority.High, UIHint = UIHints.DropDown)]
    public Input<TicketPriority>? Priority { get; set; }

    [Input(Description = "Why; shown on the timeline.", UIHint = UIHints.SingleLine)]
    public Input<string>? Reason { get; set; }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        await context.ChangeTicketAsync(desk => desk.SetPriorityAsync(context.TicketId(), context.Get(Priority), context.Policy(), PolicyReasons.Of(context, context.Get(Reason))));
}
