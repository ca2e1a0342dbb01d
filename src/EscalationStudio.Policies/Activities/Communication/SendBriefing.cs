using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Briefings;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities.Communication;

[Activity("Escalation", "Escalation",
    "Renders a briefing template for the agent who owns the case and adds it to the ticket as an internal note, " +
    "so nobody restarts the case from zero.",
    DisplayName = "Send briefing")]
internal sealed class SendBriefing : Activity
{
    [Input(Description = "Template from templates/ (agent/...).", DefaultValue = "agent/escalation-briefing", UIHint = UIHints.DropDown, OptionsProvider = typeof(AgentTemplateOptions))]
    public Input<string>? Template { get; set; }

    [Input(Description = "Why the briefing is sent; empty = the reason of the last handover.", UIHint = UIHints.SingleLine)]
    public Input<string>? Reason { get; set; }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        await SendAsync(context, context.GetOrDefault(Template), context.Get(Reason));

    internal static async Task SendAsync(ActivityExecutionContext context, string? template, string? reason)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return;
        }

        var text = await context.GetRequiredService<BriefingComposer>().ComposeAsync(context, template, reason: string.IsNullOrWhiteSpace(reason) ? null : reason);
        var noted = await context.ChangeTicketAsync(desk => desk.AddInternalNoteAsync(context.TicketId(), text, context.Policy()));

        // The entry names its note: the delivery outbox sends that note's text to the tier's and owner's e-mail and chat.
        var note = noted.Messages.LastOrDefault(m => m.Kind == MessageKind.InternalNote && m.Body == text);
        var data = new Dictionary<string, string> { [TicketEventData.Policy] = context.DefinitionId };
        if (note is not null)
        {
            data[TicketEventData.MessageId] = note.Id.ToString();
        }

        await context.ChangeTicketAsync(desk => desk.AddTimelineEntryAsync(context.TicketId(), DeliveryPlan.BriefingSentKind, $"briefing '{template}' sent", context.Policy(), data));
    }
}
