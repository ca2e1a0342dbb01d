using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Sla;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities.WaitForTicket;

public enum TicketCondition
{
    Solved,
    CustomerReplied,
    AgentReplied,
    StatusChanged,

    /// <summary>Someone added the tag named in the activity, e.g. a specialist marking the blocking issue solved.</summary>
    TagAdded,
}

[Activity("Escalation", "Escalation", "Waits until the ticket is solved, the customer or an agent replies, or its status changes; or until the timeout passes.", DisplayName = "Wait for ticket")]
[FlowNode("Happened", "TimedOut")]
public sealed class WaitForTicket : Activity
{
    [Input(Description = "What to wait for.", DefaultValue = TicketCondition.Solved, UIHint = UIHints.DropDown)]
    public Input<TicketCondition>? Condition { get; set; }

    [Input(Description = "The tag to wait for when waiting for a tag, e.g. blocker-resolved.", UIHint = UIHints.SingleLine)]
    public Input<string>? Tag { get; set; }

    [Input(Description = "Give up after this long (calendar time), e.g. 2h or 30m; empty = wait as long as it takes.", UIHint = UIHints.SingleLine)]
    public Input<string>? Timeout { get; set; }

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var timeout = context.Get(Timeout);
        TicketWaits.WaitWithTimeout(context, string.IsNullOrWhiteSpace(timeout) ? null : DurationText.Parse(timeout, $"activity {context.Activity.Id}: Timeout"));
        return ValueTask.CompletedTask;
    }

    protected override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        if (TicketWaits.IsTimeout(context))
        {
            context.Complete("TimedOut");
        }
        else if (TicketWaits.ResumingEvent(context) is { } ticketEvent && Satisfies(context.Get(Condition), context.Get(Tag), ticketEvent))
        {
            context.Complete("Happened");
        }

        return ValueTask.CompletedTask;
    }

    private static bool Satisfies(TicketCondition condition, string? tag, TicketEvent e) => condition switch
    {
        TicketCondition.Solved => e.Type == TicketEventType.StatusChanged
            && (TicketWaits.Is(e[TicketEventData.To], TicketStatus.Solved) || TicketWaits.Is(e[TicketEventData.To], TicketStatus.Closed)),
        TicketCondition.CustomerReplied => e.Type == TicketEventType.MessageAdded && TicketWaits.Is(e[TicketEventData.MessageKind], MessageKind.Customer),
        TicketCondition.AgentReplied => e.Type == TicketEventType.MessageAdded && TicketWaits.Is(e[TicketEventData.MessageKind], MessageKind.Agent),
        TicketCondition.StatusChanged => e.Type == TicketEventType.StatusChanged,
        TicketCondition.TagAdded => e.Type == TicketEventType.TagAdded && string.Equals(e[TicketEventData.Tag], tag?.Trim(), StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
