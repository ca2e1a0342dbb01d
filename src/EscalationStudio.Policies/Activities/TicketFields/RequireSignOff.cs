using EscalationStudio.Domain.Tickets;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities.TicketFields;

[Activity("Escalation", "Escalation", "Requires a manager's sign-off before the ticket may be solved; lower tiers cannot close it until then.", DisplayName = "Require sign-off")]
public sealed class RequireSignOff : Activity
{
    [Input(Description = "Why sign-off is needed; agents see it when they try to solve the ticket.", UIHint = UIHints.SingleLine)]
    public Input<string>? Reason { get; set; }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        await context.ChangeTicketAsync(desk => desk.RequireSignOffAsync(context.TicketId(), PolicyReasons.Of(context, context.Get(Reason)), context.Policy()));
}
