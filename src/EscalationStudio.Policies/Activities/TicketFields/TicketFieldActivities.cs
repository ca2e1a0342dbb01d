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

[Activity("Escalation", "Escalation", "Adds a tag to the ticket.", DisplayName = "Add tag")]
public sealed class AddTag : Activity
{
    [Input(Description = "The tag, e.g. escalated or at-risk.", UIHint = UIHints.SingleLine)]
    public Input<string>? Tag { get; set; }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var tag = context.Get(Tag);
        if (string.IsNullOrWhiteSpace(tag))
        {
            throw new InvalidOperationException($"activity {context.Activity.Id}: Tag is empty");
        }

        await context.ChangeTicketAsync(desk => desk.AddTagAsync(context.TicketId(), tag, context.Policy()));
    }
}

[Activity("Escalation", "Escalation", "Requires a manager's sign-off before the ticket may be solved; lower tiers cannot close it until then.", DisplayName = "Require sign-off")]
public sealed class RequireSignOff : Activity
{
    [Input(Description = "Why sign-off is needed; agents see it when they try to solve the ticket.", UIHint = UIHints.SingleLine)]
    public Input<string>? Reason { get; set; }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        await context.ChangeTicketAsync(desk => desk.RequireSignOffAsync(context.TicketId(), PolicyReasons.Of(context, context.Get(Reason)), context.Policy()));
}
