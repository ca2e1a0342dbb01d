using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities.TicketFields;

[Activity("Escalation", "Escalation", "Adds a tag to the ticket.", DisplayName = "Add tag")]
public sealed class AddTag : Activity
{
    [Input(Description = "The tag, e.g. escalated or at-risk: one recent tickets or the policies use.", UIHint = UIHints.DropDown, OptionsProvider = typeof(TagOptions))]
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
