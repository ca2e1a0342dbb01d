using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Briefings;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities.Communication;

[Activity("Escalation", "Escalation",
    "Renders a customer template, records the text on the ticket timeline and sends it to the requester by e-mail " +
    "(when the server sends e-mail).",
    DisplayName = "Notify customer")]
internal sealed class NotifyCustomer : Activity
{
    public const string TimelineKind = DeliveryPlan.CustomerNotificationKind;

    [Input(Description = "Template from templates/ (customer/...).", DefaultValue = "customer/case-escalated", UIHint = UIHints.DropDown, OptionsProvider = typeof(CustomerTemplateOptions))]
    public Input<string>? Template { get; set; }

    [Output(Description = "The rendered text.")]
    public Output<string>? Text { get; set; }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var template = context.GetOrDefault(Template);
        var text = await context.GetRequiredService<BriefingComposer>().ComposeAsync(context, template);
        await context.ChangeTicketAsync(desk => desk.AddTimelineEntryAsync(context.TicketId(), TimelineKind, text, context.Policy(),
            new Dictionary<string, string> { [TicketEventData.Policy] = context.DefinitionId, ["template"] = template }));
        context.Set(Text, text);
    }
}
